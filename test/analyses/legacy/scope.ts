// Frozen copy of src/analyses/scope.ts before the performance work: the oracle of old-vs-new.test.ts.
import type { AnalysisOptions } from '../../../src/analyses/options';
import { jalaliColumn, periodOfSql, spineSql } from '../../../src/analyses/periods';
import { dateLiteral, ident } from '../../../src/engine/sql';

/**
 * The common head of every analysis query: which orders are observed, how they map to periods,
 * and the period spine. Produces CTE definitions (without `WITH`):
 *
 * - `params(as_of, as_of_end)`: as_of = options.asOf or `asOfDefault` (the day of the latest order); as_of_end =
 *   the day after (orders with ordered_at < as_of_end are observed; later ones are ignored).
 * - `ord`: observed orders with `day`, `period_start`, `order_rank` (1 = the customer's first
 *   order, by ordered_at then order_id) and the requested extra columns of `orders`, named
 *   `extraColumn(name)` so that a user's column can never collide with ours.
 * - `win(from_day, to_day)`: the reporting window, inclusive days; from = options.from or the
 *   first order day, to = min(options.to, as_of).
 * - `cust`: one row per customer over the whole observed history (first/last day, first period,
 *   orders, revenue). History before `from` still counts, so "new" means new ever.
 * - `spine(period_start, period_end, period_index, eff_end, complete, in_window)`: every period
 *   from the first order's to as_of's; eff_end = min(period_end, as_of_end); complete = the
 *   period ended by as_of; in_window = overlaps the reporting window.
 */
/** SQL for the default asOf: the day of the latest order. */
export const LATEST_ORDER_DAY = '(SELECT CAST(max(ordered_at) AS DATE) FROM orders)';

export function scopeCtes(o: AnalysisOptions, extraColumns: string[] = [], asOfDefault = LATEST_ORDER_DAY): string {
  const jalali = o.calendar === 'jalali';
  const periodStart = jalali ? `cal.${jalaliColumn(o.period)}` : periodOfSql('o.ordered_at', o.period, o.calendar);
  const extras = extraColumns.map((c) => `, o.${ident(c)} AS ${extraColumn(c)}`).join('');
  const join = jalali ? 'LEFT JOIN calendar_days cal ON cal.day = CAST(o.ordered_at AS DATE)' : '';
  return `params AS (
    SELECT as_of, CAST(as_of + 1 AS DATE) AS as_of_end
    FROM (SELECT COALESCE(${dateLiteral(o.asOf)}, ${asOfDefault}) AS as_of)
  ),
  ord AS (
    SELECT o.customer_id, o.order_id, o.ordered_at, CAST(o.ordered_at AS DATE) AS day,
      COALESCE(CAST(o.amount AS DOUBLE), 0) AS amount, ${periodStart} AS period_start,
      row_number() OVER (PARTITION BY o.customer_id ORDER BY o.ordered_at, o.order_id) AS order_rank${extras}
    FROM orders o ${join}
    WHERE o.customer_id IS NOT NULL AND o.ordered_at IS NOT NULL
      AND o.ordered_at < (SELECT as_of_end FROM params)
  ),
  win AS (
    SELECT COALESCE(${dateLiteral(o.from)}, (SELECT min(day) FROM ord)) AS from_day,
      LEAST(COALESCE(${dateLiteral(o.to)}, p.as_of), p.as_of) AS to_day
    FROM params p
  ),
  cust AS (
    SELECT customer_id, min(day) AS first_day, max(day) AS last_day, min(period_start) AS first_period,
      count(*) AS orders, sum(amount) AS revenue
    FROM ord GROUP BY customer_id
  ),
  spine AS (
    SELECT s.period_start, s.period_end, s.period_index, LEAST(s.period_end, p.as_of_end) AS eff_end,
      s.period_end <= p.as_of_end AS complete,
      (s.period_end > w.from_day AND s.period_start <= w.to_day) AS in_window
    FROM (${spineSql('(SELECT min(day) FROM ord)', '(SELECT as_of FROM params)', o.period, o.calendar)}) s, params p, win w
  )`;
}

/** Name under which `ord` carries the extra column `name` of `orders`. */
export function extraColumn(name: string): string {
  return ident(`x:${name}`);
}
