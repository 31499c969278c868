import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import type { LoadSettings } from './plan';
import { REJECTS_TABLE } from './rejects';
import { ident, literal } from '../../engine/sql';
import { stageSelect } from './normalise-orders';

/** An empty `orders_all` row shape (docs/ARCHITECTURE.md, "Canonical tables"). */
const ORDER_COLUMNS_NULL = `NULL::VARCHAR AS source_file, NULL::BIGINT AS source_row, NULL::VARCHAR AS order_id,
  NULL::VARCHAR AS customer_id, NULL::TIMESTAMP AS ordered_at, NULL::TIMESTAMP AS ordered_at_utc,
  NULL::DOUBLE AS gross_amount, NULL::VARCHAR AS status, NULL::DOUBLE AS refunded_amount, NULL::VARCHAR AS currency,
  NULL::DOUBLE AS quantity, NULL::VARCHAR AS product, NULL::VARCHAR AS channel, NULL::VARCHAR AS city,
  NULL::VARCHAR AS region, NULL::VARCHAR AS country`;

/** Drop a table or view of this name, whichever it is. */
export async function dropRelation(engine: Engine, name: string): Promise<void> {
  // Cheaper than asking the catalog (duckdb_views() costs ~150 ms): DROP VIEW fails on a table.
  try {
    await engine.query(`DROP VIEW IF EXISTS ${ident(name)}`);
  } catch {
    await engine.query(`DROP TABLE IF EXISTS ${ident(name)}`);
  }
}

/** One loaded orders file: its stage table, the canonical columns it stores, its lines table. */
export interface OrderStage {
  stage: string;
  columns: string[];
  file: string;
  /** The file's currency when it has no currency column (from the plan). */
  currency: string | null;
  lines: string | null;
}

export interface CanonicalSummary {
  /** Orders that count as revenue in the analysed currency. */
  orders: number;
  customers: number;
  revenue: number;
  currency: string | null;
  /** Orders per currency, including the ones set aside. */
  currencies: { currency: string | null; orders: number }[];
  /** Orders read but not counted, per reason (cancelled, refunded in full, other currency…). */
  notCounted: { reason: string; orders: number }[];
  firstOrder: number | null;
  lastOrder: number | null;
}

/**
 * Rebuild `orders_all`, `orders` and `order_lines` from the stage tables of every loaded file.
 * `orders_all` keeps every order read (for the record); `orders` keeps the ones that count as
 * revenue under the refund rule, in one currency. An order id seen in an earlier file is
 * rejected in the later one (overlapping exports are common).
 */
export async function rebuildOrders(
  engine: Engine, stages: OrderStage[], settings: LoadSettings,
): Promise<CanonicalSummary> {
  await engine.query(`DELETE FROM ${REJECTS_TABLE} WHERE reason = 'order id in an earlier file'`);
  await dropRelation(engine, 'orders');
  await dropRelation(engine, 'orders_all');
  const union = stages.map((s) => `SELECT ${stageSelect(s.columns, s.file, s.currency)} FROM ${ident(s.stage)}`).join(' UNION ALL ');
  let overlap = 0;
  if (stages.length > 1) {
    [{ overlap }] = await queryRows<{ overlap: number }>(engine,
      `SELECT count(*) - count(DISTINCT order_id) AS overlap FROM (${union})`);
  }
  if (overlap > 0) {
    // Overlapping exports: keep each order id from the first file that has it.
    const order = stages.map((s, i) => `WHEN ${literal(s.file)} THEN ${i}`).join(' ');
    await engine.query(`CREATE OR REPLACE TEMP TABLE orders_union AS
      SELECT *, CASE source_file ${order} END AS file_rank FROM (${union})`);
    await engine.query(`INSERT INTO ${REJECTS_TABLE}
      SELECT source_file, NULL, source_row, 'order id in an earlier file',
        'order ' || order_id || ' was already loaded from ' || first_file, NULL
      FROM (SELECT *, first_value(source_file) OVER (PARTITION BY order_id ORDER BY file_rank, source_row) AS first_file,
                   row_number() OVER (PARTITION BY order_id ORDER BY file_rank, source_row) AS k FROM orders_union)
      WHERE k > 1`);
    await engine.query(`CREATE TABLE orders_all AS
      SELECT * EXCLUDE (file_rank) FROM orders_union
      QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY file_rank, source_row) = 1`);
    await engine.query('DROP TABLE orders_union');
  } else {
    // No copy of millions of rows: the stage tables are the data, `orders_all` a view on them.
    await engine.query(stages.length
      ? `CREATE VIEW orders_all AS ${union}`
      : `CREATE VIEW orders_all AS SELECT * FROM (SELECT ${ORDER_COLUMNS_NULL}) WHERE false`);
  }

  const counts =
    settings.refundRule === 'exclude'
      ? `status NOT IN ('cancelled', 'failed', 'refunded', 'partially_refunded') AND coalesce(refunded_amount, 0) = 0`
      : `status NOT IN ('cancelled', 'failed')
         AND NOT (status = 'refunded' OR (coalesce(refunded_amount, 0) > 0 AND gross_amount - refunded_amount <= 0))`;
  const amount = settings.refundRule === 'exclude' ? 'gross_amount' : 'gross_amount - coalesce(refunded_amount, 0)';
  const currencies = await queryRows<{ currency: string | null; orders: number }>(
    engine,
    `SELECT currency, count(*) AS orders FROM orders_all WHERE ${counts} GROUP BY currency ORDER BY orders DESC, currency`,
  );
  const primary = settings.currency ?? currencies.find((c) => c.currency !== null)?.currency ?? null;
  const inCurrency = primary === null ? 'true' : `(currency IS NULL OR currency = ${literal(primary)})`;

  // A view: the refund rule and the currency are a filter, not a copy.
  await engine.query(`CREATE VIEW orders AS
    SELECT order_id, customer_id, ordered_at, ordered_at_utc, ${amount} AS amount, gross_amount, refunded_amount,
      coalesce(currency, ${primary === null ? 'NULL' : literal(primary)}) AS currency, status, quantity, product,
      channel, city, region, country, source_file
    FROM orders_all WHERE ${counts} AND ${inCurrency}`);

  const lineStages = stages.filter((s) => s.lines);
  await engine.query(
    lineStages.length
      ? `CREATE OR REPLACE TABLE order_lines AS SELECT l.order_id, l.customer_id, l.ordered_at, l.product, l.quantity, l.line_amount
         FROM (${lineStages.map((s) => `SELECT * FROM ${ident(s.lines!)}`).join(' UNION ALL BY NAME ')}) l
         SEMI JOIN orders o ON o.order_id = l.order_id AND o.source_file = l.source_file`
      : `CREATE OR REPLACE TABLE order_lines (order_id VARCHAR, customer_id VARCHAR, ordered_at TIMESTAMP,
           product VARCHAR, quantity DOUBLE, line_amount DOUBLE)`,
  );

  const notCounted = await queryRows<{ reason: string; orders: number }>(engine, `
    SELECT reason, count(*) AS orders FROM (
      SELECT CASE
        WHEN status = 'cancelled' THEN 'cancelled'
        WHEN status = 'failed' THEN 'payment failed'
        WHEN NOT (${counts}) THEN ${settings.refundRule === 'exclude' ? "'refunded (rule: exclude refunded orders)'" : "'refunded in full'"}
        ELSE 'other currency (' || coalesce(currency, '?') || ')' END AS reason
      FROM orders_all WHERE NOT (${counts} AND ${inCurrency}))
    GROUP BY reason ORDER BY orders DESC`);
  const [s] = await queryRows<{ orders: number; customers: number; revenue: number | null; first: number | null; last: number | null }>(
    engine,
    `SELECT count(*) AS orders, count(DISTINCT customer_id) AS customers, sum(amount) AS revenue,
            min(ordered_at) AS first, max(ordered_at) AS last FROM orders`,
  );
  return {
    orders: s.orders, customers: s.customers, revenue: s.revenue ?? 0, currency: primary,
    currencies, notCounted, firstOrder: s.first, lastOrder: s.last,
  };
}
