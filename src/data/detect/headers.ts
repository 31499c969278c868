/**
 * Column names compared loosely: case, punctuation, spaces, ZWNJ, Arabic/Persian letter variants
 * and digits do not matter. Also: a stable signature of a header row, the script of the headers
 * (Persian vs Arabic) and currency hints written in a header or a value ("مبلغ (تومان)", "$12").
 */
import { normaliseDigits } from './numbers';

const LETTER_VARIANTS: Record<string, string> = {
  'ي': 'ی', 'ى': 'ی', 'ئ': 'ی', 'ك': 'ک', 'ة': 'ه', 'ۀ': 'ه', 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ؤ': 'و',
};

/**
 * `"Customer ID"`, `"customer_id"`, `"customerId"` → `"customerid"`; `"مبلغ (تومان)"` → `"مبلغتومان"`;
 * `"رقم العميل"` and `"رقم العمیل"` → the same string. Keeps letters and digits only.
 */
export function normaliseHeader(h: string): string {
  return normaliseDigits(h.normalize('NFKC').toLowerCase())
    .replace(/[يىئكةۀأإآٱؤ]/g, (c) => LETTER_VARIANTS[c])
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** FNV-1a, 32 bit, over UTF-16 code units: small, stable across runs and platforms. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A key for "files shaped like this one" (the app remembers a confirmed mapping under it):
 * `<count>-<hash of the sorted normalised headers>`. Column order, case and spacing do not change it.
 */
export function headerSignature(headers: string[]): string {
  const norm = headers.map(normaliseHeader).sort();
  return `${headers.length}-${fnv1a(norm.join('\u0001'))}`;
}

/** Which script the headers are written in: Persian letters (پ چ ژ گ ک ی) → `fa`; other Arabic → `ar`. */
export function headerScript(headers: string[]): 'fa' | 'ar' | 'latin' {
  const text = headers.join(' ');
  const arabicScript = (text.match(/[\u0600-\u06ff]/g) ?? []).length;
  if (arabicScript === 0) return 'latin';
  const persian = (text.match(/[پچژگکی]/g) ?? []).length;
  const arabic = (text.match(/[يكة]|ال/g) ?? []).length;
  return persian >= arabic ? 'fa' : 'ar';
}

const ISO_CODES = [
  'USD', 'EUR', 'GBP', 'INR', 'IRR', 'IRT', 'AED', 'SAR', 'QAR', 'KWD', 'BHD', 'OMR', 'JOD', 'IQD', 'EGP',
  'TRY', 'JPY', 'CNY', 'RUB', 'CAD', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'PKR', 'AFN',
];
const SYMBOLS: [RegExp, string][] = [
  [/د\.إ|درهم|dirham/i, 'AED'], [/ر\.س|riyal/i, 'SAR'], [/ر\.ق/, 'QAR'], [/د\.ك/, 'KWD'], [/ج\.م/, 'EGP'],
  [/€/, 'EUR'], [/£/, 'GBP'], [/₹|\bRs\.?(?![a-z])/, 'INR'], [/₺/, 'TRY'], [/₽/, 'RUB'], [/¥/, 'JPY'], [/؋/, 'AFN'],
  [/US\$|\$/, 'USD'],
];

/**
 * The currency named in a header or value, as an ISO code (`IRT` = Toman, `IRR` = Rial), or null.
 * A rial (`ریال`, `ريال`, `﷼`, "rial") is Iranian unless `lang` is `ar` (then Saudi riyal, SAR).
 */
export function currencyFromText(s: string, lang: 'fa' | 'ar' | 'latin' = 'latin'): string | null {
  if (/تومان|toman/i.test(s)) return 'IRT';
  if (/ریال|ريال|﷼|\brials?\b/i.test(s)) return lang === 'ar' ? 'SAR' : 'IRR';
  const code = new RegExp(`(?:^|[^A-Za-z])(${ISO_CODES.join('|')})(?![A-Za-z])`).exec(s);
  if (code) return code[1];
  const lower = s.trim().toUpperCase();
  if (/^[a-z]{3}$/.test(s.trim()) && ISO_CODES.includes(lower)) return lower;
  for (const [re, iso] of SYMBOLS) if (re.test(s)) return iso;
  return null;
}
