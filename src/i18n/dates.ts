/**
 * Days and periods as the reader sees them: in the display calendar (Gregorian or Jalali — the
 * notebook's calendar parameter, so period labels and dates agree), the reader's language and
 * digits. Values stay ISO `YYYY-MM-DD` (Gregorian) everywhere else; only display converts.
 * Conversions: jalaali-js (the same library as the analyses' Jalali periods).
 */
import { toGregorian, toJalaali, isValidJalaaliDate, jalaaliMonthLength } from 'jalaali-js';
import { prefs, type DisplayCalendar } from './prefs.svelte';
import { LANGS, type Digits, type Lang } from './langs';
import { localDigits } from './numbers';

/** Jalali month names: Persian, also used in Arabic text about Iranian dates; English transliteration. */
export const JALALI_MONTHS: Record<Lang, readonly string[]> = {
  fa: ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'],
  ar: ['فروردين', 'أرديبهشت', 'خرداد', 'تير', 'مرداد', 'شهريور', 'مهر', 'آبان', 'آذر', 'دي', 'بهمن', 'إسفند'],
  en: ['Farvardin', 'Ordibehesht', 'Khordad', 'Tir', 'Mordad', 'Shahrivar', 'Mehr', 'Aban', 'Azar', 'Dey', 'Bahman', 'Esfand'],
};

const monthCache = new Map<string, string[]>();
/** Gregorian month names in a language (Intl), long or short. */
export function gregorianMonths(lang: Lang, width: 'long' | 'short' = 'long'): readonly string[] {
  const key = `${lang}|${width}`;
  let names = monthCache.get(key);
  if (!names) {
    const f = new Intl.DateTimeFormat(LANGS[lang].locale, { month: width, timeZone: 'UTC', calendar: 'gregory' });
    names = Array.from({ length: 12 }, (_, m) => f.format(Date.UTC(2024, m, 15)));
    monthCache.set(key, names);
  }
  return names;
}

export function monthName(month: number, calendar: DisplayCalendar, lang: Lang, width: 'long' | 'short' = 'long'): string {
  return calendar === 'jalali' ? JALALI_MONTHS[lang][month - 1] : gregorianMonths(lang, width)[month - 1];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Split an ISO day (or epoch ms, read in UTC) into its parts in a calendar. */
export function dayParts(day: string | number, calendar: DisplayCalendar): { y: number; m: number; d: number } {
  const iso = typeof day === 'number' ? new Date(day).toISOString().slice(0, 10) : day.slice(0, 10);
  const [gy, gm, gd] = iso.split('-').map(Number);
  if (calendar === 'gregorian') return { y: gy, m: gm, d: gd };
  const j = toJalaali(gy, gm, gd);
  return { y: j.jy, m: j.jm, d: j.jd };
}

export interface DayStyle {
  lang?: Lang;
  digits?: Digits;
  calendar?: DisplayCalendar;
  /** short: 2024-03-20 (en Gregorian) or 1403/01/01; long: 20 March 2024 / ۱ فروردین ۱۴۰۳ */
  style?: 'short' | 'long';
}

/** A day for display; null/invalid → "—". English Gregorian short stays ISO (unambiguous, sortable). */
export function fmtDay(day: string | number | null | undefined, o: DayStyle = {}): string {
  if (day === null || day === undefined || day === '') return '—';
  if (typeof day === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(day)) return day;
  if (typeof day === 'number' && !Number.isFinite(day)) return '—';
  const lang = o.lang ?? prefs.lang, digits = o.digits ?? prefs.digits, calendar = o.calendar ?? prefs.calendar;
  const { y, m, d } = dayParts(day, calendar);
  let text: string;
  if (o.style === 'long') text = lang === 'en' ? `${d} ${monthName(m, calendar, lang)} ${y}` : `${d} ${monthName(m, calendar, lang)} ${y}`;
  else if (lang === 'en' && calendar === 'gregorian') text = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  else text = `${pad(y, 4)}/${pad(m)}/${pad(d)}`;
  return localDigits(text, lang, digits);
}

/**
 * An analysis period label (src/analyses/periods.ts periodLabel: `2024-03`, `2024-Q1`, `2024-W09`,
 * `2024`, or a Jalali week's start `1403-01-04`) for display. The label is already in the
 * calendar it was computed in (prefs.calendar mirrors the notebook's); this only names months and
 * localises digits. Anything else is returned unchanged.
 */
export function fmtPeriod(label: string | null | undefined, o: Omit<DayStyle, 'style'> = {}): string {
  if (label === null || label === undefined) return '—';
  const lang = o.lang ?? prefs.lang, digits = o.digits ?? prefs.digits, calendar = o.calendar ?? prefs.calendar;
  const L = (s: string) => localDigits(s, lang, digits);
  let m: RegExpMatchArray | null;
  if ((m = label.match(/^(\d{4})-(\d{2})$/))) {
    if (lang === 'en' && calendar === 'gregorian') return label;
    return L(`${monthName(+m[2], calendar, lang, 'long')} ${m[1]}`);
  }
  if ((m = label.match(/^(\d{4})-Q([1-4])$/))) {
    if (lang === 'en') return label;
    return L(lang === 'fa' ? `فصل ${m[2]} ${m[1]}` : `الربع ${m[2]} ${m[1]}`);
  }
  if ((m = label.match(/^(\d{4})-W(\d{2})$/))) {
    if (lang === 'en') return label;
    return L(lang === 'fa' ? `هفته ${+m[2]} ${m[1]}` : `الأسبوع ${+m[2]} ${m[1]}`);
  }
  if ((m = label.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    // A Jalali week label is a Jalali date already; a Gregorian day is converted by fmtDay.
    if (calendar === 'jalali' && +m[1] < 1700) return L(`${m[1]}/${m[2]}/${m[3]}`);
    return fmtDay(label, { lang, digits, calendar });
  }
  if (/^\d{4}$/.test(label)) return L(label);
  return label;
}

/** ISO day of a Jalali date, or null when it does not exist (e.g. 1403/12/31 in a common year). */
export function isoOfJalali(jy: number, jm: number, jd: number): string | null {
  if (!isValidJalaaliDate(jy, jm, jd)) return null;
  const g = toGregorian(jy, jm, jd);
  return `${pad(g.gy, 4)}-${pad(g.gm)}-${pad(g.gd)}`;
}

export { jalaaliMonthLength as jalaliMonthLength };

const DIGIT_MAP: Record<string, string> = {};
'۰۱۲۳۴۵۶۷۸۹'.split('').forEach((c, i) => (DIGIT_MAP[c] = String(i)));
'٠١٢٣٤٥٦٧٨٩'.split('').forEach((c, i) => (DIGIT_MAP[c] = String(i)));

/** Persian/Arabic-Indic digits → Latin, so typed dates and numbers parse in any digits. */
export const latinDigits = (s: string) => s.replace(/[۰-۹٠-٩]/g, (c) => DIGIT_MAP[c]);

/**
 * A typed day in the display calendar → ISO, or null. Accepts `YYYY/MM/DD`, `YYYY-MM-DD`,
 * `YYYY.MM.DD` in any digits; in the Jalali calendar the year is Jalali (e.g. 1403/12/30).
 */
export function parseDay(text: string, calendar: DisplayCalendar): string | null {
  const m = latinDigits(text.trim()).match(/^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$/);
  if (!m) return null;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  if (calendar === 'jalali') return isoOfJalali(y, mo, d);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}
