/**
 * What the charts take from the reader's preferences (src/i18n/prefs.svelte.ts): the direction
 * (right-to-left charts are mirrored), default number formats in the reader's locale and digits,
 * text width estimates for Persian/Arabic labels (Vazirmatn) and time-axis ticks in the display
 * calendar (Jalali month starts and names). Reading `prefs` inside a Svelte effect (Chart.svelte)
 * redraws the chart when the language, digits or calendar change.
 */
import { scaleUtc, utcDay } from 'd3';
import { toGregorian } from 'jalaali-js';
import { isRtl, prefs } from '../i18n/prefs.svelte';
import { numberFormat, localDigits } from '../i18n/numbers';
import { dayParts, monthName } from '../i18n/dates';

/** A chart's direction: the spec's explicit `rtl`, else the document's (the reader's language). */
export const chartRtl = (rtl?: boolean | null): boolean => rtl ?? isRtl();

const nf = (o: Intl.NumberFormatOptions) => numberFormat(prefs.lang, prefs.digits, o);

/** Default value format: like `n.toLocaleString()` (up to 3 decimals), in the reader's locale and digits. */
export const fmtNumber = (n: number): string => nf({ maximumFractionDigits: 3 }).format(n);
/** A whole number in the reader's locale and digits. */
export const fmtWhole = (n: number): string => nf({ maximumFractionDigits: 0 }).format(n);
/** A share 0..1 as a percentage ("25%", "۲۵٪"). */
export const fmtShare = (x: number, digits = 0): string => nf({ style: 'percent', maximumFractionDigits: digits }).format(x);
/** A signed whole number with a true minus sign (U+2212), as on the NPS scale: "−100", "−۱۰۰". */
export const fmtSigned = (n: number): string => (n < 0 ? `−${fmtWhole(-n)}` : fmtWhole(n));

/** Letters of right-to-left scripts (Hebrew, Arabic, Persian), not their digits or separators. */
const RTL_LETTER = /[\u05D0-\u05EA\u0620-\u064A\u066E-\u06D3\u06D5\u06E5\u06E6\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/;
export const hasRtlLetters = (s: string): boolean => RTL_LETTER.test(s);

const ZERO_WIDTH = /[\u064B-\u065F\u0670\u06D6-\u06ED\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/;
const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]/;

/**
 * Estimated width in px of `s` in 12 px chart text (no layout is available before drawing, nor in
 * tests): ~6.6 px per Latin character or digit (the estimate every chart used), 7.2 px per
 * Persian/Arabic letter (Vazirmatn's letters average ~0.6 em, wide isolated and final forms
 * included), nothing for marks, ZWNJ and bidi controls. `px` scales it to other sizes.
 */
export function textWidth(s: string | null | undefined, px = 12): number {
  let other = 0, arabic = 0;
  for (const ch of String(s ?? '')) {
    if (ZERO_WIDTH.test(ch)) continue;
    if (ARABIC_LETTER.test(ch)) arabic++;
    else other++;
  }
  const w = other * 6.6 + arabic * 7.2;
  return px === 12 ? w : (w * px) / 12;
}

/** Widest of `labels` (textWidth), 0 for none. */
export const widest = (labels: readonly (string | null | undefined)[], px = 12): number => Math.max(0, ...labels.map((l) => textWidth(l, px)));

export interface CalendarTicks {
  values: Date[];
  /** the tick's label in the reader's language, digits and display calendar */
  label: (d: Date) => string;
}

const DAY = 86_400_000;

/** First day of month `m` of year `y` in the calendar, as UTC epoch ms. */
function monthStart(y: number, m: number, calendar: 'gregorian' | 'jalali'): number {
  if (calendar === 'gregorian') return Date.UTC(y, m - 1, 1);
  const g = toGregorian(y, m, 1);
  return Date.UTC(g.gy, g.gm - 1, g.gd);
}

/**
 * Ticks for a UTC time axis in the display calendar: on month starts (every 1, 2, 3, 4, 6 months,
 * as the width allows), on year starts for long spans, on days for spans under two months; each
 * labelled with its month name (its year on the first month of a year, as d3's default ticks do)
 * or day and month, in the reader's language and digits. In the Jalali calendar the months are
 * Jalali (Farvardin 1 …). Null for English in the Gregorian calendar: d3's own ticks and labels.
 */
export function calendarTicks(d0: Date, d1: Date, count: number, width: number): CalendarTicks | null {
  const { lang, digits, calendar } = prefs;
  if (lang === 'en' && calendar === 'gregorian') return null;
  const L = (s: string) => localDigits(s, lang, digits);
  const t0 = Math.min(+d0, +d1), t1 = Math.max(+d0, +d1);
  const n = Math.max(2, count);
  const fits = (labels: string[]) => labels.length <= n && labels.length * (widest(labels) + 12) <= width;

  const months: { y: number; m: number; ms: number }[] = [];
  let { y, m } = dayParts(t0, calendar);
  for (let guard = 0; guard < 12 * 400; guard++) {
    const ms = monthStart(y, m, calendar);
    if (ms > t1) break;
    if (ms >= t0) months.push({ y, m, ms });
    if (++m > 12) { m = 1; y++; }
  }
  const monthLabel = (p: { y: number; m: number }) => (p.m === 1 ? L(String(p.y)) : monthName(p.m, calendar, lang, 'short'));

  if (months.length >= 2) {
    const candidates: { values: number[]; labels: string[] }[] = [];
    for (const k of [1, 2, 3, 4, 6]) {
      const picked = months.filter((p) => (p.m - 1) % k === 0);
      candidates.push({ values: picked.map((p) => p.ms), labels: picked.map(monthLabel) });
    }
    const years = months.filter((p) => p.m === 1);
    for (const j of [1, 2, 5, 10, 20, 50, 100]) {
      const picked = years.filter((p) => p.y % j === 0);
      candidates.push({ values: picked.map((p) => p.ms), labels: picked.map((p) => L(String(p.y))) });
    }
    let best = candidates.find((c) => c.values.length >= 2 && fits(c.labels));
    if (!best) {
      // Nothing fits: every s-th month start, as many as the width holds.
      const all = candidates[0];
      const room = Math.max(1, Math.floor(width / (widest(all.labels) + 12)));
      const s = Math.ceil(all.values.length / room);
      best = { values: all.values.filter((_, i) => i % s === 0), labels: all.labels.filter((_, i) => i % s === 0) };
    }
    const byMs = new Map(best.values.map((ms, i) => [ms, best!.labels[i]]));
    return { values: best.values.map((ms) => new Date(ms)), label: (d) => byMs.get(+d) ?? fmtTick(+d) };
  }
  // Under two month starts in view: days, labelled day and month.
  const days = Math.max(1, (t1 - t0) / DAY);
  const values = scaleUtc().domain([new Date(t0), new Date(t1)]).ticks(utcDay.every(Math.max(1, Math.ceil(days / n)))!);
  return { values, label: (d) => fmtTick(+d) };

  function fmtTick(ms: number): string {
    const p = dayParts(ms, calendar);
    return L(`${p.d} ${monthName(p.m, calendar, lang, 'short')}`);
  }
}
