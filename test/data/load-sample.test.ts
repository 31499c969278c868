import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { queryRows } from '../../src/engine/engine';
import type { DataSession } from '../../src/data/session';
import { freshSession, loadPath } from './load-helpers';

const SAMPLE = 'public/sample';

// Expected values computed independently of the loader, straight from the generated CSV.
function expectedFromCsv(path: string) {
  const rows = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const counted = rows.filter((r) => r.status !== 'cancelled' && Number(r.amount) - Number(r.refunded_amount) > 0);
  return {
    rows: rows.length,
    orders: counted.length,
    customers: new Set(counted.map((r) => r.customer_id)).size,
    revenue: counted.reduce((s, r) => s + Number(r.amount) - Number(r.refunded_amount), 0),
    cancelled: rows.filter((r) => r.status === 'cancelled').length,
  };
}

describe('loading the sample data through the user path', () => {
  let s: DataSession;
  const want = expectedFromCsv(`${SAMPLE}/orders.csv`);
  beforeAll(async () => {
    s = await freshSession();
  });

  it('loads every English order row and counts revenue by the net refund rule', async () => {
    const r = await loadPath(s, `${SAMPLE}/orders.csv`);
    expect(r.table).toBe('orders');
    expect(r.rowsRead).toBe(want.rows);
    expect(r.loaded).toBe(want.rows);
    expect(r.rejectedTotal).toBe(0);
    expect(s.summary!.orders).toBe(want.orders);
    expect(s.summary!.customers).toBe(want.customers);
    expect(s.summary!.revenue).toBeCloseTo(want.revenue, 0);
    expect(s.summary!.currency).toBe('IRT');
    expect(s.summary!.notCounted.find((n) => n.reason === 'cancelled')?.orders).toBe(want.cancelled);
  });

  it('the Persian twin (Jalali dates, Persian digits, ٬ separators) gives the same orders', async () => {
    const en = await queryRows(s.engine, `SELECT order_id, customer_id, ordered_at, amount, status FROM orders ORDER BY order_id`);
    await s.remove(s.files[0].report.id);
    const r = await loadPath(s, `${SAMPLE}/orders-fa.csv`);
    expect(r.preset).toBe('persian');
    expect(r.rejectedTotal).toBe(0);
    const fa = await queryRows(s.engine, `SELECT order_id, customer_id, ordered_at, amount, status FROM orders ORDER BY order_id`);
    expect(fa.length).toBe(en.length);
    expect(fa).toEqual(en);
    expect(s.summary!.currency).toBe('IRT');
  });

  it('loads customers and NPS responses', async () => {
    const c = await loadPath(s, `${SAMPLE}/customers.csv`);
    expect(c.table).toBe('customers');
    expect(c.loaded).toBe(12000);
    const r = await loadPath(s, `${SAMPLE}/responses.csv`);
    expect(r.table).toBe('responses');
    expect(r.rejectedTotal).toBe(0);
    const [row] = await queryRows<{ n: number; scale: string; age: number }>(s.engine,
      `SELECT (SELECT count(*) FROM responses) AS n, (SELECT any_value(scale) FROM responses) AS scale,
              (SELECT max(age) FROM customers) AS age`);
    expect(row.n).toBe(r.loaded);
    expect(row.scale).toBe('nps');
    expect(row.age).toBeGreaterThan(30);
  });

  it('switching the refund rule to "exclude" drops partially refunded orders too', async () => {
    const before = s.summary!.orders;
    await s.setSettings({ refundRule: 'exclude' });
    const partial = (await queryRows<{ n: number }>(s.engine, `SELECT count(*) AS n FROM orders_all WHERE status = 'partially_refunded'`))[0].n;
    expect(partial).toBeGreaterThan(0);
    expect(s.summary!.orders).toBe(before - partial);
    await s.setSettings({ refundRule: 'net' });
    expect(s.summary!.orders).toBe(before);
  });
});
