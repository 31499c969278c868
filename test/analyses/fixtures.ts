import type { Engine } from '../../src/engine/engine';
import { ident, literal } from '../../src/engine/sql';

/** One hand-written order. `at` is 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' (shop wall time). */
export interface FixtureOrder {
  id?: string;
  customer: string;
  at: string;
  amount: number;
  product?: string;
  channel?: string;
  city?: string;
  region?: string;
  status?: string;
}

/**
 * Creates the canonical tables like the loader does: `orders_all` holds every exported order,
 * `orders` is the view of the orders that count as revenue (refunded/cancelled ones excluded).
 */
export async function createOrders(engine: Engine, rows: FixtureOrder[]): Promise<void> {
  await engine.query('DROP VIEW IF EXISTS orders');
  await engine.query('DROP TABLE IF EXISTS orders');
  await engine.query('DROP TABLE IF EXISTS orders_all');
  await engine.query(`CREATE TABLE orders_all (order_id VARCHAR, customer_id VARCHAR, ordered_at TIMESTAMP,
    ordered_at_utc TIMESTAMP, amount DOUBLE, gross_amount DOUBLE, refunded_amount DOUBLE, currency VARCHAR,
    status VARCHAR, quantity DOUBLE, product VARCHAR, channel VARCHAR, city VARCHAR, region VARCHAR, country VARCHAR)`);
  const values = rows.map((r, i) => {
    const s = (v: string | undefined) => (v === undefined ? 'NULL' : literal(v));
    return `(${literal(r.id ?? `o${String(i + 1).padStart(3, '0')}`)}, ${literal(r.customer)}, TIMESTAMP ${literal(r.at)},
      TIMESTAMP ${literal(r.at)}, ${literal(r.amount)}, ${literal(r.amount)}, 0, 'USD', ${s(r.status ?? 'completed')}, 1,
      ${s(r.product)}, ${s(r.channel)}, ${s(r.city)}, ${s(r.region)}, NULL)`;
  });
  if (values.length) await engine.query(`INSERT INTO orders_all VALUES ${values.join(',\n')}`);
  await engine.query(`CREATE VIEW orders AS SELECT * FROM orders_all WHERE status NOT IN ('refunded', 'cancelled')`);
}

export async function dropTable(engine: Engine, name: string): Promise<void> {
  await engine.query(`DROP TABLE IF EXISTS ${ident(name)}`);
}

/** One hand-written survey answer. */
export interface FixtureResponse {
  customer: string;
  at: string;
  score: number;
  scale: 'nps' | 'csat';
  comment?: string;
}

export async function createResponses(engine: Engine, rows: FixtureResponse[]): Promise<void> {
  await engine.query('DROP TABLE IF EXISTS responses');
  await engine.query('CREATE TABLE responses (customer_id VARCHAR, responded_at TIMESTAMP, score DOUBLE, scale VARCHAR, comment VARCHAR)');
  const values = rows.map((r) => `(${literal(r.customer)}, TIMESTAMP ${literal(r.at)}, ${literal(r.score)}, ${literal(r.scale)}, ${r.comment === undefined ? 'NULL' : literal(r.comment)})`);
  if (values.length) await engine.query(`INSERT INTO responses VALUES ${values.join(',\n')}`);
}
