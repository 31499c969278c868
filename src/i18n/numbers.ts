/**
 * Locale number formatters (cached: an Intl.NumberFormat costs far more than a format() call,
 * and a cohort table formats thousands of cells). Digits: Latin or the language's native digits
 * (Persian ۰–۹ / Arabic-Indic ٠–٩), with the locale's separators (fa: ٬ thousands, ٫ decimals).
 */
import { LANGS, type Digits, type Lang } from './langs';

const cache = new Map<string, Intl.NumberFormat>();

export function localeOf(lang: Lang, digits: Digits): string {
  const info = LANGS[lang];
  return `${info.locale}-u-nu-${digits === 'native' ? info.nativeDigits : 'latn'}`;
}

export function numberFormat(lang: Lang, digits: Digits, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${digits}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang, digits), options);
    cache.set(key, f);
  }
  return f;
}

const NATIVE: Record<string, string> = { arabext: '۰۱۲۳۴۵۶۷۸۹', arab: '٠١٢٣٤٥٦٧٨٩' };

/** Latin digits in a string (e.g. "1403/01/15") → the language's native digits when asked for. */
export function localDigits(s: string, lang: Lang, digits: Digits): string {
  if (digits === 'latn') return s;
  const set = NATIVE[LANGS[lang].nativeDigits];
  return set ? s.replace(/[0-9]/g, (d) => set[+d]) : s;
}
