import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { resolveOptions, type AnalysisOptions } from './options';
import { ratio } from './ratio';
import { RFM_SEGMENTS, rfmSegment, rfmSegmentSql, type RfmSegment } from './rfm-segments';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { columnOf } from './rows';
import { scopeCtes } from './scope';

/**
 * RFM as of asOf, over every customer with an order up to asOf:
 * recency = asOf − last order day (days), frequency = orders, monetary = revenue.
 * Scores are quintiles, `ntile(5)` over all customers (recency reversed: most recent = 5).
 * Ties: ntile alone would split equal values across scores (two one-time buyers could get F = 1
 * and F = 3); here every customer sharing a value gets the LOWEST score that value received, so
 * equal values always score equally (score groups can then be uneven, and some scores unused).
 */
export interface RfmOptions extends AnalysisOptions {
  /** per-customer rows to return (default: all; 0 = none) */
  customerLimit?: number;
}

export interface RfmCustomer {
  customerId: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  /** e.g. '545' */
  score: string;
  segment: RfmSegment;
}

export interface RfmSegmentSummary {
  segment: RfmSegment;
  customers: number;
  share: number | null;
  revenue: number;
  revenueShare: number | null;
  avgRecencyDays: number | null;
  avgFrequency: number | null;
  avgMonetary: number | null;
}

export interface RfmResult {
  asOf: string;
  customers: number;
  /** all 11 segments in RFM_SEGMENTS order, empty ones included */
  segments: RfmSegmentSummary[];
  /** by customer_id */
  rows: RfmCustomer[];
}

/**
 * CTEs `rfm_base` and `rfm(customer_id, recency_days, frequency, monetary, r, f, m, segment)`, after
 * scopeCtes.
 *
 * The score of a value is the `ntile(5)` a customer at the value's FIRST position in the ordering
 * gets (the lowest score the value receives; ntile never decreases along the ordering), so it
 * depends only on N (customers) and pos = how many customers come before the value: for R those
 * with a larger recency, for F and M those with a smaller value. That needs one GROUP BY per
 * measure over the distinct values instead of sorting all customers three times. `ntile(5)` as
 * DuckDB computes it: with k = min(5, N) groups of size q = N ÷ k, the first N − k·q groups get
 * one more row.
 */
export function rfmCtes(): string {
  const score = (pos: string) => `CAST(CASE WHEN ${pos} < big * (q + 1) THEN 1 + ${pos} // (q + 1)
      ELSE 1 + big + (${pos} - big * (q + 1)) // q END AS BIGINT)`;
  const position = (col: string, order: 'ASC' | 'DESC') => `SELECT ${col} AS v,
      COALESCE(sum(count(*)) OVER (ORDER BY ${col} ${order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS pos
    FROM rfm_base GROUP BY ${col}`;
  return `rfm_base AS (
    SELECT c.customer_id, CAST(p.as_of - c.last_day AS INTEGER) AS recency_days, c.orders AS frequency, c.revenue AS monetary
    FROM cust0 c, params p
  ),
  rfm_n AS (SELECT k, n // k AS q, n - k * (n // k) AS big FROM (SELECT count(*) AS n, LEAST(5, count(*)) AS k FROM rfm_base)),
  rfm_r AS (SELECT v, ${score('pos')} AS score FROM (${position('recency_days', 'DESC')}), rfm_n),
  rfm_f AS (SELECT v, ${score('pos')} AS score FROM (${position('frequency', 'ASC')}), rfm_n),
  rfm_m AS (SELECT v, ${score('pos')} AS score FROM (${position('monetary', 'ASC')}), rfm_n),
  rfm AS (
    SELECT customer_id, recency_days, frequency, monetary, r, f, m, ${rfmSegmentSql('r', 'f')} AS segment
    FROM (
      SELECT b.*, rr.score AS r, ff.score AS f, mm.score AS m
      FROM rfm_base b JOIN rfm_r rr ON rr.v = b.recency_days JOIN rfm_f ff ON ff.v = b.frequency JOIN rfm_m mm ON mm.v = b.monetary
    )
  )`;
}

export function rfmSql(options: Partial<RfmOptions> = {}, base?: AnalysisBase): { segments: string; customers: string } {
  const o = resolveOptions(options);
  const { customerLimit } = options;
  if (customerLimit !== undefined && (!Number.isInteger(customerLimit) || customerLimit < 0)) {
    throw new RangeError(`customerLimit must be a non-negative integer, got ${customerLimit}`);
  }
  const head = `WITH ${scopeCtes(o, [], LATEST_ORDER_DAY, { base })}, ${rfmCtes()}`;
  return {
    segments: `${head}
    SELECT CAST((SELECT as_of FROM params) AS VARCHAR) AS as_of, segment, count(*) AS customers, sum(monetary) AS revenue,
      avg(recency_days) AS avg_recency, avg(frequency) AS avg_frequency, avg(monetary) AS avg_monetary
    FROM rfm GROUP BY segment`,
    customers: `${head}
    SELECT CAST(customer_id AS VARCHAR) AS customer_id, recency_days, frequency, monetary, r, f, m, segment
    FROM rfm ORDER BY customer_id${customerLimit === undefined ? '' : ` LIMIT ${customerLimit}`}`,
  };
}

export async function runRfm(engine: Engine, options: Partial<RfmOptions> = {}): Promise<RfmResult> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const sql = rfmSql({ ...o, customerLimit: options.customerLimit }, await prepareBase(engine, o));
  const seg = await queryRows<{ as_of: string; segment: RfmSegment; customers: number; revenue: number; avg_recency: number; avg_frequency: number; avg_monetary: number }>(engine, sql.segments);
  const total = seg.reduce((s, r) => s + r.customers, 0);
  const revenue = seg.reduce((s, r) => s + r.revenue, 0);
  const bySegment = new Map(seg.map((r) => [r.segment, r]));
  const segments = RFM_SEGMENTS.map((name): RfmSegmentSummary => {
    const r = bySegment.get(name);
    return {
      segment: name,
      customers: r?.customers ?? 0,
      share: ratio(r?.customers ?? 0, total),
      revenue: r?.revenue ?? 0,
      revenueShare: ratio(r?.revenue ?? 0, revenue),
      avgRecencyDays: r?.avg_recency ?? null,
      avgFrequency: r?.avg_frequency ?? null,
      avgMonetary: r?.avg_monetary ?? null,
    };
  });
  // Up to one row per customer: built straight from the result's columns (the segment follows
  // from r and f, the same grid as the SQL's).
  const rows: RfmCustomer[] = [];
  if (options.customerLimit !== 0) {
    const t = await engine.query(sql.customers);
    const id = columnOf<string>(t, 'customer_id');
    const recency = columnOf<number>(t, 'recency_days');
    const frequency = columnOf<number>(t, 'frequency');
    const monetary = columnOf<number>(t, 'monetary');
    const r = columnOf<number>(t, 'r');
    const f = columnOf<number>(t, 'f');
    const m = columnOf<number>(t, 'm');
    for (let i = 0, n = t.numRows; i < n; i++) { // numRows is recomputed on every read: once
      rows.push({
        customerId: id[i], recencyDays: recency[i], frequency: frequency[i], monetary: monetary[i], r: r[i], f: f[i], m: m[i],
        score: `${r[i]}${f[i]}${m[i]}`, segment: rfmSegment(r[i], f[i]),
      });
    }
  }
  return {
    asOf: seg[0]?.as_of ?? o.asOf ?? '',
    customers: total,
    segments,
    rows,
  };
}
