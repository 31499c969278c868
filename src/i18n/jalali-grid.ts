/**
 * Pure helpers for the Jalali date picker (src/components/DateInput.svelte): the month grid
 * (weeks start on Saturday), day arithmetic on ISO days, and why a typed Jalali date is not valid.
 * Days are ISO Gregorian `YYYY-MM-DD` strings throughout (the app's value format); conversions go
 * through src/i18n/dates.ts (jalaali-js).
 */
import { toJalaali, isLeapJalaaliYear, isValidJalaaliDate } from 'jalaali-js';
import { isoOfJalali, jalaliMonthLength, latinDigits } from './dates';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const DAY_MS = 86_400_000;

const msOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const isIsoDay = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(msOf(s));

/** The day n days after (before, when negative) an ISO day. */
export const addDays = (iso: string, n: number): string => isoOf(msOf(iso) + n * DAY_MS);

/** Column of a day in a Saturday-first week: 0 = Saturday … 6 = Friday. */
export const weekdayFromSaturday = (iso: string): number => (new Date(msOf(iso)).getUTCDay() + 1) % 7;

export const startOfWeek = (iso: string): string => addDays(iso, -weekdayFromSaturday(iso));
export const endOfWeek = (iso: string): string => addDays(iso, 6 - weekdayFromSaturday(iso));

/** The Jalali year, month and day of an ISO day. */
export function jalaliOf(iso: string): { jy: number; jm: number; jd: number } {
  const [gy, gm, gd] = iso.slice(0, 10).split('-').map(Number);
  return toJalaali(gy, gm, gd);
}

/**
 * The same day n Jalali months later (earlier, when negative), clamped to the target month's
 * length (1403/12/30 + 12 months = 1404/12/29).
 */
export function addJalaliMonths(iso: string, n: number): string {
  const { jy, jm, jd } = jalaliOf(iso);
  const k = jy * 12 + (jm - 1) + n;
  const y = Math.floor(k / 12), m = (k % 12) + 1;
  return isoOfJalali(y, m, Math.min(jd, jalaliMonthLength(y, m)))!;
}

/** The first and the last day of the Jalali month an ISO day falls in. */
export function jalaliMonthStart(iso: string): string {
  const { jy, jm } = jalaliOf(iso);
  return isoOfJalali(jy, jm, 1)!;
}
export function jalaliMonthEnd(iso: string): string {
  const { jy, jm } = jalaliOf(iso);
  return isoOfJalali(jy, jm, jalaliMonthLength(jy, jm))!;
}

export interface GridDay {
  iso: string;
  jy: number;
  jm: number;
  jd: number;
  /** in the month the grid shows (the leading/trailing days of the neighbour months are not) */
  inMonth: boolean;
}

/**
 * A Jalali month as weeks of 7 days, Saturday first, padded with the neighbour months' days to
 * whole weeks (4 to 6 weeks).
 */
export function jalaliMonthGrid(jy: number, jm: number): GridDay[][] {
  const first = isoOfJalali(jy, jm, 1);
  if (!first) throw new RangeError(`no Jalali month ${jy}/${jm}`);
  const last = addDays(first, jalaliMonthLength(jy, jm) - 1);
  const weeks: GridDay[][] = [];
  for (let day = startOfWeek(first); day <= last; ) {
    const week: GridDay[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) {
      const j = jalaliOf(day);
      week.push({ iso: day, ...j, inMonth: j.jy === jy && j.jm === jm });
    }
    weeks.push(week);
  }
  return weeks;
}

/** Today in the reader's time zone (not UTC: just after midnight in Tehran, UTC is still on yesterday). */
export function todayIso(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An ISO day kept within [min, max] (either may be missing). */
export function clampDay(iso: string, min?: string, max?: string): string {
  if (min && iso < min) return min;
  if (max && iso > max) return max;
  return iso;
}

/** Whether a day lies outside [min, max]. */
export const outOfRange = (iso: string, min?: string, max?: string): boolean =>
  (!!min && isIsoDay(min) && iso < min) || (!!max && isIsoDay(max) && iso > max);

/** A typed Jalali date read: the ISO day, or why there is none. */
export type JalaliReading =
  | { ok: true; iso: string }
  | { ok: false; reason: 'format' }
  | { ok: false; reason: 'range'; y: number; m: number; d: number }
  | { ok: false; reason: 'month'; y: number; m: number; d: number }
  | { ok: false; reason: 'leap'; y: number; m: number; d: number }
  | { ok: false; reason: 'length'; y: number; m: number; d: number; length: number };

/**
 * A date typed in the Jalali calendar: `1403/01/15`, `1403-1-15`, `1403.01.15`, `14030115` in
 * Latin, Persian or Arabic-Indic digits. A year of 1700 or later is read as an ISO Gregorian day (a
 * pasted `2024-03-20`; Jalali years that large are centuries away), as src/i18n/dates.ts
 * fmtPeriod does. Explains invalid dates: month 13, Esfand 30 in a common year, Mehr 31.
 */
export function readJalali(text: string): JalaliReading {
  const plain = latinDigits(text.trim());
  const m = plain.match(/^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$/) ?? plain.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!m) return { ok: false, reason: 'format' };
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  if (y >= 1700) {
    const iso = `${m[1]}-${pad(mo)}-${pad(d)}`;
    const t = msOf(iso);
    if (!Number.isNaN(t) && isoOf(t) === iso) return { ok: true, iso };
    return { ok: false, reason: 'format' };
  }
  if (mo < 1 || mo > 12) return { ok: false, reason: 'month', y, m: mo, d };
  if (!isValidJalaaliDate(y, mo, 1)) return { ok: false, reason: 'range', y, m: mo, d };
  const length = jalaliMonthLength(y, mo);
  if (d < 1 || d > length) {
    if (mo === 12 && d === 30 && !isLeapJalaaliYear(y)) return { ok: false, reason: 'leap', y, m: mo, d };
    return { ok: false, reason: 'length', y, m: mo, d, length };
  }
  return { ok: true, iso: isoOfJalali(y, mo, d)! };
}
