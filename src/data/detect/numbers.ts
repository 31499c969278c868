/**
 * Amounts as shop exports write them: Persian/Arabic-Indic digits, `٬` `,` `'` and spaces as
 * thousands separators, `٫` or `.` (or `,` in European files) as the decimal separator, currency
 * symbols and words around the number, negatives as `-1`, `1-` or `(1)`.
 *
 * The same rules exist twice: `parseAmount` (JS, for previews) and `amountSqlExpr` (DuckDB SQL,
 * for millions of rows). Both are built from the constants below and run the same steps in the
 * same order, so they agree (test/data/detect/numbers-sql.test.ts checks this on the real engine).
 * Only JS/RE2-compatible regex syntax is used: `[0-9]` (never `\d` or `\s`), `(?:…)`, no lookaround.
 */

/** How the decimal separator is written. */
export type AmountStyle = 'dot-decimal' | 'comma-decimal';

/** Persian (U+06F0…) then Arabic-Indic (U+0660…) digits: use with DuckDB `translate(x, FROM, TO)`. */
export const SQL_DIGIT_FROM = '۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩';
/** ASCII digits matching `SQL_DIGIT_FROM` character by character. */
export const SQL_DIGIT_TO = '01234567890123456789';

/** Space-like characters turned into a plain space: NBSP, figure, thin, narrow NBSP. */
const SPACE_CHARS = '\u00a0\u2007\u2009\u202f';
/** Invisible bidi/joiner marks that RTL exports put around numbers; deleted. */
export const INVISIBLE_CHARS = '\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff';
/**
 * Step 1 of every pipeline, only for values with non-ASCII characters (DuckDB's `translate` is
 * slow, so ASCII values skip it): Persian/Arabic-Indic digits → ASCII, odd spaces → ' ',
 * U+2212 → '-', invisible marks deleted. Characters past the end of `CLEAN_TO` are deleted.
 */
export const CLEAN_FROM = SQL_DIGIT_FROM + SPACE_CHARS + '\u2212' + INVISIBLE_CHARS;
export const CLEAN_TO = SQL_DIGIT_TO + ' '.repeat(SPACE_CHARS.length) + '-';
/** Whitespace as the patterns see it (after step 1). */
export const WS = '[ \\t\\r\\n]';

/** Currency symbols and words removed wherever they appear (longest first, case-insensitive). */
const CURRENCY_TOKENS = [
  'تومان', 'ریال', 'ريال', 'درهم', 'دينار', 'دینار', 'ر.س', 'د.إ', 'ج.م', 'ر.ق', 'د.ك', 'ل.ل',
  'tomans', 'toman', 'rials', 'rial', 'riyals', 'riyal', 'dirhams', 'dirham', 'dinars', 'dinar',
  'USD', 'EUR', 'GBP', 'INR', 'IRR', 'IRT', 'AED', 'SAR', 'QAR', 'KWD', 'BHD', 'OMR', 'JOD', 'IQD',
  'EGP', 'TRY', 'JPY', 'CNY', 'RUB', 'CAD', 'AUD', 'NZD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'PKR',
  'Rs.', 'Rs', 'US$', 'A$', 'C$',
  '$', '€', '£', '¥', '₹', '﷼', '₺', '₽', '₩', '₪', '₫', '₱', '฿', '₦', '₴', '¢', '؋',
];
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Alternation of `CURRENCY_TOKENS` (regex source, same in JS and RE2). */
export const CURRENCY_PATTERN = [...CURRENCY_TOKENS].sort((a, b) => b.length - a.length).map(escapeRe).join('|');

/** A whitespace between two digits is a thousands separator: it becomes `'` (one in both styles). */
const DIGIT_SPACE_PATTERN = `([0-9])${WS}([0-9])`;

interface StyleRules {
  /** Non-ASCII separators → ASCII, appended to step 1: ٫ is decimal, ٬ and ، thousands, ’ = '. */
  from: string; to: string;
  /** Thousands and decimal separator classes after step 1. */
  thousands: string; decimal: string;
  /** Plain numbers that SQL casts directly (a shortcut, same result as the full pipeline). */
  fast: string;
}
const STYLES: Record<AmountStyle, StyleRules> = {
  'dot-decimal': { from: '٫٬،’', to: '.,,\'', thousands: "[,']", decimal: '\\.', fast: '-?[0-9]{1,15}(?:\\.[0-9]{1,15})?' },
  'comma-decimal': { from: '٫٬،’', to: ',..\'', thousands: "[.']", decimal: ',', fast: '-?[0-9]{1,15}(?:,[0-9]{1,15})?' },
};

/** `1,234.5`, `1,00,000` (Indian grouping), `12`, `.5`, `5.`, `1.2E+05` (separators per style). */
function numberPattern(st: StyleRules): string {
  const int = `[0-9]{1,3}(?:${st.thousands}[0-9]{2,3})*${st.thousands}[0-9]{3}|[0-9]+`;
  return `(?:(?:${int})(?:${st.decimal}[0-9]*)?|${st.decimal}[0-9]+)(?:[eE][-+]?[0-9]+)?`;
}
const patterns = (style: AmountStyle) => {
  const n = numberPattern(STYLES[style]);
  return { parenNeg: `^\\((${n})\\)$`, trailingNeg: `^(${n})-$`, signed: `^[-+]?${n}$` };
};

function translate(s: string, from: string, to: string): string {
  const src = [...from];
  const dst = [...to];
  let out = '';
  for (const ch of s) {
    const i = src.indexOf(ch);
    if (i < 0) out += ch;
    else if (i < dst.length) out += dst[i];
  }
  return out;
}

/** Step 1 in JS: ASCII values unchanged, others through `translate(CLEAN_FROM + extraFrom → CLEAN_TO + extraTo)`. */
export function cleanText(s: string, extraFrom = '', extraTo = ''): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  return translate(s, extraFrom + CLEAN_FROM, extraTo + CLEAN_TO);
}

/** Step 1 in SQL (`strlen` counts bytes, `length` characters: equal only for ASCII). */
export function cleanSql(e: string, extraFrom = '', extraTo = ''): string {
  return `(CASE WHEN strlen(${e}) = length(${e}) THEN ${e} ELSE translate(${e}, ${sqlString(extraFrom + CLEAN_FROM)}, ${sqlString(extraTo + CLEAN_TO)}) END)`;
}

/** Persian `۰–۹` and Arabic-Indic `٠–٩` digits → ASCII `0–9`; everything else unchanged. */
export function normaliseDigits(s: string): string {
  return s.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (c) => {
    const code = c.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

const currencyRe = new RegExp(CURRENCY_PATTERN, 'gi');
const digitSpaceRe = new RegExp(DIGIT_SPACE_PATTERN, 'g');
const wsRe = new RegExp(WS, 'g');

/**
 * A cell as an amount, or null when empty or not a number.
 * @param style how the decimal separator is written (default `dot-decimal`); use
 *   `detectAmountStyle` on the column's values to choose.
 */
export function parseAmount(s: string | null | undefined, style: AmountStyle = 'dot-decimal'): number | null {
  if (s == null) return null;
  const st = STYLES[style];
  const p = patterns(style);
  let t = cleanText(s, st.from, st.to);
  t = t.replace(currencyRe, '');
  t = t.replace(digitSpaceRe, "$1'$2");
  t = t.replace(wsRe, '');
  t = t.replace(new RegExp(p.parenNeg), '-$1');
  t = t.replace(new RegExp(p.trailingNeg), '-$1');
  if (!new RegExp(p.signed).test(t)) return null;
  t = t.replace(new RegExp(st.thousands, 'g'), '');
  const n = Number(style === 'comma-decimal' ? t.replace(',', '.') : t);
  return Number.isFinite(n) ? n : null;
}

/** A string as a DuckDB string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * DuckDB SQL for the same conversion as `parseAmount`: VARCHAR → DOUBLE, NULL when unparseable.
 * Plain numbers (`1234.5`) take a direct cast; everything else the full pipeline.
 * @param columnSqlIdentifier an already quoted identifier or any VARCHAR SQL expression
 */
export function amountSqlExpr(columnSqlIdentifier: string, style: AmountStyle = 'dot-decimal'): string {
  const st = STYLES[style];
  const p = patterns(style);
  const col = `${columnSqlIdentifier}::VARCHAR`;
  let e = cleanSql(col, st.from, st.to);
  e = `regexp_replace(${e}, ${sqlString(CURRENCY_PATTERN)}, '', 'gi')`;
  e = `regexp_replace(${e}, ${sqlString(DIGIT_SPACE_PATTERN)}, '\\1''\\2', 'g')`;
  e = `regexp_replace(${e}, ${sqlString(WS)}, '', 'g')`;
  e = `regexp_replace(${e}, ${sqlString(p.parenNeg)}, '-\\1')`;
  e = `regexp_replace(${e}, ${sqlString(p.trailingNeg)}, '-\\1')`;
  e = `regexp_extract(${e}, ${sqlString(p.signed)})`;
  e = `regexp_replace(${e}, ${sqlString(st.thousands)}, '', 'g')`;
  if (style === 'comma-decimal') e = `replace(${e}, ',', '.')`;
  const fast = style === 'comma-decimal' ? `replace(${col}, ',', '.')` : col;
  // A huge exponent casts to inf; parseAmount gives null, so keep finite values only.
  const slow = `list_filter([TRY_CAST(${e} AS DOUBLE)], lambda x: isfinite(x))[1]`;
  return `(CASE WHEN regexp_full_match(${col}, ${sqlString(st.fast)}) THEN ${fast}::DOUBLE ELSE ${slow} END)`;
}

/**
 * Which decimal separator a column uses, from its values. `1.234,56`, `12,5`, `1.234.567` vote for
 * comma-decimal; `1,234.56`, `12.5`, `1,234,567` for dot-decimal; `1.234` and `1,234` are ambiguous
 * and do not vote. Dot-decimal wins ties (including no evidence at all).
 */
export function detectAmountStyle(samples: string[]): AmountStyle {
  let comma = 0;
  let dot = 0;
  for (const raw of samples) {
    if (!raw) continue;
    const s = cleanText(raw).replace(currencyRe, '').replace(/[ '’٬]/g, '').replace(/٫/g, '');
    if (!/^[-+(]?[0-9.,]*[0-9][0-9.,]*[-)]?$/.test(s)) continue;
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastComma > lastDot) comma++;
      else dot++;
    } else if (lastComma >= 0) {
      if (s.split(',').length > 2) dot++;
      else if (/,[0-9]{3}$/.test(s.replace(/[-)]$/, ''))) continue;
      else comma++;
    } else if (lastDot >= 0) {
      if (s.split('.').length > 2) comma++;
      else if (/\.[0-9]{3}$/.test(s.replace(/[-)]$/, ''))) continue;
      else dot++;
    }
  }
  return comma > dot ? 'comma-decimal' : 'dot-decimal';
}
