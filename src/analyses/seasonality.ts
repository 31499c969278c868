import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { resolveOptions, type AnalysisOptions } from './options';
import { scopeCtes } from './scope';
import { LATEST_ORDER_DAY, type AnalysisBase } from './base';
import type { Known } from './columns';

/**
 * Seasonality over the reporting window: month of year (Gregorian 1–12, or the Jalali month
 * 1–12 = Farvardin…Esfand with the Jalali calendar) and ISO weekday (1 = Monday … 7 = Sunday).
 * A window rarely holds each month/weekday equally often, so every row also carries how many
 * calendar days of it the window holds (`days`) and in how many distinct months it occurs
 * (`occurrences`); compare revenue ÷ days, not raw totals.
 */
export interface SeasonRow {
  /** month 1–12 or ISO weekday 1–7 */
  key: number;
  orders: number;
  revenue: number;
  customers: number;
  days: number;
  occurrences: number;
  revenuePerDay: number | null;
}

export interface SeasonalityResult {
  monthOfYear: SeasonRow[];
  weekday: SeasonRow[];
}

/** With `base` (optional) the cut-off and the window's first day come from the shared tables. */
export function seasonalitySql(options: Partial<AnalysisOptions> = {}, base?: AnalysisBase): string {
  const o = resolveOptions(options);
  const jalali = o.calendar === 'jalali';
  const join = jalali ? 'LEFT JOIN calendar_days cal ON cal.day = x.day' : '';
  const moy = jalali ? 'cal.jm' : 'month(x.day)';
  const ym = jalali ? 'cal.jy * 100 + cal.jm' : 'year(x.day) * 100 + month(x.day)';
  return `WITH ${scopeCtes(o, [], LATEST_ORDER_DAY, { base })},
  wo AS (SELECT ord.* FROM ord, win WHERE ord.day BETWEEN win.from_day AND win.to_day),
  days AS (SELECT CAST(unnest(generate_series(CAST(from_day AS TIMESTAMP), CAST(to_day AS TIMESTAMP), INTERVAL '1 day')) AS DATE) AS day FROM win),
  dk AS (SELECT x.day, ${moy} AS moy, ${ym} AS ym, isodow(x.day) AS dow FROM days x ${join}),
  ok AS (SELECT x.customer_id, x.amount, ${moy} AS moy, isodow(x.day) AS dow FROM wo x ${join}),
  cal_m AS (SELECT moy AS k, count(*) AS days, count(DISTINCT ym) AS occurrences FROM dk GROUP BY 1),
  cal_w AS (SELECT dow AS k, count(*) AS days, count(DISTINCT ym) AS occurrences FROM dk GROUP BY 1),
  ord_m AS (SELECT moy AS k, count(*) AS orders, sum(amount) AS revenue, count(DISTINCT customer_id) AS customers FROM ok GROUP BY 1),
  ord_w AS (SELECT dow AS k, count(*) AS orders, sum(amount) AS revenue, count(DISTINCT customer_id) AS customers FROM ok GROUP BY 1)
  SELECT 'month' AS kind, k, days, occurrences, COALESCE(orders, 0) AS orders, COALESCE(revenue, 0) AS revenue, COALESCE(customers, 0) AS customers
  FROM cal_m LEFT JOIN ord_m USING (k)
  UNION ALL
  SELECT 'weekday', k, days, occurrences, COALESCE(orders, 0), COALESCE(revenue, 0), COALESCE(customers, 0)
  FROM cal_w LEFT JOIN ord_w USING (k)
  ORDER BY 1, 2`;
}

export async function runSeasonality(engine: Engine, options: Partial<AnalysisOptions> = {}, known: Known = {}): Promise<SeasonalityResult> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const rows = await queryRows<{ kind: string; k: number; days: number; occurrences: number; orders: number; revenue: number; customers: number }>(engine, seasonalitySql(o, known.base));
  const toRow = (r: (typeof rows)[number]): SeasonRow => ({
    key: r.k, orders: r.orders, revenue: r.revenue, customers: r.customers, days: r.days, occurrences: r.occurrences,
    revenuePerDay: r.days === 0 ? null : r.revenue / r.days,
  });
  return {
    monthOfYear: rows.filter((r) => r.kind === 'month').map(toRow),
    weekday: rows.filter((r) => r.kind === 'weekday').map(toRow),
  };
}
