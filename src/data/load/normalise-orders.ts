import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import type { LoadPlan } from './plan';
import { REJECTS_TABLE } from './rejects';
import { ident, literal } from './sql';
import {
  amountExpr, currencyExpr, datePartsExpr, gregorianDate, idExpr, statusExpr, textExpr, timestampFromParts,
} from './sql-normalise';
import { buildJalaliMap } from './jalali-map';
import { rawRowText } from './raw-row-text';

/** How rows that share an order id were read (reported to the user). */
export type OrderRowMode = 'one-row-per-order' | 'first-row-totals' | 'summed-lines' | 'duplicates-rejected';

export interface OrdersStageResult {
  stageTable: string;
  linesTable: string | null;
  /** Data rows read from the raw relation (malformed CSV rows not included). */
  rows: number;
  orders: number;
  rowMode: OrderRowMode;
  notes: string[];
}

const REASON_DETAIL = `CASE reason
  WHEN 'missing customer id' THEN 'no customer id or e-mail on this row'
  WHEN 'unparseable date' THEN 'date not readable: ' || coalesce(date_raw, '(empty)')
  WHEN 'invalid date' THEN 'no such date or time: ' || coalesce(date_raw, '(empty)')
  WHEN 'unparseable amount' THEN 'amount not a number: ' || coalesce(amount_raw, '(empty)')
  WHEN 'negative amount' THEN 'negative amount ' || amount_raw || ' (refunds belong in a refunded-amount column)'
END`;

/**
 * Raw text relation → `stageTable` with the canonical order columns (docs/ARCHITECTURE.md),
 * one row per order, and `linesName` when the file has line items. Every row that cannot be used
 * goes to `load_rejects` with its reason and its text; nothing disappears without a count.
 *
 * The raw relation is scanned once (it may be a view over a 300 MB CSV): one query reads, types
 * and judges every row; the rest works on the typed rows.
 */
export async function normaliseOrders(
  engine: Engine, plan: LoadPlan, rawTable: string, stageTable: string, linesName: string, columns: string[],
): Promise<OrdersStageResult> {
  const m = plan.mapping;
  const typed = `${rawTable}_typed`;
  const notes: string[] = [];
  const customer = m.customer_id
    ? `coalesce(${idExpr(m.customer_id)}, lower(${textExpr(m.customer_email)}))`
    : `lower(${textExpr(m.customer_email)})`;
  const lineItems = plan.lineItems;

  // Calendar: Gregorian dates in SQL; Jalali through a small map of distinct dates (jalaali-js).
  let gdate = gregorianDate('dp');
  let join = '';
  if (plan.date.calendar === 'jalali') {
    const map = `${rawTable}_jmap`;
    await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(map + '_dp')} AS
      SELECT DISTINCT ${datePartsExpr(m.ordered_at, plan.date)} AS dp FROM ${ident(rawTable)}`);
    await buildJalaliMap(engine, map + '_dp', 'dp', map);
    await engine.query(`DROP TABLE ${ident(map + '_dp')}`);
    join = `LEFT JOIN ${ident(map)} jm ON jm.y = a.dp.y AND jm.mo = a.dp.mo AND jm.d = a.dp.d`;
    gdate = 'jm.gdate';
  }

  await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(typed)} AS
    WITH a AS (
      SELECT __row,
        ${m.order_id ? idExpr(m.order_id) : `'row-' || __row`} AS order_id,
        ${customer} AS customer_id,
        ${datePartsExpr(m.ordered_at, plan.date)} AS dp,
        ${textExpr(m.ordered_at)} AS date_raw,
        ${amountExpr(m.amount, plan.amountStyle)} AS amount,
        ${textExpr(m.amount)} AS amount_raw,
        ${amountExpr(m.refunded_amount, plan.amountStyle)} AS refunded,
        ${textExpr(m.cancelled_at)} IS NOT NULL AS is_cancelled,
        ${textExpr(m.status)} AS status_raw,
        ${m.currency ? currencyExpr(textExpr(m.currency)) : plan.currency ? literal(plan.currency) : 'NULL::VARCHAR'} AS currency,
        ${textExpr(m.product)} AS product,
        ${amountExpr(m.quantity, 'dot-decimal')} AS quantity,
        ${amountExpr(m.line_price, plan.amountStyle)} AS line_price,
        ${textExpr(m.channel)} AS channel,
        ${textExpr(m.city)} AS city,
        ${textExpr(m.region)} AS region,
        ${textExpr(m.country)} AS country,
        r AS rawrow
      FROM ${ident(rawTable)} r),
    b AS (SELECT a.*, ${timestampFromParts('a.dp', gdate)} AS ordered_at FROM a ${join}),
    c AS (SELECT b.*, CASE
        WHEN customer_id IS NULL THEN 'missing customer id'
        WHEN dp IS NULL THEN 'unparseable date'
        WHEN ordered_at IS NULL THEN 'invalid date'
        WHEN amount IS NULL AND (${lineItems ? 'false' : 'true'} OR amount_raw IS NOT NULL) THEN 'unparseable amount'
        WHEN amount < 0 AND ${m.order_id ? 'false' : 'true'} THEN 'negative amount'
      END AS reason FROM b)
    SELECT c.* EXCLUDE (rawrow, dp), dp.off_min AS off_min,
      CASE WHEN reason IS NOT NULL THEN ${rawRowText('rawrow', columns)} END AS raw_text
    FROM c`);
  await engine.query(`INSERT INTO ${REJECTS_TABLE}
    SELECT ${literal(plan.fileName)}, NULL, __row, reason, ${REASON_DETAIL}, raw_text
    FROM ${ident(typed)} WHERE reason IS NOT NULL`);

  // Rows → orders. Most files have one row per order: then no grouping at all.
  // A negative row that shares its order id with a positive one is that order's refund
  // (WooCommerce Analytics writes refunds this way); alone, it is rejected.
  const valid = `(SELECT * FROM ${ident(typed)} WHERE reason IS NULL AND NOT coalesce(amount < 0, false))`;
  const [{ rows, extra, negatives }] = await queryRows<{ rows: number; extra: number; negatives: number }>(engine,
    `SELECT count(*) AS rows, count(*) FILTER (WHERE reason IS NULL AND amount < 0) AS negatives,
       ${m.order_id ? `count(*) FILTER (WHERE reason IS NULL AND NOT coalesce(amount < 0, false))
         - count(DISTINCT order_id) FILTER (WHERE reason IS NULL AND NOT coalesce(amount < 0, false))` : '0'} AS extra
     FROM ${ident(typed)}`);
  let refunds = '(SELECT NULL::VARCHAR AS order_id, NULL::DOUBLE AS refund WHERE false)';
  if (negatives > 0) {
    refunds = `${typed}_refunds`;
    await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(refunds)} AS
      SELECT order_id, -sum(amount) AS refund, min(__row) AS first_row, count(*) AS n
      FROM ${ident(typed)} WHERE reason IS NULL AND amount < 0 GROUP BY order_id`);
    await engine.query(`INSERT INTO ${REJECTS_TABLE}
      SELECT ${literal(plan.fileName)}, NULL, t.__row, 'negative amount',
        'negative amount ' || t.amount_raw || ' and no order ' || t.order_id || ' to refund in this file',
        concat_ws(',', t.order_id, t.customer_id, t.date_raw, t.amount_raw)
      FROM ${ident(typed)} t WHERE t.reason IS NULL AND t.amount < 0
        AND t.order_id NOT IN (SELECT order_id FROM ${valid})`);
    notes.push(`${negatives} rows with a negative amount were read as refunds of their order.`);
    refunds = ident(refunds);
  }
  let rowMode: OrderRowMode = lineItems ? 'first-row-totals' : 'one-row-per-order';
  if (!lineItems && extra > 0) {
    const [{ ids, multiproduct }] = await queryRows<{ ids: number; multiproduct: number }>(engine,
      `SELECT count(*) AS ids, count(*) FILTER (WHERE np > 1) AS multiproduct FROM (
         SELECT order_id, count(DISTINCT product) AS np FROM ${valid} GROUP BY order_id HAVING count(*) > 1)`);
    if (m.product && multiproduct >= ids * 0.5) {
      rowMode = 'summed-lines';
      notes.push(`${ids} orders span several rows with different products: read as line items, amounts summed per order.`);
    } else {
      rowMode = 'duplicates-rejected';
      await engine.query(`INSERT INTO ${REJECTS_TABLE}
        SELECT ${literal(plan.fileName)}, NULL, __row, 'duplicate order id',
          'order ' || order_id || ' already read from row ' || first_row,
          concat_ws(',', order_id, customer_id, date_raw, amount_raw)
        FROM (SELECT __row, order_id, customer_id, date_raw, amount_raw,
                     min(__row) OVER (PARTITION BY order_id) AS first_row FROM ${valid})
        WHERE __row <> first_row`);
      notes.push(`${extra} rows repeat an order id already read; the first row of each order was kept.`);
    }
  }

  const status = statusExpr('status_raw', 'is_cancelled');
  const finish = (from: string) => `CREATE OR REPLACE TABLE ${ident(stageTable)} AS
    SELECT ${literal(plan.fileName)} AS source_file, source_row, order_id, customer_id, ordered_at,
      CASE WHEN off_min IS NULL THEN ordered_at ELSE ordered_at - to_minutes(off_min::BIGINT) END AS ordered_at_utc,
      gross_amount, status,
      coalesce(refunded, CASE WHEN status = 'refunded' AND refund IS NULL THEN gross_amount ELSE 0 END)
        + coalesce(refund, 0) AS refunded_amount,
      currency, quantity, product, channel, city, region, country
    FROM (SELECT o.*, ${status} AS status, r.refund FROM ${from} o LEFT JOIN ${refunds} r USING (order_id))
    WHERE gross_amount IS NOT NULL`;
  if (rowMode === 'one-row-per-order') {
    await engine.query(finish(`(SELECT *, __row AS source_row, amount AS gross_amount FROM ${valid})`));
  } else {
    const firstOf = (c: string) => `arg_min(${c}, __row) FILTER (WHERE ${c} IS NOT NULL) AS ${c}`;
    const keep = rowMode === 'duplicates-rejected'
      ? `(SELECT * FROM ${valid} QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY __row) = 1)`
      : valid;
    await engine.query(finish(`(SELECT order_id, min(__row) AS source_row,
        ${rowMode === 'summed-lines' ? 'sum(amount)' : 'arg_min(amount, __row) FILTER (WHERE amount IS NOT NULL)'} AS gross_amount,
        ${['customer_id', 'ordered_at', 'off_min', 'refunded', 'status_raw', 'currency', 'product', 'channel', 'city', 'region', 'country']
          .map(firstOf).join(', ')},
        bool_or(is_cancelled) AS is_cancelled, sum(quantity) AS quantity
      FROM ${keep} GROUP BY order_id)`));
    if (lineItems) {
      // Orders whose every row lacked a total are rejected as a whole.
      await engine.query(`INSERT INTO ${REJECTS_TABLE}
        SELECT ${literal(plan.fileName)}, NULL, min(__row), 'missing order total',
          'order ' || order_id || ' has no total on any of its rows', NULL
        FROM ${valid} GROUP BY order_id HAVING count(amount) = 0`);
    }
  }

  let linesTable: string | null = null;
  if (m.product && (rowMode === 'first-row-totals' || rowMode === 'summed-lines')) {
    linesTable = linesName;
    const lineAmount = rowMode === 'summed-lines' ? 'v.amount' : 'v.line_price * coalesce(v.quantity, 1)';
    await engine.query(`CREATE OR REPLACE TABLE ${ident(linesTable)} AS
      SELECT ${literal(plan.fileName)} AS source_file, v.order_id, o.customer_id, o.ordered_at, v.product,
        v.quantity, ${lineAmount} AS line_amount
      FROM ${valid} v JOIN ${ident(stageTable)} o USING (order_id)`);
  }
  await engine.query(`DROP TABLE IF EXISTS ${ident(typed)}`);
  await engine.query(`DROP TABLE IF EXISTS ${ident(typed + '_refunds')}`);
  const [{ n }] = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${ident(stageTable)}`);
  return { stageTable, linesTable, rows, orders: n, rowMode, notes };
}
