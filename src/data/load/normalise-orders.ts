import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import type { LoadPlan } from './plan';
import { REJECTS_TABLE } from './rejects';
import { ident, literal } from './sql';
import {
  amountExpr, currencyExpr, datePartsExpr, gregorianDate, statusExpr, textExpr, timestampFromParts,
} from './sql-normalise';
import { buildJalaliMap } from './jalali-map';
import { rawRowText } from './raw-row-text';

/** How rows that share an order id were read (reported to the user). */
export type OrderRowMode = 'one-row-per-order' | 'first-row-totals' | 'summed-lines' | 'duplicates-rejected';

export interface OrdersStageResult {
  stageTable: string;
  linesTable: string | null;
  orders: number;
  rowMode: OrderRowMode;
  notes: string[];
}

/**
 * Raw text table → `stageTable` with the canonical order columns (see docs/ARCHITECTURE.md),
 * one row per order, and `linesTable` when the file has line items. Each row that cannot be
 * used goes to `load_rejects` with the reason; nothing disappears without a count.
 */
export async function normaliseOrders(
  engine: Engine, plan: LoadPlan, rawTable: string, stageTable: string, linesName: string, columns: string[],
): Promise<OrdersStageResult> {
  const m = plan.mapping;
  const rows = `${rawTable}_typed`;
  const notes: string[] = [];
  const customer = m.customer_id
    ? `coalesce(${textExpr(m.customer_id)}, lower(${textExpr(m.customer_email)}))`
    : `lower(${textExpr(m.customer_email)})`;

  // 1. Type every row.
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(rows)} AS
    SELECT __row,
      ${m.order_id ? textExpr(m.order_id) : `'row-' || __row`} AS order_id,
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
      ${textExpr(m.country)} AS country
    FROM ${ident(rawTable)}`);

  // 2. Calendar: Gregorian dates in SQL; Jalali through a small map built with jalaali-js.
  let gdate = gregorianDate('dp');
  let join = '';
  if (plan.date.calendar === 'jalali') {
    const map = `${rawTable}_jmap`;
    await buildJalaliMap(engine, rows, 'dp', map);
    join = `LEFT JOIN ${ident(map)} jm ON jm.y = dp.y AND jm.mo = dp.mo AND jm.d = dp.d`;
    gdate = 'jm.gdate';
  }
  const lineItems = plan.lineItems;
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(rows + '2')} AS
    SELECT t.*, ${timestampFromParts('dp', gdate)} AS ordered_at, dp.off_min AS off_min,
      CASE
        WHEN t.customer_id IS NULL THEN 'missing customer id'
        WHEN dp IS NULL THEN 'unparseable date'
        WHEN ${timestampFromParts('dp', gdate)} IS NULL THEN 'invalid date'
        WHEN t.amount IS NULL AND (${lineItems ? 'false' : 'true'} OR t.amount_raw IS NOT NULL) THEN 'unparseable amount'
        WHEN t.amount < 0 THEN 'negative amount'
      END AS reason
    FROM ${ident(rows)} t ${join}`);
  await engine.query(`INSERT INTO ${REJECTS_TABLE}
    SELECT ${literal(plan.fileName)}, NULL, t.__row, t.reason,
      CASE t.reason
        WHEN 'missing customer id' THEN 'no customer id or e-mail on this row'
        WHEN 'unparseable date' THEN 'date not readable: ' || coalesce(t.date_raw, '(empty)')
        WHEN 'invalid date' THEN 'no such date or time: ' || coalesce(t.date_raw, '(empty)')
        WHEN 'unparseable amount' THEN 'amount not a number: ' || coalesce(t.amount_raw, '(empty)')
        WHEN 'negative amount' THEN 'negative amount ' || t.amount_raw || ' (refunds belong in a refunded-amount column)'
      END,
      ${rawRowText('r', columns)}
    FROM ${ident(rows + '2')} t JOIN ${ident(rawTable)} r USING (__row) WHERE t.reason IS NOT NULL`);

  // 3. Rows → orders.
  const valid = `(SELECT * FROM ${ident(rows + '2')} WHERE reason IS NULL)`;
  const dup = (await queryRows<{ ids: number; extra: number; multiproduct: number }>(engine, `
    SELECT count(*) AS ids, coalesce(sum(n - 1), 0) AS extra, count(*) FILTER (WHERE np > 1) AS multiproduct
    FROM (SELECT order_id, count(*) AS n, count(DISTINCT product) AS np FROM ${valid} GROUP BY order_id HAVING count(*) > 1)`))[0];
  let rowMode: OrderRowMode = 'one-row-per-order';
  if (lineItems) rowMode = 'first-row-totals';
  else if (dup.extra > 0 && m.product && dup.multiproduct >= dup.ids * 0.5) {
    rowMode = 'summed-lines';
    notes.push(`${dup.ids} orders span several rows with different products: read as line items, amounts summed per order.`);
  } else if (dup.extra > 0) {
    rowMode = 'duplicates-rejected';
    await engine.query(`INSERT INTO ${REJECTS_TABLE}
      SELECT ${literal(plan.fileName)}, NULL, d.__row, 'duplicate order id',
        'order ' || d.order_id || ' already read from row ' || d.first_row, ${rawRowText('r', columns)}
      FROM (SELECT __row, order_id, min(__row) OVER (PARTITION BY order_id) AS first_row FROM ${valid}) d
      JOIN ${ident(rawTable)} r USING (__row) WHERE d.__row <> d.first_row`);
    notes.push(`${dup.extra} rows repeat an order id already read; the first row of each order was kept.`);
  }

  const firstOf = (c: string) => `arg_min(${c}, __row) FILTER (WHERE ${c} IS NOT NULL)`;
  const gross =
    rowMode === 'summed-lines' ? 'sum(amount)' : rowMode === 'first-row-totals' ? firstOf('amount') : firstOf('amount');
  const grouped = rowMode === 'duplicates-rejected'
    ? `(SELECT * FROM ${valid} QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY __row) = 1)`
    : valid;
  await engine.query(`CREATE OR REPLACE TABLE ${ident(stageTable)} AS
    WITH o AS (
      SELECT order_id, min(__row) AS source_row, ${firstOf('customer_id')} AS customer_id,
        ${firstOf('ordered_at')} AS ordered_at, ${firstOf('off_min')} AS off_min,
        ${gross} AS gross_amount, ${firstOf('refunded')} AS refunded, bool_or(is_cancelled) AS is_cancelled,
        ${firstOf('status_raw')} AS status_raw, ${firstOf('currency')} AS currency,
        ${firstOf('product')} AS product, sum(quantity) AS quantity, ${firstOf('channel')} AS channel,
        ${firstOf('city')} AS city, ${firstOf('region')} AS region, ${firstOf('country')} AS country
      FROM ${grouped} GROUP BY order_id)
    SELECT ${literal(plan.fileName)} AS source_file, source_row, order_id, customer_id, ordered_at,
      CASE WHEN off_min IS NULL THEN ordered_at ELSE ordered_at - to_minutes(off_min::BIGINT) END AS ordered_at_utc,
      gross_amount, s.status,
      coalesce(refunded, CASE WHEN s.status = 'refunded' THEN gross_amount ELSE 0 END) AS refunded_amount,
      currency, quantity, product, channel, city, region, country
    FROM o, LATERAL (SELECT ${statusExpr('status_raw', 'is_cancelled')} AS status) s
    WHERE gross_amount IS NOT NULL`);

  // Orders whose every row lacked a total (line-item exports) are rejected as a whole.
  if (lineItems) {
    await engine.query(`INSERT INTO ${REJECTS_TABLE}
      SELECT ${literal(plan.fileName)}, NULL, min(__row), 'missing order total',
        'order ' || order_id || ' has no total on any of its rows', NULL
      FROM ${valid} GROUP BY order_id HAVING count(amount) = 0`);
  }

  let linesTable: string | null = null;
  if (m.product && rowMode !== 'one-row-per-order' && rowMode !== 'duplicates-rejected') {
    linesTable = linesName;
    const lineAmount = rowMode === 'summed-lines' ? 'amount' : 'line_price * coalesce(quantity, 1)';
    await engine.query(`CREATE OR REPLACE TABLE ${ident(linesTable)} AS
      SELECT ${literal(plan.fileName)} AS source_file, v.order_id, o.customer_id, o.ordered_at, v.product,
        v.quantity, ${lineAmount} AS line_amount
      FROM ${valid} v JOIN ${ident(stageTable)} o USING (order_id)`);
  }
  await engine.query(`DROP TABLE IF EXISTS ${ident(rows)}`);
  await engine.query(`DROP TABLE IF EXISTS ${ident(rows + '2')}`);
  const orders = (await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${ident(stageTable)}`))[0].n;
  return { stageTable, linesTable, orders, rowMode, notes };
}
