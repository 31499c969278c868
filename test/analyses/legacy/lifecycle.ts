// Frozen copy of src/analyses/lifecycle.ts before the performance work: the oracle of old-vs-new.test.ts.
import { queryRows, type Engine } from '../../../src/engine/engine';
import { ensureCalendar } from '../../../src/analyses/calendar';
import { resolveOptions, type AnalysisOptions } from '../../../src/analyses/options';
import { periodLabel } from '../../../src/analyses/periods';
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

export function lifecycleSql(options: Partial<AnalysisOptions> = {}): string {
  const o = resolveOptions(options);
  return `WITH ${scopeCtes(o)},
  cp AS (
    SELECT customer_id, period_index,
      lag(period_index) OVER (PARTITION BY customer_id ORDER BY period_index) AS prev_index,
      lead(period_index) OVER (PARTITION BY customer_id ORDER BY period_index) AS next_index
    FROM (SELECT DISTINCT customer_id, period_start FROM ord) JOIN spine USING (period_start)
  ),
  up AS (
    SELECT period_index, count(*) AS active,
      count(*) FILTER (WHERE prev_index IS NULL) AS new,
      count(*) FILTER (WHERE prev_index = period_index - 1) AS returning,
      count(*) FILTER (WHERE prev_index < period_index - 1) AS resurrected
    FROM cp GROUP BY period_index
  ),
  down AS (
    SELECT period_index + 1 AS period_index, count(*) AS dormant
    FROM cp WHERE next_index IS NULL OR next_index > period_index + 1 GROUP BY 1
  )
  SELECT CAST(s.period_start AS VARCHAR) AS period_start, CAST(s.period_end AS VARCHAR) AS period_end, s.complete,
    COALESCE(up.active, 0) AS active, COALESCE(up.new, 0) AS new, COALESCE(up.returning, 0) AS returning,
    COALESCE(up.resurrected, 0) AS resurrected, -COALESCE(down.dormant, 0) AS dormant
  FROM spine s LEFT JOIN up USING (period_index) LEFT JOIN down USING (period_index)
  WHERE s.in_window ORDER BY s.period_start`;
}

export async function runLifecycle(engine: Engine, options: Partial<AnalysisOptions> = {}): Promise<LifecyclePeriod[]> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const rows = await queryRows<Omit<LifecyclePeriod, 'period' | 'start' | 'end'> & { period_start: string; period_end: string }>(engine, lifecycleSql(o));
  return rows.map(({ period_start, period_end, ...r }) => ({
    period: periodLabel(period_start, o.period, o.calendar),
    start: period_start,
    end: period_end,
    ...r,
    dormant: r.dormant === 0 ? 0 : r.dormant, // no −0
  }));
}
