import { jalaliDay } from './calendar';
import { epochDayOf, isoOfEpochDay } from './days';
import type { Calendar, Period } from './options';

/**
 * Periods in SQL and their labels.
 * Gregorian: `date_trunc` (weeks start on Monday, ISO). Jalali: a lookup in `calendar_days`
 * (see calendar.ts), weeks start on Saturday. A period is the half-open day range
 * [period_start, period_end).
 */

const JALALI_COLUMN: Record<Period, string> = {
  week: 'jalali_week_start',
  month: 'jalali_month_start',
  quarter: 'jalali_quarter_start',
  year: 'jalali_year_start',
};

const STEP: Record<Period, string> = {
  week: "INTERVAL '7 days'",
  month: "INTERVAL '1 month'",
  quarter: "INTERVAL '3 months'",
  year: "INTERVAL '1 year'",
};

/** The column of `calendar_days` (alias `cal`) that holds a day's Jalali period start. */
export function jalaliColumn(period: Period): string {
  return JALALI_COLUMN[period];
}

/** SQL expression: start (DATE) of the period containing the DATE/TIMESTAMP `expr`. Works anywhere
 *  (Jalali uses a scalar lookup); for many rows prefer a join on `calendar_days`. */
export function periodOfSql(expr: string, period: Period, calendar: Calendar): string {
  if (calendar === 'gregorian') return `CAST(date_trunc('${period}', ${expr}) AS DATE)`;
  return `(SELECT c.${JALALI_COLUMN[period]} FROM calendar_days c WHERE c.day = CAST(${expr} AS DATE))`;
}

/**
 * SQL body of the period spine: every period from the one containing `firstSql` to the one
 * containing `lastSql` (both DATE expressions), as (period_start, period_end, period_index),
 * period_index counting from 0. `period_end` is the exclusive end (the next period's start).
 */
export function spineSql(firstSql: string, lastSql: string, period: Period, calendar: Calendar): string {
  const lo = periodOfSql(firstSql, period, calendar);
  const hi = periodOfSql(lastSql, period, calendar);
  if (calendar === 'gregorian') {
    return `SELECT period_start, CAST(period_start + ${STEP[period]} AS DATE) AS period_end,
        CAST(row_number() OVER (ORDER BY period_start) - 1 AS INTEGER) AS period_index
      FROM (SELECT CAST(unnest(generate_series(CAST(${lo} AS TIMESTAMP), CAST(${hi} AS TIMESTAMP), ${STEP[period]})) AS DATE) AS period_start)`;
  }
  const col = JALALI_COLUMN[period];
  return `SELECT period_start, period_end,
        CAST(row_number() OVER (ORDER BY period_start) - 1 AS INTEGER) AS period_index
      FROM (SELECT period_start, lead(period_start) OVER (ORDER BY period_start) AS period_end
            FROM (SELECT DISTINCT ${col} AS period_start FROM calendar_days))
      WHERE period_start BETWEEN ${lo} AND ${hi}`;
}

/** ISO 8601 week-numbering year and week of a Monday. */
function isoWeek(mondayIso: string): { year: number; week: number } {
  const day = epochDayOf(mondayIso);
  const thursday = isoOfEpochDay(day + 3); // the ISO year is the year of the week's Thursday
  const year = Number(thursday.slice(0, 4));
  const jan1 = epochDayOf(`${year}-01-01`);
  return { year, week: Math.floor((day + 3 - jan1) / 7) + 1 };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Label of the period starting on `startIso`:
 * Gregorian `2023-W02` (ISO week), `2023-01`, `2023-Q1`, `2023`;
 * Jalali `1402-01`, `1402-Q1`, `1402`, and weeks as the Jalali date of their Saturday, `1402-12-26`.
 */
export function periodLabel(startIso: string, period: Period, calendar: Calendar): string {
  if (calendar === 'gregorian') {
    const [y, m] = startIso.split('-').map(Number);
    if (period === 'week') {
      const w = isoWeek(startIso);
      return `${w.year}-W${pad(w.week)}`;
    }
    if (period === 'month') return `${y}-${pad(m)}`;
    if (period === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    return String(y);
  }
  const j = jalaliDay(startIso);
  if (period === 'week') return `${j.jy}-${pad(j.jm)}-${pad(j.jd)}`;
  if (period === 'month') return `${j.jy}-${pad(j.jm)}`;
  if (period === 'quarter') return `${j.jy}-Q${Math.floor((j.jm - 1) / 3) + 1}`;
  return String(j.jy);
}
