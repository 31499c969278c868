import { queryRows, type Engine } from '../engine/engine';
import type { AnalysisOptions } from './options';
import { dateLiteral, ident, literal } from '../engine/sql';

/**
 * Shared per-customer work, computed once per data version and reused by every analysis.
 *
 * Most analyses need the same per-customer facts (first/second/last order day, orders, revenue,
 * the first order's amount) and several need the gaps between a customer's consecutive order
 * days (activity spells, inter-purchase time). Computing them costs a pass over all orders with
 * a big GROUP BY (and a sort for the gaps); everything after that works on one row per customer
 * or on a small histogram. So `prepareBase` keeps them as TEMP tables:
 *
 * - customers table (`customerSummarySelect`): customer_id, first_day, second_day (day of the
 *   second order by (ordered_at, order_id), NULL with one order), last_day, orders, revenue,
 *   first_amount (amount of the first order);
 * - gaps table (`gapHistogramSelect`): (day, gap, n) = how many customers have a purchase day
 *   `day` whose previous purchase day is `gap` days earlier (gap NULL = their first purchase day).
 *
 * Both depend only on the observed orders (ordered_at < asOf + 1 day), not on period, calendar,
 * window or churnDays. A cache entry is keyed by a fingerprint of the data (catalog ids and sizes
 * of `orders` — and, when it is a view, of the tables —, plus count, Σ amount, min and max of
 * ordered_at) and by the cut-off (asOf, or 'all' when asOf is on or after the latest order).
 * Any reload (CREATE OR REPLACE), insert, delete or change of amounts or dates changes the
 * fingerprint, and the next analysis rebuilds; tables of other data versions are dropped at once,
 * and at most MAX_ENTRIES cut-offs of one data version are kept. The cache lives in the database
 * itself (`_rn_analysis_cache`), so every wrapper of the same connection shares it.
 */
export interface AnalysisBase {
  /** as_of resolved from the options (or the default), `YYYY-MM-DD`; null when there is none */
  asOf: string | null;
  /** TEMP table of the per-customer summary (identifier, quoted) */
  customers: string;
  /** TEMP table of the gap histogram (identifier, quoted), when requested */
  gaps: string | null;
}

/** SQL for the default asOf: the day of the latest order. */
export const LATEST_ORDER_DAY = '(SELECT CAST(max(ordered_at) AS DATE) FROM orders)';

const CACHE_TABLE = '_rn_analysis_cache';
const MAX_ENTRIES = 2;

/** The observed orders (customer and time known, before `asOfEndSql`): the one definition. */
export function observedOrdersSelect(asOfEndSql: string, extraColumns = ''): string {
  return `SELECT o.customer_id, o.order_id, o.ordered_at, CAST(o.ordered_at AS DATE) AS day,
      COALESCE(CAST(o.amount AS DOUBLE), 0) AS amount${extraColumns}
    FROM orders o
    WHERE o.customer_id IS NOT NULL AND o.ordered_at IS NOT NULL AND o.ordered_at < ${asOfEndSql}`;
}

/**
 * Per-customer summary over `source` (observed orders with customer_id, order_id, ordered_at, day,
 * amount). The first order is the earliest by (ordered_at, order_id), as everywhere.
 */
export function customerSummarySelect(source: string): string {
  return `SELECT customer_id, min(day) AS first_day,
      CAST(list_extract(min(ordered_at, 2), 2) AS DATE) AS second_day,
      max(day) AS last_day, count(*) AS orders, sum(amount) AS revenue,
      arg_min_null(amount, (ordered_at, order_id)) AS first_amount
    FROM ${source} GROUP BY customer_id`;
}

/**
 * Histogram of purchase days by the gap (days) to the customer's previous purchase day. Orders
 * sorted by day per customer: the first order of each day has the gap to the previous day with an
 * order (NULL on the first day); further orders of the same day (gap 0) are skipped, which is the
 * same as taking distinct (customer, day) pairs first, without the extra hash table.
 */
export function gapHistogramSelect(source: string): string {
  return `SELECT day, gap, count(*) AS n FROM (
      SELECT day, day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap FROM ${source}
    ) WHERE gap IS NULL OR gap > 0 GROUP BY day, gap`;
}

/** 64-bit hash of a string (two 32-bit FNV-1a with different bases), 16 hex digits: table names from cache keys. */
function hash64(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

interface CacheRow { data_key: string; cutoff: string; customers: string; gaps: string | null; has_customers: number; has_gaps: number }

/**
 * Resolves asOf and returns the shared tables for these options, building them when the data
 * changed. `asOfDefault` is the SQL for the default asOf (NPS also looks at responses).
 */
export async function prepareBase(
  engine: Engine,
  o: Pick<AnalysisOptions, 'asOf'>,
  opts: { asOfDefault?: string; gaps?: boolean } = {},
): Promise<AnalysisBase> {
  const asOfDefault = opts.asOfDefault ?? LATEST_ORDER_DAY;
  // One scan of `orders` for the fingerprint, the last order day and (by default) asOf. The table
  // catalog is cheap to read; a view's id is only asked when `orders` is not a table.
  const defaultAsOf = asOfDefault === LATEST_ORDER_DAY ? 'CAST(s.hi AS DATE)' : asOfDefault;
  const [f] = await queryRows<{ as_of: string | null; last_day: string | null; tables: string | null; is_table: boolean; content: string }>(engine, `
    WITH s AS (
      SELECT count(*) AS n, sum(CAST(amount AS DOUBLE)) AS amount, min(ordered_at) AS lo, max(ordered_at) AS hi,
        max(ordered_at) FILTER (WHERE customer_id IS NOT NULL) AS last_at
      FROM orders
    ),
    t AS (SELECT table_oid, table_name, temporary, estimated_size FROM duckdb_tables()),
    is_table AS (SELECT count(*) > 0 AS is_table FROM t WHERE table_name = 'orders')
    SELECT CAST(COALESCE(${dateLiteral(o.asOf)}, ${defaultAsOf}) AS VARCHAR) AS as_of,
      CAST(CAST(s.last_at AS DATE) AS VARCHAR) AS last_day,
      s.n || '|' || COALESCE(CAST(s.amount AS VARCHAR), '') || '|' || COALESCE(CAST(s.lo AS VARCHAR), '') || '|' || COALESCE(CAST(s.hi AS VARCHAR), '') AS content,
      is_table.is_table,
      (SELECT string_agg(table_oid || ':' || estimated_size, ',' ORDER BY table_oid) FROM t
        WHERE table_name = 'orders' OR (NOT is_table.is_table AND NOT temporary AND table_name <> 'calendar_days')) AS tables
    FROM s, is_table`);
  let catalog = f.tables ?? '';
  if (!f.is_table) {
    // (duckdb_columns() also lists views, with their oid, without the cost of duckdb_views().)
    const [v] = await queryRows<{ oid: string | null }>(engine,
      `SELECT string_agg(DISTINCT CAST(table_oid AS VARCHAR), ',') AS oid FROM duckdb_columns() WHERE table_name = 'orders' AND NOT internal`);
    catalog = `view ${v.oid ?? ''} over ${catalog}`;
  }
  const asOf = f.as_of;
  const cutoff = asOf === null ? 'none' : f.last_day !== null && asOf >= f.last_day ? 'all' : asOf;
  const dataKey = JSON.stringify([catalog, f.content]);
  const name = (kind: string) => `_rn_${kind}_${hash64(`${dataKey}\u0000${cutoff}`)}`;

  await engine.query(`CREATE TEMP TABLE IF NOT EXISTS ${CACHE_TABLE} (data_key VARCHAR, cutoff VARCHAR, customers VARCHAR, gaps VARCHAR, used BIGINT)`);
  const rows = await queryRows<CacheRow>(engine, `
    SELECT c.data_key, c.cutoff, c.customers, c.gaps,
      (SELECT count(*) FROM duckdb_tables() t WHERE t.temporary AND t.table_name = c.customers) AS has_customers,
      (SELECT count(*) FROM duckdb_tables() t WHERE t.temporary AND t.table_name = c.gaps) AS has_gaps
    FROM ${CACHE_TABLE} c`);

  // Drop everything built from other data: it can never be used again and holds memory.
  for (const r of rows.filter((x) => x.data_key !== dataKey)) await dropEntry(engine, r);
  let entry = rows.find((r) => r.data_key === dataKey && r.cutoff === cutoff);
  if (entry && (!entry.has_customers || (entry.gaps && !entry.has_gaps))) {
    await dropEntry(engine, entry);
    entry = undefined;
  }

  const asOfEnd = asOf === null ? 'CAST(NULL AS TIMESTAMP)' : `CAST(DATE ${literal(asOf)} + 1 AS TIMESTAMP)`;
  const observed = `(${observedOrdersSelect(asOfEnd)})`;
  const use = `(SELECT COALESCE(max(used), 0) + 1 FROM ${CACHE_TABLE})`;
  if (!entry) {
    // Keep at most MAX_ENTRIES cut-offs of this data (the oldest go first).
    const same = rows.filter((r) => r.data_key === dataKey).length;
    if (same >= MAX_ENTRIES) {
      const old = await queryRows<CacheRow>(engine,
        `SELECT * FROM ${CACHE_TABLE} WHERE data_key = ${literal(dataKey)} ORDER BY used LIMIT ${same - MAX_ENTRIES + 1}`);
      for (const r of old) await dropEntry(engine, r);
    }
    const customers = name('customers');
    await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(customers)} AS ${customerSummarySelect(observed)}`);
    // (DELETE first: two analyses started together may both have missed the entry.)
    await engine.query(`DELETE FROM ${CACHE_TABLE} WHERE data_key = ${literal(dataKey)} AND cutoff = ${literal(cutoff)}`);
    await engine.query(`INSERT INTO ${CACHE_TABLE} VALUES (${literal(dataKey)}, ${literal(cutoff)}, ${literal(customers)}, NULL, ${use})`);
    entry = { data_key: dataKey, cutoff, customers, gaps: null, has_customers: 1, has_gaps: 0 };
  }
  if (opts.gaps && !entry.gaps) {
    const gaps = name('gaps');
    await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(gaps)} AS ${gapHistogramSelect(observed)}`);
    await engine.query(`UPDATE ${CACHE_TABLE} SET gaps = ${literal(gaps)} WHERE data_key = ${literal(dataKey)} AND cutoff = ${literal(cutoff)}`);
    entry.gaps = gaps;
  }
  return { asOf, customers: ident(entry.customers), gaps: entry.gaps ? ident(entry.gaps) : null };
}

async function dropEntry(engine: Engine, r: Pick<CacheRow, 'data_key' | 'cutoff' | 'customers' | 'gaps'>): Promise<void> {
  await engine.query(`DROP TABLE IF EXISTS ${ident(r.customers)}`);
  if (r.gaps) await engine.query(`DROP TABLE IF EXISTS ${ident(r.gaps)}`);
  await engine.query(`DELETE FROM ${CACHE_TABLE} WHERE data_key = ${literal(r.data_key)} AND cutoff = ${literal(r.cutoff)}`);
}

/** Drops every shared table (e.g. to free memory, or to time analyses from a cold start). */
export async function dropAnalysisCache(engine: Engine): Promise<void> {
  const [t] = await queryRows<{ n: number }>(engine,
    `SELECT count(*) AS n FROM duckdb_tables() WHERE temporary AND table_name = ${literal(CACHE_TABLE)}`);
  if (t.n === 0) return;
  for (const r of await queryRows<CacheRow>(engine, `SELECT * FROM ${CACHE_TABLE}`)) await dropEntry(engine, r);
}
