/**
 * Date/time columns: which layout a column uses (`detectDateFormat`), reading one value in JS
 * (`parseDate`, for previews) and the same reading in DuckDB SQL (`dateSqlParts`, for loading).
 * Both use the regex sources below (JS and RE2 compatible) and the same range checks.
 * Values stay in the export's calendar: Jalali dates are converted by the loader over distinct
 * (y, mo, d) values with `jalaliToGregorian`.
 */
import { toGregorian, isValidJalaaliDate } from 'jalaali-js';
import { cleanSql, cleanText, sqlString, WS } from './numbers';

/** Layout of the date part. `ymd-compact` is `19970101`; `epoch-s`/`epoch-ms` are Unix times (UTC). */
export type DateOrder = 'ymd' | 'ymd-compact' | 'dmy' | 'mdy' | 'epoch-s' | 'epoch-ms';
/** Years 1300–1499 are read as Jalali (Solar Hijri); everything else as Gregorian. */
export type Calendar = 'gregorian' | 'jalali';

export interface DateFormat {
  format: DateOrder;
  calendar: Calendar;
  /** Some matched value carries a time of day. */
  hasTime: boolean;
  /** Some matched value carries a UTC offset (`Z`, `UTC`, `+03:30`, `-0500`). */
  hasOffset: boolean;
  /** Day/month order could not be decided from the values (no day > 12 seen): `format` is a guess. */
  ambiguous: boolean;
  /** Non-empty samples that parse in `format`. 0 means: not a date column. */
  matched: number;
  /** Non-empty samples looked at. */
  total: number;
}

/** One parsed value, in the export's calendar and wall-clock time. */
export interface DateParts {
  y: number; m: number; d: number; H: number; M: number; S: number;
  /** Minutes east of UTC written in the value, or null when the value has no offset. */
  offsetMinutes: number | null;
}

const TIME =
  `(?:(?:T|${WS}+|,${WS}*)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}(?:\\.[0-9]+)?))?(?:${WS}*([AaPp][Mm]))?` +
  `(?:${WS}*(Z|UTC|GMT|[+-][0-9]{2}(?::?[0-5][0-9])?))?)?${WS}*$`;
const SEP = '[-/.]';
/** Regex source per layout. Groups 1–3 are the date fields in the layout's order; 4 hour,
 *  5 minute, 6 seconds, 7 am/pm, 8 offset. */
export const DATE_PATTERNS: Record<DateOrder, string> = {
  ymd: `^${WS}*([0-9]{4})${SEP}([0-9]{1,2})${SEP}([0-9]{1,2})${TIME}`,
  'ymd-compact': `^${WS}*([0-9]{4})([0-9]{2})([0-9]{2})${TIME}`,
  dmy: `^${WS}*([0-9]{1,2})${SEP}([0-9]{1,2})${SEP}([0-9]{4}|[0-9]{2})${TIME}`,
  mdy: `^${WS}*([0-9]{1,2})${SEP}([0-9]{1,2})${SEP}([0-9]{4}|[0-9]{2})${TIME}`,
  'epoch-s': `^${WS}*([0-9]{9,10})${WS}*$`,
  'epoch-ms': `^${WS}*([0-9]{12,13})${WS}*$`,
};
/** Which regex group holds year, month, day for each layout (1-based). */
const FIELD_ORDER: Record<'ymd' | 'ymd-compact' | 'dmy' | 'mdy', [number, number, number]> = {
  ymd: [1, 2, 3], 'ymd-compact': [1, 2, 3], dmy: [3, 2, 1], mdy: [3, 1, 2],
};

const res = Object.fromEntries(Object.entries(DATE_PATTERNS).map(([k, v]) => [k, new RegExp(v)])) as Record<DateOrder, RegExp>;
/** Step 1 (digits, odd spaces, invisible marks) exactly as `dateSqlParts` does it; no trimming: the patterns allow whitespace. */
const clean = cleanText;

const twoDigitYear = (y: number) => (y < 70 ? 2000 + y : 1900 + y);
const gregorianLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** Longest day a month can have (Jalali Esfand: 30, checked exactly by `jalaliToGregorian`). */
function maxDay(y: number, m: number, cal: Calendar): number {
  if (cal === 'jalali') return m <= 6 ? 31 : 30;
  if (m === 2) return gregorianLeap(y) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}
function offsetOf(o: string | undefined): number | null {
  if (!o) return null;
  if (o === 'Z' || o === 'UTC' || o === 'GMT') return 0;
  const digits = o.slice(1).replace(':', '');
  const mins = Number(digits.slice(0, 2)) * 60 + (digits.length === 4 ? Number(digits.slice(2, 4)) : 0);
  return o[0] === '-' ? -mins : mins;
}

/**
 * Read one value. Returns null when the value does not have the layout or a field is out of
 * range (month 1–12, day within the month, hour 0–23 (1–12 with am/pm), minute 0–59, second < 61,
 * offset ≤ 14:59). Persian/Arabic-Indic digits are accepted.
 * @param fmt a `DateFormat` from `detectDateFormat`, or just a layout (then the calendar is Gregorian)
 */
export function parseDate(s: string | null | undefined, fmt: DateFormat | DateOrder): DateParts | null {
  if (s == null) return null;
  const format = typeof fmt === 'string' ? fmt : fmt.format;
  const calendar = typeof fmt === 'string' ? 'gregorian' : fmt.calendar;
  const g = res[format].exec(clean(s));
  if (!g) return null;
  if (format === 'epoch-s' || format === 'epoch-ms') {
    const t = new Date(Number(g[1]) * (format === 'epoch-s' ? 1000 : 1));
    return {
      y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), H: t.getUTCHours(),
      M: t.getUTCMinutes(), S: t.getUTCSeconds() + t.getUTCMilliseconds() / 1000, offsetMinutes: 0,
    };
  }
  const [iy, im, id] = FIELD_ORDER[format];
  let y = Number(g[iy]);
  if (g[iy].length === 2) y = twoDigitYear(y);
  const m = Number(g[im]);
  const d = Number(g[id]);
  let H = g[4] ? Number(g[4]) : 0;
  const M = g[5] ? Number(g[5]) : 0;
  const S = g[6] ? Number(g[6]) : 0;
  const ap = g[7]?.toLowerCase();
  const off = offsetOf(g[8]);
  if (m < 1 || m > 12 || d < 1 || d > maxDay(y, m, calendar)) return null;
  if (ap) {
    if (H < 1 || H > 12) return null;
    H = (H % 12) + (ap === 'pm' ? 12 : 0);
  }
  if (H > 23 || M > 59 || S >= 61) return null;
  if (off != null && Math.abs(off) >= 15 * 60) return null;
  return { y, m, d, H, M, S, offsetMinutes: off };
}

const EPOCH_MIN_S = 315532800; // 1980-01-01
const EPOCH_MAX_S = 4102444800; // 2100-01-01
const ORDERS: DateOrder[] = ['ymd', 'ymd-compact', 'dmy', 'mdy', 'epoch-s', 'epoch-ms'];

/**
 * The layout that reads most of `samples` (empty strings are skipped).
 * Day/month order: a first field > 12 is evidence for dmy, a second field > 12 for mdy; without
 * evidence the result is `ambiguous` and the guess is dmy for `dd.mm.yyyy` (dots), else
 * `options.dayFirst` (default false → mdy).
 */
export function detectDateFormat(samples: string[], options: { dayFirst?: boolean } = {}): DateFormat {
  const values = samples.map((s) => (s == null ? '' : clean(s).trim())).filter((s) => s !== '');
  const total = values.length;
  const jalali = values.filter((v) => {
    const m = /^([0-9]{4})[-/.]/.exec(v) ?? /[-/.]([0-9]{4})(?:[ T,]|$)/.exec(v);
    return m != null && Number(m[1]) >= 1300 && Number(m[1]) <= 1499;
  }).length;
  const calendar: Calendar = jalali > 0 && jalali * 2 >= total ? 'jalali' : 'gregorian';
  const stats = ORDERS.map((format) => {
    const fmt = { format, calendar } as DateFormat;
    let matched = 0, hasTime = false, hasOffset = false;
    for (const v of values) {
      const p = parseDate(v, fmt);
      if (!p) continue;
      if (format.startsWith('epoch')) {
        const sec = Number(v) / (format === 'epoch-s' ? 1 : 1000);
        if (sec < EPOCH_MIN_S || sec >= EPOCH_MAX_S) continue;
      }
      matched++;
      hasTime ||= format.startsWith('epoch') || res[format].exec(v)![4] !== undefined;
      hasOffset ||= p.offsetMinutes !== null && !format.startsWith('epoch');
    }
    return { format, matched, hasTime, hasOffset };
  });
  const byFormat = Object.fromEntries(stats.map((s) => [s.format, s]));
  let best = stats[0];
  for (const s of stats) if (s.matched > best.matched) best = s;
  let ambiguous = false;
  if (best.format === 'dmy' || best.format === 'mdy') {
    const dmy = byFormat.dmy, mdy = byFormat.mdy;
    if (dmy.matched === mdy.matched) {
      ambiguous = true;
      const dots = values.some((v) => /^[0-9]{1,2}\.[0-9]{1,2}\./.test(v));
      best = dots || options.dayFirst ? dmy : mdy;
    } else best = dmy.matched > mdy.matched ? dmy : mdy;
  }
  return { format: best.format, calendar, hasTime: best.hasTime, hasOffset: best.hasOffset, ambiguous, matched: best.matched, total };
}

/** Jalali → Gregorian through jalaali-js; null when the Jalali date does not exist (e.g. 1402/12/30). */
export function jalaliToGregorian(y: number, m: number, d: number): { y: number; m: number; d: number } | null {
  if (!isValidJalaaliDate(y, m, d)) return null;
  const g = toGregorian(y, m, d);
  return { y: g.gy, m: g.gm, d: g.gd };
}

/** The regex with its capturing groups named g1, g2, … (RE2 `(?P<name>…)`), for `regexp_extract(…, [names])`. */
function namedGroups(re: string): { pattern: string; names: string[] } {
  const names: string[] = [];
  let pattern = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      pattern += c + re[++i];
      continue;
    }
    pattern += c;
    if (c === '(' && re[i + 1] !== '?') {
      names.push(`g${names.length + 1}`);
      pattern += `?P<${names[names.length - 1]}>`;
    }
  }
  return { pattern, names };
}

/**
 * DuckDB SQL giving `STRUCT(y INT, mo INT, d INT, h INT, mi INT, s DOUBLE, off_min INT)` for a
 * VARCHAR column, or NULL where `parseDate(value, fmt)` would return null. Epoch values come back
 * in UTC with `off_min` 0. The regex runs once per row (one `regexp_extract` with named groups,
 * bound to `g` by a one-element `list_transform`); everything else reads fields of `g`.
 * @param colSql an already quoted identifier or any VARCHAR SQL expression
 */
export function dateSqlParts(colSql: string, fmt: DateFormat | DateOrder): string {
  const format = typeof fmt === 'string' ? fmt : fmt.format;
  const calendar = typeof fmt === 'string' ? 'gregorian' : fmt.calendar;
  const type = 'STRUCT(y INT, mo INT, d INT, h INT, mi INT, s DOUBLE, off_min INT)';
  const v = cleanSql(`${colSql}::VARCHAR`);
  const { pattern, names } = namedGroups(DATE_PATTERNS[format]);
  const extract = `regexp_extract(${v}, ${sqlString(pattern)}, [${names.map(sqlString).join(', ')}])`;
  const bind = (body: string) => `list_transform([${extract}], lambda g: ${body})[1]`;
  const grp = (i: number) => `g.g${i}`;
  const int = (e: string) => `TRY_CAST(${e} AS INT)`;
  if (format === 'epoch-s' || format === 'epoch-ms') {
    const ts = `epoch_ms(TRY_CAST(${grp(1)} AS BIGINT)${format === 'epoch-s' ? ' * 1000' : ''})`;
    return bind(`CASE WHEN ${grp(1)} <> '' THEN {'y': year(${ts}), 'mo': month(${ts}), 'd': day(${ts}), ` +
      `'h': hour(${ts}), 'mi': minute(${ts}), 's': microsecond(${ts}) / 1000000.0, 'off_min': 0}::${type} END`);
  }
  const [iy, im, id] = FIELD_ORDER[format];
  const yy = int(grp(iy));
  const y = `(CASE WHEN length(${grp(iy)}) = 2 THEN (CASE WHEN ${yy} < 70 THEN 2000 ELSE 1900 END) + ${yy} ELSE ${yy} END)`;
  const mo = int(grp(im));
  const d = int(grp(id));
  const ap = `lower(${grp(7)})`;
  const h0 = `coalesce(${int(`nullif(${grp(4)}, '')`)}, 0)`;
  const h = `(CASE WHEN ${ap} = '' THEN ${h0} ELSE ${h0} % 12 + (CASE WHEN ${ap} = 'pm' THEN 12 ELSE 0 END) END)`;
  const mi = `coalesce(${int(`nullif(${grp(5)}, '')`)}, 0)`;
  const s = `coalesce(TRY_CAST(nullif(${grp(6)}, '') AS DOUBLE), 0)`;
  const o = grp(8);
  const od = `replace(substr(${o}, 2), ':', '')`;
  const offAbs = `(${int(`substr(${od}, 1, 2)`)} * 60 + (CASE WHEN length(${od}) = 4 THEN ${int(`substr(${od}, 3, 2)`)} ELSE 0 END))`;
  const off = `(CASE WHEN ${o} = '' THEN NULL WHEN ${o} IN ('Z', 'UTC', 'GMT') THEN 0 ` +
    `WHEN left(${o}, 1) = '-' THEN -${offAbs} ELSE ${offAbs} END)`;
  const maxDaySql = calendar === 'jalali'
    ? `(CASE WHEN ${mo} <= 6 THEN 31 ELSE 30 END)`
    : `(CASE WHEN ${mo} = 2 THEN (CASE WHEN (${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0 THEN 29 ELSE 28 END) ` +
      `WHEN ${mo} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
  const hourOk = `(CASE WHEN ${ap} = '' THEN ${h0} <= 23 ELSE ${h0} BETWEEN 1 AND 12 END)`;
  const offOk = `(${o} IN ('', 'Z', 'UTC', 'GMT') OR ${offAbs} < 900)`;
  const ok = `${grp(1)} <> '' AND ${mo} BETWEEN 1 AND 12 AND ${d} >= 1 AND ${d} <= ${maxDaySql} ` +
    `AND ${hourOk} AND ${mi} <= 59 AND ${s} < 61 AND ${offOk}`;
  return bind(`CASE WHEN ${ok} THEN {'y': ${y}, 'mo': ${mo}, 'd': ${d}, 'h': ${h}, 'mi': ${mi}, 's': ${s}, 'off_min': ${off}}::${type} END`);
}
