import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { resolveOptions, type AnalysisOptions } from './options';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { scopeCtes } from './scope';

/**
 * Data-driven churn window: the distribution of days between a customer's consecutive order
 * days (same-day orders are one purchase day, so a gap is ≥ 1 day), over all customers, up to
 * asOf. Suggested churnDays = p80 rounded up: 80% of repeat purchases happen within it.
 */
export interface GapBucket {
  label: string;
  minDays: number;
  /** inclusive; null = no upper bound */
  maxDays: number | null;
  gaps: number;
  share: number;
}

export interface InterpurchaseResult {
  /** number of gaps (consecutive purchase-day pairs) */
  gaps: number;
  /** customers with at least two purchase days */
  repeatCustomers: number;
  meanDays: number | null;
  /** percentiles with linear interpolation (quantile_cont), days */
  p50: number | null;
  p80: number | null;
  p90: number | null;
  /** ceil(p80), days; null without any repeat purchase */
  suggestedChurnDays: number | null;
  buckets: GapBucket[];
}

export const GAP_BUCKETS: [number, number | null][] = [
  [1, 7], [8, 14], [15, 30], [31, 60], [61, 90], [91, 180], [181, 365], [366, null],
];

export function interpurchaseSql(options: Partial<AnalysisOptions> = {}, base?: AnalysisBase): string {
  const o = resolveOptions(options);
  const bucket = GAP_BUCKETS.map(([lo, hi], i) =>
    `CAST(COALESCE(sum(n) FILTER (WHERE gap >= ${lo}${hi === null ? '' : ` AND gap <= ${hi}`}), 0) AS BIGINT) AS b${i}`).join(', ');
  // The gaps histogram (base.ts) holds every gap between consecutive purchase days with its
  // count; mean and percentiles run over the gaps themselves (expanded), so they are exactly
  // avg/quantile_cont of the list of gaps. Customers with two purchase days or more are the ones
  // whose last order day is after their first.
  return `WITH ${scopeCtes(o, [], LATEST_ORDER_DAY, { base, gaps: true })},
  g AS (SELECT gap, CAST(sum(n) AS BIGINT) AS n FROM gaps WHERE gap IS NOT NULL GROUP BY gap),
  x AS (SELECT gap FROM (SELECT gap, unnest(range(n)) FROM g)),
  stats AS (
    SELECT count(gap) AS gaps, avg(gap) AS mean_days, quantile_cont(gap, 0.5) AS p50, quantile_cont(gap, 0.8) AS p80,
      quantile_cont(gap, 0.9) AS p90
    FROM x
  ),
  buckets AS (SELECT ${bucket} FROM g)
  SELECT stats.*, (SELECT count(*) FROM cust0 WHERE last_day > first_day) AS repeat_customers, buckets.*
  FROM stats, buckets`;
}

export async function runInterpurchase(engine: Engine, options: Partial<AnalysisOptions> = {}): Promise<InterpurchaseResult> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const [r] = await queryRows<Record<string, number | null>>(engine, interpurchaseSql(o, await prepareBase(engine, o, { gaps: true })));
  const gaps = r.gaps ?? 0;
  return {
    gaps,
    repeatCustomers: r.repeat_customers ?? 0,
    meanDays: r.mean_days,
    p50: r.p50,
    p80: r.p80,
    p90: r.p90,
    // quantile_cont interpolates in floating point (64 can come back as 64.00000000000001)
    suggestedChurnDays: r.p80 === null ? null : Math.ceil(r.p80 - 1e-9),
    buckets: GAP_BUCKETS.map(([lo, hi], i) => ({
      label: hi === null ? `${lo}+` : `${lo}–${hi}`,
      minDays: lo,
      maxDays: hi,
      gaps: r[`b${i}`] ?? 0,
      share: gaps === 0 ? 0 : (r[`b${i}`] ?? 0) / gaps,
    })),
  };
}
