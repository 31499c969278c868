import { customerSummarySelect, gapHistogramSelect, LATEST_ORDER_DAY, observedOrdersSelect, type AnalysisBase } from './base';
import type { AnalysisOptions } from './options';
import { jalaliColumn, periodOfSql, spineSql } from './periods';
import { dateLiteral, ident } from '../engine/sql';

export { LATEST_ORDER_DAY } from './base';

/**
 * The common head of every analysis query: which orders are observed, how they map to periods,
 * and the period spine. Produces CTE definitions (without `WITH`):
 *
 * - `params(as_of, as_of_end)`: as_of = options.asOf or `asOfDefault` (the day of the latest order); as_of_end =
 *   the day after (orders with ordered_at < as_of_end are observed; later ones are ignored).
 * - `ord`: observed orders (customer_id, order_id, ordered_at, day, amount) and the requested extra
 *   columns of `orders`, named `extraColumn(name)` so that a user's column can never collide with
 *   ours. Inlined (not materialised): a filter on the table scan.
 * - `ordp`: `ord` plus `period_start` (Gregorian date_trunc, or the `calendar_days` lookup).
 * - `win(from_day, to_day)`: the reporting window, inclusive days; from = options.from or the
 *   first order day, to = min(options.to, as_of).
 * - `cust`: one row per customer over the whole observed history: first_day, second_day (day of
 *   the second order, NULL with one order), last_day, orders, revenue, first_amount (the first
 *   order's amount), first_period, last_period. History before `from` still counts, so "new"
 *   means new ever. Read from the shared table when `base` is given (see base.ts), else computed.
 * - `gaps(day, gap, n)` (only with `{ gaps: true }`): purchase days by the gap to the customer's
 *   previous purchase day (see base.ts).
 * - `spine(period_start, period_end, period_index, eff_end, complete, in_window)`: every period
 *   from the first order's to as_of's; eff_end = min(period_end, as_of_end); complete = the
 *   period ended by as_of; in_window = overlaps the reporting window.
 *
 * The first order of a customer is the earliest by (ordered_at, order_id); `firstOrderCte` reads
 * a column on it.
 */
export interface ScopeOptions {
  /** shared tables from `prepareBase` (runXxx); without them the SQL is self-contained */
  base?: AnalysisBase;
  /** also define `gaps` */
  gaps?: boolean;
}

export function scopeCtes(o: AnalysisOptions, extraColumns: string[] = [], asOfDefault = LATEST_ORDER_DAY, scope: ScopeOptions = {}): string {
  const base = scope.base;
  const jalali = o.calendar === 'jalali';
  const extras = extraColumns.map((c) => `, o.${ident(c)} AS ${extraColumn(c)}`).join('');
  const asOf = base ? dateLiteral(base.asOf ?? undefined) : `COALESCE(${dateLiteral(o.asOf)}, ${asOfDefault})`;
  // With a resolved asOf the cut-off is a constant, which the scan can use to skip row groups.
  const asOfEnd = base ? (base.asOf === null ? 'CAST(NULL AS TIMESTAMP)' : `CAST(${dateLiteral(base.asOf)} + 1 AS TIMESTAMP)`) : '(SELECT as_of_end FROM params)';
  const periodOf = (day: string, alias: string) => jalali ? `${alias}.${jalaliColumn(o.period)}` : periodOfSql(day, o.period, o.calendar);
  const calJoin = (alias: string, day: string) => jalali ? `LEFT JOIN calendar_days ${alias} ON ${alias}.day = ${day}` : '';
  const summary = base
    ? `SELECT c.* FROM ${base.customers} c`
    : customerSummarySelect('ord');
  // The first observed order day (NULL without orders): cheap from the shared table, else from ord.
  const firstDay = base ? '(SELECT min(first_day) FROM cust0)' : '(SELECT min(day) FROM ord)';
  const gaps = !scope.gaps ? '' : base?.gaps
    ? `,\n  gaps AS NOT MATERIALIZED (SELECT * FROM ${base.gaps})`
    : `,\n  gaps AS MATERIALIZED (${gapHistogramSelect('ord')})`;
  return `params AS (
    SELECT as_of, CAST(as_of + 1 AS DATE) AS as_of_end
    FROM (SELECT ${asOf} AS as_of)
  ),
  ord AS NOT MATERIALIZED (
    ${observedOrdersSelect(asOfEnd, extras)}
  ),
  ordp AS NOT MATERIALIZED (
    SELECT ord.*, ${periodOf('ord.day', 'pcal')} AS period_start FROM ord ${calJoin('pcal', 'ord.day')}
  ),
  cust0 AS ${base ? 'NOT MATERIALIZED' : 'MATERIALIZED'} (${summary}),
  cust AS NOT MATERIALIZED (
    SELECT c.*, ${periodOf('c.first_day', 'fcal')} AS first_period, ${periodOf('c.last_day', 'lcal')} AS last_period
    FROM cust0 c ${calJoin('fcal', 'c.first_day')} ${calJoin('lcal', 'c.last_day')}
  ),
  win AS (
    SELECT COALESCE(${dateLiteral(o.from)}, ${firstDay}) AS from_day,
      LEAST(COALESCE(${dateLiteral(o.to)}, p.as_of), p.as_of) AS to_day
    FROM params p
  ),
  spine AS (
    SELECT s.period_start, s.period_end, s.period_index, LEAST(s.period_end, p.as_of_end) AS eff_end,
      s.period_end <= p.as_of_end AS complete,
      (s.period_end > w.from_day AND s.period_start <= w.to_day) AS in_window
    FROM (${spineSql(firstDay, '(SELECT as_of FROM params)', o.period, o.calendar)}) s, params p, win w
  )${gaps}`;
}

/**
 * CTE `name(customer_id, value)`: the value of column `column` (an extra column of `ord`) on each
 * customer's first order (earliest by ordered_at, then order_id; NULL values are kept).
 */
export function firstOrderCte(name: string, column: string): string {
  return `${name} AS (
    SELECT customer_id, arg_min_null(${extraColumn(column)}, (ordered_at, order_id)) AS value FROM ord GROUP BY customer_id
  )`;
}

/**
 * CTE `name(customer_id, orders, revenue, first_day)`: each customer's orders up to the window's
 * end (`win.to_day`). When the window ends at asOf (no `to`, or `to` on/after the resolved asOf)
 * that is the per-customer summary itself; otherwise the orders up to `to` are aggregated.
 */
export function historyCte(name: string, o: AnalysisOptions, base?: AnalysisBase): string {
  const toIsAsOf = o.to === undefined || (base !== undefined && base.asOf !== null && o.to >= base.asOf);
  return toIsAsOf
    ? `${name} AS (SELECT customer_id, orders, revenue, first_day FROM cust0)`
    : `${name} AS (
    SELECT ord.customer_id, count(*) AS orders, sum(amount) AS revenue, min(day) AS first_day
    FROM ord, win WHERE ord.day <= win.to_day GROUP BY ord.customer_id
  )`;
}

/** Name under which `ord` carries the extra column `name` of `orders`. */
export function extraColumn(name: string): string {
  return ident(`x:${name}`);
}
