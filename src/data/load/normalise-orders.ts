import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import type { LoadPlan } from './plan';
import { REJECTS_TABLE } from './rejects';
import { ident, literal } from '../../engine/sql';
import {
  amountExpr, currencyExpr, datePartsExpr, fastTimestampExpr, gregorianDate, idExpr, statusExpr, textExpr, timestampFromParts,
} from './sql-normalise';
import { buildJalaliMap } from './jalali-map';
import { rawRowText } from './raw-row-text';

/** How rows that share an order id were read (reported to the user). */
export type OrderRowMode = 'one-row-per-order' | 'first-row-totals' | 'summed-lines' | 'duplicates-rejected';

export interface OrdersStageResult {
  stageTable: string;
  /** Canonical columns stored in the stage table; the others take their default (`stageSelect`). */
  columns: string[];
  linesTable: string | null;
  /** Data rows read from the raw relation (malformed CSV rows not included). */
  rows: number;
  orders: number;
  rowMode: OrderRowMode;
  notes: string[];
}

/** The canonical columns of `orders_all`, in order (docs/ARCHITECTURE.md). */
export const STAGE_COLUMNS = [
  'source_file', 'source_row', 'order_id', 'customer_id', 'ordered_at', 'ordered_at_utc', 'gross_amount', 'status',
  'refunded_amount', 'currency', 'quantity', 'product', 'channel', 'city', 'region', 'country',
] as const;

/**
 * SELECT list turning a stage table into the canonical columns. A stage stores only what its
 * file has (10M rows × an empty VARCHAR column is 160 MB of a 4 GB heap); the rest is filled in
 * here: the file name, status `completed`, no refund, the file's currency, NULL dimensions.
 */
export function stageSelect(stored: string[], file: string, currency: string | null): string {
  const defaults: Record<string, string> = {
    source_file: literal(file), ordered_at_utc: 'ordered_at', status: `'completed'`, refunded_amount: '0::DOUBLE',
    currency: currency === null ? 'NULL::VARCHAR' : literal(currency), quantity: 'NULL::DOUBLE',
  };
  return STAGE_COLUMNS.map((c) => (stored.includes(c) ? ident(c) : `${defaults[c] ?? 'NULL::VARCHAR'} AS ${ident(c)}`)).join(', ');
}

/**
 * Raw text relation → `stageTable` with the canonical order columns (docs/ARCHITECTURE.md),
 * one row per order, and `linesName` when the file has line items. Every row that cannot be used
 * goes to `load_rejects` with its reason and its text; nothing disappears without a count.
 *
 * Built for files of millions of rows in a 4 GB wasm heap: the raw relation (a view over the
 * CSV) is scanned once by one query that reads, types and judges every row and writes the stage
 * table directly. Only when rows share an order id (line items, duplicates, refund rows) is a
 * second, grouped table built from it.
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
  const file = literal(plan.fileName);

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
  // Raw columns travel along (zero-copy) only to write the text of rejected rows.
  const rawCols = columns.map((c, i) => ({ c, alias: `__raw_${i}` }));
  const rawOf = (c: string | null | undefined) => (c ? ident(rawCols.find((x) => x.c === c)!.alias) : 'NULL');
  const rawText = rawRowText(rawCols.map(({ alias }) => ident(alias)));
  const status = m.status || m.cancelled_at ? statusExpr('status_raw', 'is_cancelled') : statusExpr('NULL', 'false');
  const dateAlias = m.ordered_at ? rawCols.find((x) => x.c === m.ordered_at)!.alias : null;
  // Only what the file has is stored (see stageSelect); group-only helpers only when mapped.
  const hasStatus = !!(m.status || m.cancelled_at);
  const optional: [boolean, string][] = [
    [true, 'ordered_at_utc'], [hasStatus, 'status'], [!!(m.refunded_amount || hasStatus), 'refunded_amount'],
    [!!m.currency, 'currency'], [!!m.quantity, 'quantity'], [!!m.product, 'product'], [!!m.channel, 'channel'],
    [!!m.city, 'city'], [!!m.region, 'region'], [!!m.country, 'country'],
  ];
  const stored = ['source_row', 'order_id', 'customer_id', 'ordered_at', 'gross_amount', ...optional.filter(([on]) => on).map(([, c]) => c)];
  const exprs: Record<string, string> = {
    source_row: '__row AS source_row',
    ordered_at_utc: `CASE WHEN dp.off_min IS NULL THEN ordered_at ELSE ordered_at - to_minutes(dp.off_min::BIGINT) END AS ordered_at_utc`,
    gross_amount: 'amount AS gross_amount',
    refunded_amount: `coalesce(refunded, CASE WHEN status = 'refunded' THEN amount ELSE 0 END) AS refunded_amount`,
  };
  const helpers = [[!!m.refunded_amount, 'refunded'], [!!m.status, 'status_raw'], [!!m.cancelled_at, 'is_cancelled'],
    [!!m.line_price, 'line_price']].filter(([on]) => on).map(([, c]) => c as string);
  const typedColumns = [...stored.map((c) => exprs[c] ?? c), ...helpers, 'reason'];

  await engine.query(`CREATE OR REPLACE TABLE ${ident(typed)} AS
    WITH a AS (
      SELECT __row,
        ${m.order_id ? idExpr(m.order_id) : `'row-' || __row`} AS order_id,
        ${customer} AS customer_id,
        ${fastTimestampExpr(m.ordered_at, plan.date)} AS ts_fast,
        ${amountExpr(m.amount, plan.amountStyle)} AS amount,
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
        ${rawCols.map(({ c, alias }) => `r.${ident(c)} AS ${ident(alias)}`).join(', ')}
      FROM ${ident(rawTable)} r),
    -- Values the fast cast could not read go through the full date parser.
    a2 AS (SELECT a.*, CASE WHEN ts_fast IS NULL THEN ${datePartsExpr(dateAlias, plan.date)} END AS dp FROM a),
    b AS (SELECT a.*, coalesce(ts_fast, ${timestampFromParts('a.dp', gdate)}) AS ordered_at FROM a2 a ${join}),
    c AS (SELECT b.*, CASE
        WHEN customer_id IS NULL THEN 'missing customer id'
        WHEN ts_fast IS NULL AND dp IS NULL THEN 'unparseable date'
        WHEN ordered_at IS NULL THEN 'invalid date'
        WHEN amount IS NULL AND (${lineItems ? 'false' : 'true'} OR NULLIF(trim(${rawOf(m.amount)}), '') IS NOT NULL)
          THEN 'unparseable amount'
        WHEN amount < 0 AND ${m.order_id ? 'false' : 'true'} THEN 'negative amount'
      END AS reason, ${status} AS status FROM b)
    SELECT ${typedColumns.join(', ')},
      CASE reason
        WHEN 'missing customer id' THEN 'no customer id or e-mail on this row'
        WHEN 'unparseable date' THEN 'date not readable: ' || coalesce(${rawOf(m.ordered_at)}, '(empty)')
        WHEN 'invalid date' THEN 'no such date or time: ' || coalesce(${rawOf(m.ordered_at)}, '(empty)')
        WHEN 'unparseable amount' THEN 'amount not a number: ' || coalesce(${rawOf(m.amount)}, '(empty)')
        WHEN 'negative amount' THEN 'negative amount ' || ${rawOf(m.amount)} || ' (refunds belong in a refunded-amount column)'
      END AS detail,
      CASE WHEN reason IS NOT NULL THEN ${rawText} END AS raw_text
    FROM c`);
  await engine.query(`INSERT INTO ${REJECTS_TABLE}
    SELECT ${file}, NULL, source_row, reason, detail, raw_text FROM ${ident(typed)} WHERE reason IS NOT NULL`);

  // A negative row that shares its order id with a positive one is that order's refund
  // (WooCommerce Analytics writes refunds this way); alone, it is rejected.
  // Group path and checks see every canonical and helper column (defaults for the missing ones).
  const helperNulls: Record<string, string> = {
    refunded: 'NULL::DOUBLE', status_raw: 'NULL::VARCHAR', is_cancelled: 'false', line_price: 'NULL::DOUBLE',
  };
  const full = `(SELECT ${stageSelect(stored, plan.fileName, plan.currency)}, ${Object.entries(helperNulls)
    .map(([c, dflt]) => (helpers.includes(c) ? c : `${dflt} AS ${c}`)).join(', ')}, reason FROM ${ident(typed)})`;
  const valid = `(SELECT * FROM ${full} WHERE reason IS NULL AND NOT coalesce(gross_amount < 0, false))`;
  const [{ rows, rejected, extra, negatives }] = await queryRows<{ rows: number; rejected: number; extra: number; negatives: number }>(engine,
    `SELECT count(*) AS rows, count(reason) AS rejected, count(*) FILTER (WHERE reason IS NULL AND gross_amount < 0) AS negatives,
       ${m.order_id ? `count(*) FILTER (WHERE reason IS NULL AND NOT coalesce(gross_amount < 0, false))
         - count(DISTINCT order_id) FILTER (WHERE reason IS NULL AND NOT coalesce(gross_amount < 0, false))` : '0'} AS extra
     FROM ${ident(typed)}`);
  const rowLabel = (t: string) => `concat_ws(',', ${t}.order_id, ${t}.customer_id, strftime(${t}.ordered_at, '%Y-%m-%d %H:%M:%S'), ${t}.gross_amount)`;

  // The common case: one row per order. The typed table is the stage; no copy.
  if (!lineItems && extra === 0 && negatives === 0) {
    if (rejected > 0) await engine.query(`DELETE FROM ${ident(typed)} WHERE reason IS NOT NULL`);
    for (const c of [...helpers, 'reason', 'detail', 'raw_text']) await engine.query(`ALTER TABLE ${ident(typed)} DROP COLUMN ${ident(c)}`);
    await engine.query(`DROP TABLE IF EXISTS ${ident(stageTable)}`);
    await engine.query(`ALTER TABLE ${ident(typed)} RENAME TO ${ident(stageTable)}`);
    return { stageTable, columns: stored, linesTable: null, rows, orders: rows - rejected, rowMode: 'one-row-per-order', notes };
  }

  let refunds = '(SELECT NULL::VARCHAR AS order_id, NULL::DOUBLE AS refund WHERE false)';
  if (negatives > 0) {
    refunds = ident(`${typed}_refunds`);
    await engine.query(`CREATE OR REPLACE TEMP TABLE ${refunds} AS
      SELECT order_id, -sum(gross_amount) AS refund FROM ${full}
      WHERE reason IS NULL AND gross_amount < 0 GROUP BY order_id`);
    await engine.query(`INSERT INTO ${REJECTS_TABLE}
      SELECT ${file}, NULL, t.source_row, 'negative amount',
        'negative amount ' || t.gross_amount || ' and no order ' || t.order_id || ' to refund in this file', ${rowLabel('t')}
      FROM ${full} t WHERE t.reason IS NULL AND t.gross_amount < 0
        AND t.order_id NOT IN (SELECT order_id FROM ${valid})`);
    notes.push(`${negatives} rows with a negative amount were read as refunds of their order.`);
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
        SELECT ${file}, NULL, d.source_row, 'duplicate order id',
          'order ' || d.order_id || ' already read from row ' || d.first_row, ${rowLabel('d')}
        FROM (SELECT *, min(source_row) OVER (PARTITION BY order_id) AS first_row FROM ${valid}) d
        WHERE d.source_row <> d.first_row`);
      notes.push(`${extra} rows repeat an order id already read; the first row of each order was kept.`);
    }
  }

  // Rows sharing an order id → one order: totals from its first row that has them (Shopify),
  // or summed line amounts; refund rows net against it.
  const firstOf = (c: string) => `arg_min(${c}, source_row) FILTER (WHERE ${c} IS NOT NULL) AS ${c}`;
  const keep = rowMode === 'duplicates-rejected'
    ? `(SELECT * FROM ${valid} QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY source_row) = 1)`
    : valid;
  await engine.query(`CREATE OR REPLACE TABLE ${ident(stageTable)} AS
    WITH o AS (
      SELECT order_id, min(source_row) AS source_row, any_value(source_file) AS source_file,
        ${rowMode === 'summed-lines' ? 'sum(gross_amount)' : 'arg_min(gross_amount, source_row) FILTER (WHERE gross_amount IS NOT NULL)'} AS gross_amount,
        ${['customer_id', 'ordered_at', 'ordered_at_utc', 'refunded', 'status_raw', 'currency', 'product', 'channel', 'city', 'region', 'country']
          .map(firstOf).join(', ')},
        bool_or(is_cancelled) AS is_cancelled, sum(quantity) AS quantity
      FROM ${keep} GROUP BY order_id),
    s AS (SELECT o.*, ${status} AS status, r.refund FROM o LEFT JOIN ${refunds} r USING (order_id))
    SELECT source_file, source_row, order_id, customer_id, ordered_at, ordered_at_utc, gross_amount, status,
      coalesce(refunded, CASE WHEN status = 'refunded' AND refund IS NULL THEN gross_amount ELSE 0 END)
        + coalesce(refund, 0) AS refunded_amount,
      currency, quantity, product, channel, city, region, country
    FROM s WHERE gross_amount IS NOT NULL`);
  if (lineItems) {
    // Orders whose every row lacked a total are rejected as a whole.
    await engine.query(`INSERT INTO ${REJECTS_TABLE}
      SELECT ${file}, NULL, min(source_row), 'missing order total',
        'order ' || order_id || ' has no total on any of its rows', NULL
      FROM ${valid} GROUP BY order_id HAVING count(gross_amount) = 0`);
  }

  let linesTable: string | null = null;
  if (m.product && (rowMode === 'first-row-totals' || rowMode === 'summed-lines')) {
    linesTable = linesName;
    const lineAmount = rowMode === 'summed-lines' ? 'v.gross_amount' : 'v.line_price * coalesce(v.quantity, 1)';
    await engine.query(`CREATE OR REPLACE TABLE ${ident(linesTable)} AS
      SELECT ${file} AS source_file, v.order_id, o.customer_id, o.ordered_at, v.product,
        v.quantity, ${lineAmount} AS line_amount
      FROM ${valid} v JOIN ${ident(stageTable)} o USING (order_id)`);
  }
  await engine.query(`DROP TABLE IF EXISTS ${ident(typed)}`);
  await engine.query(`DROP TABLE IF EXISTS ${ident(typed + '_refunds')}`);
  const [{ n }] = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${ident(stageTable)}`);
  return { stageTable, columns: [...STAGE_COLUMNS], linesTable, rows, orders: n, rowMode, notes };
}
