import { describe, expect, it, beforeAll } from 'vitest';
import { queryRows } from '../../src/engine/engine';
import type { DataSession } from '../../src/data/session';
import { freshSession, loadPath } from './load-helpers';

const SHOPIFY = '../shared/datasets/shopify/orders_export_1.csv';

// Hand-checked from the file: 121 line-item rows, orders #1001..#1051; #1001 (a draft order)
// has no e-mail, so 50 orders load; order totals sum to 590,683.29 INR, minus #1001's 27,244.55.
describe('real Shopify "Export orders" file', () => {
  let s: DataSession;
  beforeAll(async () => {
    s = await freshSession();
  });

  it('is read as line items with totals on the first row of each order', async () => {
    const r = await loadPath(s, SHOPIFY);
    expect(r.preset).toBe('shopify');
    expect(r.rowMode).toBe('first-row-totals');
    expect(r.rowsRead).toBe(121);
    expect(r.loaded).toBe(50);
    expect(r.rejected).toEqual([{ reason: 'missing customer id', count: 1 }]);
    expect(s.summary!.revenue).toBeCloseTo(590683.29 - 27244.55, 2);
    expect(s.summary!.currency).toBe('INR');
    expect(s.summary!.customers).toBe(2);
  });

  it('keeps the shop clock in ordered_at and converts the -0500 offset for ordered_at_utc', async () => {
    const [o] = await queryRows<{ local: string; utc: string; amount: number; n: number }>(s.engine,
      `SELECT strftime(ordered_at, '%Y-%m-%d %H:%M:%S') AS local, strftime(ordered_at_utc, '%Y-%m-%d %H:%M:%S') AS utc, amount,
              (SELECT count(*) FROM order_lines WHERE order_id = '#1050') AS n
       FROM orders WHERE order_id = '#1050'`);
    expect(o).toEqual({ local: '2025-12-06 10:37:30', utc: '2025-12-06 15:37:30', amount: 11594, n: 4 });
  });

  it('builds order_lines for every line item of the loaded orders', async () => {
    const [l] = await queryRows<{ lines: number; qty: number }>(s.engine,
      `SELECT count(*) AS lines, sum(quantity) AS qty FROM order_lines WHERE order_id = '#1044'`);
    expect(l).toEqual({ lines: 5, qty: 8 });
    const [all] = await queryRows<{ n: number }>(s.engine, 'SELECT count(*) AS n FROM order_lines');
    expect(all.n).toBe(120);
  });
});
