import type { Engine } from '../../src/engine/engine';
import { queryRows } from '../../src/engine/engine';

/**
 * Deterministic synthetic shop for profiling the analyses at scale (1M, 10M orders), generated
 * entirely in SQL (range() + hash-based pseudo-random numbers), so nothing passes through the JS
 * heap and the same `orders` count always gives the same tables (same DuckDB version).
 *
 * Shape (roughly what a real shop export looks like):
 * - ~orders/5 customers over three years (2022-01-01 … 2024-12-31); arrivals grow over time
 *   (more new customers later); ~55 % buy once, the rest 2 … 300 orders (long tail, mean ≈ 10),
 *   spread over a personal lifetime (exponential, mean ≈ 400 days), some on the same day.
 * - amount log-normal (median ≈ 40), 4 % partially refunded (amount = gross − refunded),
 *   quantity 1…, ~2 000 products (skewed), 7 channels, 40 cities in 12 regions (customers mostly
 *   order from their home city), a few missing values in product/channel/city.
 * - `orders` has the canonical columns of docs/ARCHITECTURE.md: a table sorted by (ordered_at,
 *   order_id), or (layout 'view') a view over `orders_all` as the loader builds it.
 * - `customers` one row per customer with an order; `responses` ≈ orders/20 NPS/CSAT answers
 *   (a few from people without orders, a few out of range); `order_lines` 1–3 lines per order
 *   whose amounts add up to the order's gross amount.
 *
 * For profiling and benchmarks only; the analyses' tests use hand-made fixtures.
 */
export interface SyntheticOptions {
  /** number of rows of `orders` */
  orders: number;
  /** also create `order_lines` (default true). At 10M orders it holds ~15M rows. */
  orderLines?: boolean;
  /** also create `responses` and `customers` (default true) */
  extras?: boolean;
  /** changes every pseudo-random value (default 1) */
  seed?: number;
  /**
   * 'table' (default): `orders` is a table sorted by (ordered_at, order_id).
   * 'view': like the loader, `orders_all` holds every exported order (plus 3 % cancelled or fully
   * refunded ones, appended) and `orders` is a view over it that applies the refund rule (drops
   * those, amount = gross − refunded). Same revenue orders either way.
   */
  layout?: 'table' | 'view';
}

export interface SyntheticSummary {
  orders: number;
  customers: number;
  orderLines: number;
  responses: number;
  seconds: number;
}

const DAYS = 1096; // 2022-01-01 … 2024-12-31
const EPOCH_2022_US = 1_640_995_200_000_000; // 2022-01-01 00:00:00 in µs

/** Uniform [0, 1) from the hash of (expr, salt); expr a non-negative integer, salt < 4096.
 *  (One hash of a combined integer: hash(expr, salt) of two arguments gives correlated values
 *  for different salts.) */
function u(expr: string, salt: number): string {
  return `(CAST(hash(CAST(${expr} AS UBIGINT) * 4096 + ${salt}) >> 11 AS DOUBLE) / 9007199254740992.0)`;
}

/** Picks one of `values` with the given weights from a uniform [0, 1) expression. */
function pick(uniform: string, values: string[], weights: number[]): string {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const whens = values.slice(0, -1).map((v, i) => {
    acc += weights[i] / total;
    return `WHEN ${uniform} < ${acc.toFixed(6)} THEN '${v}'`;
  });
  return `CASE ${whens.join(' ')} ELSE '${values[values.length - 1]}' END`;
}

/** Index 0 … weights.length − 1 picked with the given weights from a uniform [0, 1) expression. */
function pickIndex(uniform: string, weights: number[]): string {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const whens = weights.slice(0, -1).map((w, i) => {
    acc += w / total;
    return `WHEN ${uniform} < ${acc.toFixed(6)} THEN ${i}`;
  });
  return `CASE ${whens.join(' ')} ELSE ${weights.length - 1} END`;
}

const CHANNELS = ['organic', 'paid_search', 'social', 'email', 'referral', 'direct', 'affiliate'];
const channelList = () => `[${CHANNELS.map((c) => `'${c}'`).join(', ')}]`;
const CHANNEL_WEIGHTS = [30, 20, 15, 12, 8, 10, 5];

/**
 * Creates (replaces) `orders`, `order_lines`, `customers` and `responses` with `orders` rows.
 * Drops `calendar_days` so a Jalali run rebuilds it for the new date range.
 */
export async function createSyntheticTables(engine: Engine, options: SyntheticOptions): Promise<SyntheticSummary> {
  const t0 = performance.now();
  const n = Math.floor(options.orders);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`orders must be a positive integer, got ${options.orders}`);
  const seed = Math.floor(options.seed ?? 1) * 64;
  if (seed < 0 || seed >= 4000) throw new RangeError(`seed must be 0 … 62, got ${options.seed}`);
  const s = (k: number) => seed + k;
  // Mean orders per customer ≈ 0.55·1 + 0.45·(2 + 8) ≈ 5.05: make enough customers and cut at n.
  const candidates = Math.ceil(n / 4.5) + 100;

  for (const t of ['orders', 'orders_all', 'order_lines', 'customers', 'responses', 'calendar_days']) {
    await engine.query(`DROP VIEW IF EXISTS ${t}`);
    await engine.query(`DROP TABLE IF EXISTS ${t}`);
  }
  await engine.query('DROP TABLE IF EXISTS synth_customers');

  // One row per customer: order count k, arrival day, lifetime, home city, first order index.
  await engine.query(`CREATE TEMP TABLE synth_customers AS
    SELECT * FROM (
      SELECT c, k, arrival, LEAST(${DAYS} - arrival, life) AS span, home_city, first_chan,
        ${channelList()}[first_chan + 1] AS first_channel,
        sum(k) OVER (ORDER BY c ROWS UNBOUNDED PRECEDING) - k AS first_seq
      FROM (
        SELECT range AS c,
          CASE WHEN ${u('range', s(1))} < 0.55 THEN 1
               ELSE CAST(LEAST(300, 2 + floor(-ln(1 - ${u('range', s(2))}) * 8.5)) AS BIGINT) END AS k,
          CAST(floor(${DAYS} * sqrt(${u('range', s(3))})) AS INTEGER) AS arrival,
          CAST(1 + floor(-ln(1 - ${u('range', s(4))}) * 400) AS INTEGER) AS life,
          CAST(floor(40 * pow(${u('range', s(5))}, 2)) AS INTEGER) AS home_city,
          CAST(${pickIndex(u('range', s(6)), CHANNEL_WEIGHTS)} AS TINYINT) AS first_chan
        FROM range(${candidates})
      )
    ) WHERE first_seq < ${n}`);

  const [check] = await queryRows<{ total: number }>(engine, 'SELECT sum(k) AS total FROM synth_customers');
  if (check.total < n) throw new Error(`synthetic generator made ${check.total} < ${n} orders`);

  // i = global order index, j = the customer's order number (0 = arrival day). A compact
  // skeleton (index, customer, day, home city, channel) first; then the orders month by month,
  // each month sorted, so that no sort of the whole table is needed (10M rows would not fit).
  const i = 'i';
  const day = `CASE WHEN j = 0 THEN arrival ELSE arrival + CAST(floor(${u(i, s(10))} * span) AS INTEGER) END`;
  const chan = `CASE WHEN j = 0 THEN first_chan WHEN ${u(i, s(18))} < 0.05 THEN NULL
    ELSE ${pickIndex(u(i, s(19)), [10, 10, 10, 30, 5, 30, 5])} END`;
  await engine.query(`CREATE OR REPLACE TEMP TABLE synth_orders AS
    SELECT i, CAST(c AS INTEGER) AS c, CAST(${day} AS SMALLINT) AS day, CAST(home_city AS TINYINT) AS home_city, CAST(${chan} AS TINYINT) AS chan
    FROM (
      SELECT c, j, first_seq + j AS i, arrival, span, home_city, first_chan
      FROM (SELECT c, arrival, span, home_city, first_chan, first_seq, unnest(range(k)) AS j FROM synth_customers)
      WHERE first_seq + j < ${n}
    )`);
  const second = `CAST(floor(${u(i, s(11))} * 86400) AS BIGINT)`;
  const gross = `round(exp(ln(40) + 0.9 * sqrt(-2 * ln(1 - ${u(i, s(12))})) * cos(2 * pi() * ${u(i, s(13))})), 2)`;
  const refunded = `CASE WHEN ${u(i, s(14))} < 0.04 THEN round(gross_amount * 0.3, 2) ELSE 0 END`;
  const city = `CASE WHEN ${u(i, s(15))} < 0.02 THEN NULL
    WHEN ${u(i, s(16))} < 0.9 THEN home_city ELSE CAST(floor(40 * pow(${u(i, s(17))}, 2)) AS INTEGER) END`;
  const product = `CASE WHEN ${u(i, s(20))} < 0.01 THEN NULL
    ELSE 'SKU-' || lpad(CAST(CAST(floor(2000 * pow(${u(i, s(21))}, 3)) AS INTEGER) AS VARCHAR), 4, '0') END`;
  const select = (where: string) => `
    WITH base AS (
      SELECT i, c, make_timestamp(${EPOCH_2022_US} + (CAST(day AS BIGINT) * 86400 + ${second}) * 1000000) AS ordered_at,
        ${gross} AS gross_amount,
        CAST(1 + floor(-ln(1 - ${u(i, s(22))}) * 0.8) AS DOUBLE) AS quantity,
        ${city} AS city_no, ${channelList()}[chan + 1] AS channel, ${product} AS product
      FROM synth_orders WHERE ${where}
    ),
    priced AS (SELECT *, ${refunded} AS refunded_amount FROM base)
    SELECT CAST(10000000 + i AS VARCHAR) AS order_id,
      'C' || lpad(CAST(c AS VARCHAR), 8, '0') AS customer_id,
      ordered_at, ordered_at - INTERVAL 210 MINUTE AS ordered_at_utc,
      round(gross_amount - refunded_amount, 2) AS amount, gross_amount, refunded_amount,
      'USD' AS currency, CASE WHEN refunded_amount > 0 THEN 'partially_refunded' ELSE 'completed' END AS status,
      quantity, product, channel,
      CASE WHEN city_no IS NULL THEN NULL ELSE 'City-' || lpad(CAST(city_no AS VARCHAR), 2, '0') END AS city,
      CASE WHEN city_no IS NULL THEN NULL ELSE 'Region-' || lpad(CAST(city_no % 12 AS VARCHAR), 2, '0') END AS region,
      'IR' AS country, 'orders.csv' AS source_file
    FROM priced
    ORDER BY ordered_at, order_id`;
  const MONTH = 31;
  await engine.query(`CREATE TABLE orders AS ${select(`day < ${MONTH}`)}`);
  for (let d = MONTH; d < DAYS; d += MONTH) {
    await engine.query(`INSERT INTO orders ${select(`day >= ${d} AND day < ${d + MONTH}`)}`);
  }
  await engine.query('DROP TABLE synth_orders');

  if (options.layout === 'view') {
    // Every exported order, plus non-revenue ones appended (3 %, cancelled or fully refunded).
    // The table is renamed and altered in place: a copy of 10M rows would not fit next to it.
    await engine.query('ALTER TABLE orders RENAME TO orders_all');
    await engine.query('ALTER TABLE orders_all DROP COLUMN amount');
    await engine.query(`INSERT INTO orders_all
      SELECT CAST(90000000 + row_number() OVER () AS VARCHAR) AS order_id, customer_id, ordered_at, ordered_at_utc,
        gross_amount, gross_amount AS refunded_amount, currency,
        CASE WHEN ${u('CAST(order_id AS BIGINT)', s(60))} < 0.5 THEN 'cancelled' ELSE 'refunded' END AS status,
        quantity, product, channel, city, region, country, source_file
      FROM orders_all WHERE ${u('CAST(order_id AS BIGINT)', s(61))} < 0.03`);
    await engine.query(`CREATE VIEW orders AS
      SELECT order_id, customer_id, ordered_at, ordered_at_utc, gross_amount - refunded_amount AS amount, gross_amount,
        refunded_amount, currency, status, quantity, product, channel, city, region, country, source_file
      FROM orders_all WHERE status NOT IN ('cancelled', 'refunded')`);
  }

  let orderLines = 0;
  if (options.orderLines ?? true) {
    // 1–3 lines per order (avg ≈ 1.55); line 0 is the order's product; amounts add up to gross.
    await engine.query(`CREATE TABLE order_lines AS
      WITH o AS (
        SELECT order_id, customer_id, ordered_at, product, gross_amount, CAST(order_id AS BIGINT) AS oi,
          1 + CAST(${u('CAST(order_id AS BIGINT)', s(30))} < 0.4 AS INTEGER) + CAST(${u('CAST(order_id AS BIGINT)', s(31))} < 0.15 AS INTEGER) AS lines
        FROM orders
      ),
      l AS (SELECT *, unnest(range(lines)) AS line FROM o)
      SELECT order_id, customer_id, ordered_at,
        CASE WHEN line = 0 THEN product
             ELSE 'SKU-' || lpad(CAST(CAST(floor(2000 * pow(${u('oi * 4 + line', s(32))}, 3)) AS INTEGER) AS VARCHAR), 4, '0') END AS product,
        CAST(1 + floor(-ln(1 - ${u('oi * 4 + line', s(33))}) * 0.5) AS DOUBLE) AS quantity,
        CASE WHEN line < lines - 1 THEN round(gross_amount / lines, 2)
             ELSE round(gross_amount - (lines - 1) * round(gross_amount / lines, 2), 2) END AS line_amount
      FROM l`);
    orderLines = (await queryRows<{ n: number }>(engine, 'SELECT count(*) AS n FROM order_lines'))[0].n;
  }

  let responses = 0;
  if (options.extras ?? true) {
    await engine.query(`CREATE TABLE customers AS
      SELECT 'C' || lpad(CAST(c AS VARCHAR), 8, '0') AS customer_id,
        CAST(18 + floor(${u('c', s(40))} * 52) AS INTEGER) AS age,
        ${pick(u('c', s(41)), ['female', 'male', 'other'], [52, 46, 2])} AS gender,
        'City-' || lpad(CAST(home_city AS VARCHAR), 2, '0') AS city,
        ${pick(u('c', s(42)), ['web', 'android', 'ios'], [50, 35, 15])} AS platform,
        first_channel AS signup_channel
      FROM synth_customers ORDER BY c`);
    // ≈ n/20 answers from ~2 % more ids than customers (the extra ones have no orders).
    const [{ m }] = await queryRows<{ m: number }>(engine, 'SELECT count(*) AS m FROM synth_customers');
    const answers = Math.max(1, Math.round(n / 20));
    await engine.query(`CREATE TABLE responses AS
      WITH r AS (
        SELECT range AS ri, CAST(floor(${u('range', s(50))} * ${Math.ceil(m * 1.02)}) AS BIGINT) AS c,
          ${u('range', s(51))} < 0.7 AS is_nps, ${u('range', s(52))} AS v, ${u('range', s(53))} AS w
        FROM range(${answers})
      )
      SELECT 'C' || lpad(CAST(r.c AS VARCHAR), 8, '0') AS customer_id,
        make_timestamp(${EPOCH_2022_US} + CAST(LEAST(${DAYS - 1}, COALESCE(sc.arrival, 0) + floor(w * COALESCE(sc.span, ${DAYS}))) * 86400
          + floor(${u('ri', s(54))} * 86400) AS BIGINT) * 1000000) AS responded_at,
        CASE WHEN v > 0.995 THEN 11.0
             WHEN is_nps THEN CAST(LEAST(10, floor(11 * pow(v, 0.6))) AS DOUBLE)
             ELSE CAST(1 + LEAST(4, floor(5 * pow(v, 0.7))) AS DOUBLE) END AS score,
        CASE WHEN is_nps THEN 'nps' ELSE 'csat' END AS scale,
        CASE WHEN w < 0.1 THEN 'comment ' || CAST(ri AS VARCHAR) END AS comment
      FROM r LEFT JOIN synth_customers sc ON sc.c = r.c
      ORDER BY responded_at, ri`);
    responses = answers;
  }

  await engine.query('DROP TABLE synth_customers');
  const [sum] = await queryRows<{ orders: number; customers: number }>(engine,
    'SELECT count(*) AS orders, count(DISTINCT customer_id) AS customers FROM orders');
  return { ...sum, orderLines, responses, seconds: (performance.now() - t0) / 1000 };
}
