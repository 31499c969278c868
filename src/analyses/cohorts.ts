import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { requireColumn } from './columns';
import { resolveOptions, type AnalysisOptions } from './options';
import { periodLabel } from './periods';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { firstOrderCte, scopeCtes } from './scope';

/**
 * Acquisition cohorts: a customer's cohort is the period of their first order; cell (cohort, k)
 * describes period number k after it (k = 0 is the acquisition period).
 * - mode 'on': active = customers with an order in period k.
 * - mode 'on-or-after': active = customers with an order in period k or any later observed period.
 * revenue and orders are always those of period k. A cell is complete when period k ended by asOf.
 */
export type CohortMode = 'on' | 'on-or-after';

export interface CohortOptions extends AnalysisOptions {
  mode: CohortMode;
  /** Column of `orders` whose value on the customer's first order splits the cohorts (channel, city, product). */
  breakdown?: string;
}

export interface CohortRow {
  /** Value of the breakdown column on the first order (null = missing/empty); undefined without breakdown. */
  segment?: string | null;
  cohort: string;
  start: string;
  size: number;
  active: number[];
  /** active ÷ size, 0..1 */
  retention: number[];
  revenue: number[];
  orders: number[];
  /** revenue[k] ÷ revenue[0] ("revenue retention"); null when period 0 had no revenue */
  revenueRetention: (number | null)[];
  /** orders[k] ÷ orders[0] */
  ordersRetention: (number | null)[];
  /** Σ revenue[0..k] ÷ size: the LTV curve */
  cumulativeRevenuePerCustomer: number[];
  complete: boolean[];
}

export interface CohortAverage {
  segment?: string | null;
  /** customers of the cohorts whose cell k is complete */
  size: number[];
  active: number[];
  /** Σ active ÷ Σ size over complete cells (size-weighted); null when no cell k is complete */
  retention: (number | null)[];
  /** Σ revenue[k] ÷ Σ revenue[0] over the cohorts whose cell k is complete */
  revenueRetention: (number | null)[];
  /** Σ orders[k] ÷ Σ orders[0], same cohorts */
  ordersRetention: (number | null)[];
  /** Σ revenue[k] and Σ orders[k] over the same cohorts (the average row's "counts") */
  revenue: number[];
  orders: number[];
  cumulativeRevenuePerCustomer: (number | null)[];
}

export interface CohortResult {
  mode: CohortMode;
  breakdown?: string;
  cohorts: CohortRow[];
  /** weighted average over all cohorts (and segments) */
  average: CohortAverage;
  /** one weighted average per breakdown value (empty without breakdown) */
  segmentAverages: CohortAverage[];
}

interface Cell {
  segment: string;
  cohort_start: string;
  size: number;
  k: number;
  complete: boolean;
  active_on: number;
  active_after: number;
  orders: number;
  revenue: number;
}

export function cohortsSql(options: Partial<CohortOptions> = {}, base?: AnalysisBase): string {
  const o = resolveOptions(options);
  const dim = options.breakdown;
  const segment = dim === undefined ? "''" : `COALESCE(CAST(f.value AS VARCHAR), '')`;
  // De-duplicate (customer, period) first: the join below then has at most one row per customer
  // and active period (see DUCKDB_WASM.md, the 10M-row memory trap). A customer's cohort and last
  // active period come from the per-customer summary (first and last order day).
  return `WITH ${scopeCtes(o, dim === undefined ? [] : [dim], LATEST_ORDER_DAY, { base })}${dim === undefined ? '' : `,
  ${firstOrderCte('first_ord', dim)}`},
  cp AS (
    SELECT c.customer_id, s.period_index, c.orders, c.revenue
    FROM (SELECT customer_id, period_start, count(*) AS orders, sum(amount) AS revenue FROM ordp GROUP BY customer_id, period_start) c
    JOIN spine s USING (period_start)
  ),
  cc AS (
    SELECT c.customer_id, ${segment} AS segment, sf.period_index AS cohort_index, sl.period_index AS last_index
    FROM cust c JOIN spine sf ON sf.period_start = c.first_period JOIN spine sl ON sl.period_start = c.last_period
    ${dim === undefined ? '' : 'JOIN first_ord f USING (customer_id)'}
  ),
  cells AS (
    SELECT cc.segment, cc.cohort_index, cp.period_index - cc.cohort_index AS k, count(*) AS active,
      sum(cp.orders) AS orders, sum(cp.revenue) AS revenue
    FROM cp JOIN cc USING (customer_id) GROUP BY ALL
  ),
  lasts AS (SELECT segment, cohort_index, last_index - cohort_index AS k, count(*) AS n FROM cc GROUP BY ALL),
  sizes AS (SELECT segment, cohort_index, sum(n) AS size FROM lasts GROUP BY ALL),
  grid AS (
    SELECT z.segment, z.cohort_index, z.size, s.period_index - z.cohort_index AS k, s.complete
    FROM sizes z JOIN spine s ON s.period_index >= z.cohort_index
  )
  SELECT g.segment, CAST(c.period_start AS VARCHAR) AS cohort_start, g.size, g.k, g.complete,
    COALESCE(cells.active, 0) AS active_on,
    sum(COALESCE(lasts.n, 0)) OVER (PARTITION BY g.segment, g.cohort_index ORDER BY g.k DESC) AS active_after,
    COALESCE(cells.orders, 0) AS orders, COALESCE(cells.revenue, 0) AS revenue
  FROM grid g JOIN spine c ON c.period_index = g.cohort_index
  LEFT JOIN cells ON cells.segment = g.segment AND cells.cohort_index = g.cohort_index AND cells.k = g.k
  LEFT JOIN lasts ON lasts.segment = g.segment AND lasts.cohort_index = g.cohort_index AND lasts.k = g.k
  WHERE c.in_window
  ORDER BY g.segment, g.cohort_index, g.k`;
}

/** Size-weighted average over the complete cells of `rows`. */
export function cohortAverage(rows: CohortRow[], segment?: string | null): CohortAverage {
  const width = Math.max(0, ...rows.map((r) => r.active.length));
  const avg: CohortAverage = {
    size: [], active: [], retention: [], revenueRetention: [], ordersRetention: [], revenue: [], orders: [], cumulativeRevenuePerCustomer: [],
  };
  if (segment !== undefined) avg.segment = segment;
  for (let k = 0; k < width; k++) {
    let size = 0;
    let active = 0;
    let cumRevenue = 0;
    let revenue = 0, revenue0 = 0, orders = 0, orders0 = 0;
    for (const r of rows) {
      if (!r.complete[k]) continue;
      size += r.size;
      active += r.active[k];
      cumRevenue += r.cumulativeRevenuePerCustomer[k] * r.size;
      revenue += r.revenue[k];
      revenue0 += r.revenue[0];
      orders += r.orders[k];
      orders0 += r.orders[0];
    }
    avg.size.push(size);
    avg.active.push(active);
    avg.retention.push(size === 0 ? null : active / size);
    avg.revenue.push(revenue);
    avg.orders.push(orders);
    avg.revenueRetention.push(size === 0 || revenue0 === 0 ? null : revenue / revenue0);
    avg.ordersRetention.push(size === 0 || orders0 === 0 ? null : orders / orders0);
    avg.cumulativeRevenuePerCustomer.push(size === 0 ? null : cumRevenue / size);
  }
  return avg;
}

export async function runCohorts(engine: Engine, options: Partial<CohortOptions> = {}): Promise<CohortResult> {
  const o = resolveOptions(options);
  const mode: CohortMode = options.mode ?? 'on';
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  if (options.breakdown !== undefined) await requireColumn(engine, 'orders', options.breakdown);
  const cells = await queryRows<Cell>(engine, cohortsSql({ ...o, mode, breakdown: options.breakdown }, await prepareBase(engine, o)));
  const cohorts: CohortRow[] = [];
  let row: CohortRow | undefined;
  let key = '';
  let revenueSoFar = 0;
  for (const c of cells) {
    if (row === undefined || `${c.segment}\u0000${c.cohort_start}` !== key) {
      key = `${c.segment}\u0000${c.cohort_start}`;
      row = {
        cohort: periodLabel(c.cohort_start, o.period, o.calendar), start: c.cohort_start, size: c.size,
        active: [], retention: [], revenue: [], orders: [], revenueRetention: [], ordersRetention: [], cumulativeRevenuePerCustomer: [], complete: [],
      };
      revenueSoFar = 0;
      if (options.breakdown !== undefined) row.segment = c.segment === '' ? null : c.segment;
      cohorts.push(row);
    }
    const active = mode === 'on' ? c.active_on : c.active_after;
    revenueSoFar += c.revenue;
    row.active.push(active);
    row.retention.push(active / row.size);
    row.revenue.push(c.revenue);
    row.orders.push(c.orders);
    row.revenueRetention.push(row.revenue[0] === 0 ? null : c.revenue / row.revenue[0]);
    row.ordersRetention.push(row.orders[0] === 0 ? null : c.orders / row.orders[0]);
    row.cumulativeRevenuePerCustomer.push(revenueSoFar / row.size);
    row.complete.push(c.complete);
  }
  const segments = options.breakdown === undefined ? [] : [...new Set(cohorts.map((r) => r.segment ?? null))];
  return {
    mode,
    ...(options.breakdown === undefined ? {} : { breakdown: options.breakdown }),
    cohorts,
    average: cohortAverage(cohorts),
    segmentAverages: segments.map((s) => cohortAverage(cohorts.filter((r) => (r.segment ?? null) === s), s)),
  };
}
