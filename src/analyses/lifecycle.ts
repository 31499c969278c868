import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { resolveOptions, type AnalysisOptions } from './options';
import { periodLabel } from './periods';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { scopeCtes } from './scope';

/**
 * Customer lifecycle per period (a customer is "active in p" when they ordered in p):
 * - new: first order in p;
 * - returning: active in p and in p − 1;
 * - resurrected: active in p, not in p − 1, but in some period before;
 * - dormant: active in p − 1 but not in p, reported as a negative count.
 * new + returning + resurrected = active customers of p.
 */
export interface LifecyclePeriod {
  period: string;
  start: string;
  end: string;
  complete: boolean;
  active: number;
  new: number;
  returning: number;
  resurrected: number;
  /** ≤ 0 */
  dormant: number;
}

export function lifecycleSql(options: Partial<AnalysisOptions> = {}, base?: AnalysisBase): string {
  const o = resolveOptions(options);
  // active(p) = customers with an order in p; new(p) = first order in p; returning(p) = active in p
  // and p − 1 (a join of the (customer, period) pairs with themselves shifted by one period);
  // resurrected = active − new − returning; dormant(p) = active(p − 1) − returning(p).
  return `WITH ${scopeCtes(o, [], LATEST_ORDER_DAY, { base })},
  cp AS (
    SELECT x.customer_id, s.period_index
    FROM (SELECT DISTINCT customer_id, period_start FROM ordp) x JOIN spine s USING (period_start)
  ),
  act AS (SELECT period_index, count(*) AS active FROM cp GROUP BY period_index),
  ret AS (
    SELECT a.period_index, count(*) AS returning
    FROM cp a JOIN cp b ON b.customer_id = a.customer_id AND b.period_index = a.period_index - 1
    GROUP BY a.period_index
  ),
  fc AS (SELECT s.period_index, count(*) AS new FROM cust c JOIN spine s ON s.period_start = c.first_period GROUP BY s.period_index),
  up AS (
    SELECT s.period_index, COALESCE(act.active, 0) AS active, COALESCE(fc.new, 0) AS new, COALESCE(ret.returning, 0) AS returning,
      COALESCE(prev.active, 0) - COALESCE(ret.returning, 0) AS dormant
    FROM spine s LEFT JOIN act USING (period_index) LEFT JOIN fc USING (period_index) LEFT JOIN ret USING (period_index)
      LEFT JOIN act prev ON prev.period_index = s.period_index - 1
  )
  SELECT CAST(s.period_start AS VARCHAR) AS period_start, CAST(s.period_end AS VARCHAR) AS period_end, s.complete,
    up.active, up.new, up.returning, up.active - up.new - up.returning AS resurrected, -up.dormant AS dormant
  FROM spine s JOIN up USING (period_index)
  WHERE s.in_window ORDER BY s.period_start`;
}

export async function runLifecycle(engine: Engine, options: Partial<AnalysisOptions> = {}): Promise<LifecyclePeriod[]> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const rows = await queryRows<Omit<LifecyclePeriod, 'period' | 'start' | 'end'> & { period_start: string; period_end: string }>(
    engine, lifecycleSql(o, await prepareBase(engine, o)));
  return rows.map(({ period_start, period_end, ...r }) => ({
    period: periodLabel(period_start, o.period, o.calendar),
    start: period_start,
    end: period_end,
    ...r,
    dormant: r.dormant === 0 ? 0 : r.dormant, // no −0
  }));
}
