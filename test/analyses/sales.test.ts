import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { runChannels } from '../../src/analyses/channels';
import { runLoyalty } from '../../src/analyses/loyalty';
import { runProducts } from '../../src/analyses/products';
import { runSales } from '../../src/analyses/sales';
import { runSeasonality } from '../../src/analyses/seasonality';
import { createOrders, type FixtureOrder } from './fixtures';

// Window 2024-01-01 (Mon) .. 2024-03-31 (Sun): 91 days = 13 of each weekday.
// id  customer day          weekday amount city/region     channel product
// a1  A        01-01        Mon     100    Tehran/Tehran   email   shirt
// a2  A        01-15        Mon      50    Tehran/Tehran   -       shirt
// a3  A        02-10        Sat      30    Karaj/Alborz    -       shoes
// b1  B        01-06        Sat     200    Shiraz/Fars     social  shoes
// c1  C        02-05        Mon      80    Tehran/Tehran   email   hat
// c2  C        03-04        Mon      20    Tehran/Tehran   -       hat
// d1  D        03-09        Sat      60    Shiraz/Fars     search  shirt
// e1  E        03-31        Sun      40    Tehran/Tehran   email   shoes
// r1  E        03-20        refunded 500 (not in `orders`)
const O = (id: string, customer: string, at: string, amount: number, city: string, region: string, product: string, channel?: string): FixtureOrder =>
  ({ id, customer, at, amount, city, region, product, channel });
const ORDERS: FixtureOrder[] = [
  O('a1', 'A', '2024-01-01', 100, 'Tehran', 'Tehran', 'shirt', 'email'),
  O('a2', 'A', '2024-01-15', 50, 'Tehran', 'Tehran', 'shirt'),
  O('a3', 'A', '2024-02-10', 30, 'Karaj', 'Alborz', 'shoes'),
  O('b1', 'B', '2024-01-06', 200, 'Shiraz', 'Fars', 'shoes', 'social'),
  O('c1', 'C', '2024-02-05', 80, 'Tehran', 'Tehran', 'hat', 'email'),
  O('c2', 'C', '2024-03-04', 20, 'Tehran', 'Tehran', 'hat'),
  O('d1', 'D', '2024-03-09', 60, 'Shiraz', 'Fars', 'shirt', 'search'),
  O('e1', 'E', '2024-03-31', 40, 'Tehran', 'Tehran', 'shoes', 'email'),
  { ...O('r1', 'E', '2024-03-20', 500, 'Tehran', 'Tehran', 'shoes'), status: 'refunded' },
];

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await engine.query('DROP TABLE IF EXISTS order_lines');
  await createOrders(engine, ORDERS);
});

describe('sales profile', () => {
  it('AOV, repeat purchase rate, geography with top city vs rest', async () => {
    const s = await runSales(engine);
    expect([s.orders, s.customers, s.revenue, s.aov, s.repeatPurchaseRate]).toEqual([8, 5, 580, 72.5, 0.4]);
    const city = s.geography.city!;
    expect(city.rows.map((r) => [r.place, r.customers, r.orders, r.revenue, r.repeatRate])).toEqual([
      ['Tehran', 3, 5, 290, 2 / 3], // A 2 orders, C 2 orders, E 1
      ['Shiraz', 2, 2, 260, 0],
      ['Karaj', 1, 1, 30, 0],
    ]);
    expect(city.rows[0].revenueShare).toBe(0.5);
    expect(city.top).toMatchObject({ place: 'Tehran', revenue: 290 });
    // rest: B, D, A (A's Karaj order) — distinct customers, A counted once
    expect(city.rest).toMatchObject({ place: null, customers: 3, orders: 3, revenue: 290, repeatRate: 0 });
    expect(s.geography.region!.rows.map((r) => r.place)).toEqual(['Tehran', 'Fars', 'Alborz']);
    expect(s.products!.source).toBe('orders');
    expect(s.channels!.map((c) => c.channel)).toEqual(['email', 'search', 'social']);
  });

  it('best sellers from orders.product', async () => {
    const p = await runProducts(engine);
    expect(p.byRevenue.map((r) => [r.product, r.revenue, r.quantity, r.orders, r.customers, r.repeatBuyers])).toEqual([
      ['shoes', 270, 3, 3, 3, 0],
      ['shirt', 210, 3, 3, 2, 1], // quantity column is 1 per fixture order
      ['hat', 100, 2, 2, 1, 1],
    ]);
    expect(p.byRepeatBuyers.map((r) => r.product)).toEqual(['shirt', 'hat', 'shoes']);
  });

  it('an empty order_lines (the loader always creates it) leaves the products to orders.product', async () => {
    await engine.query('CREATE TABLE order_lines (order_id VARCHAR, customer_id VARCHAR, ordered_at TIMESTAMP, product VARCHAR, quantity DOUBLE, line_amount DOUBLE)');
    try {
      const p = await runProducts(engine);
      expect(p.source).toBe('orders');
      expect(p.byRevenue.map((r) => r.product)).toEqual(['shoes', 'shirt', 'hat']);
      expect((await runSales(engine)).products!.byRevenue).toHaveLength(3);
    } finally {
      await engine.query('DROP TABLE order_lines');
    }
  });

  it('best sellers from order_lines when present (refunded orders drop out)', async () => {
    await engine.query(`CREATE TABLE order_lines AS SELECT * FROM (VALUES
      ('a1', 'A', TIMESTAMP '2024-01-01', 'shirt', 2.0, 80.0), ('a1', 'A', TIMESTAMP '2024-01-01', 'hat', 1.0, 20.0),
      ('a2', 'A', TIMESTAMP '2024-01-15', 'shirt', 1.0, 50.0), ('b1', 'B', TIMESTAMP '2024-01-06', 'shoes', 1.0, 200.0),
      ('r1', 'E', TIMESTAMP '2024-03-20', 'shoes', 5.0, 500.0)) t(order_id, customer_id, ordered_at, product, quantity, line_amount)`);
    try {
      const p = await runProducts(engine);
      expect(p.source).toBe('order_lines');
      expect(p.byRevenue.map((r) => [r.product, r.revenue, r.quantity, r.orders, r.customers, r.repeatBuyers])).toEqual([
        ['shoes', 200, 1, 1, 1, 0],
        ['shirt', 130, 3, 2, 1, 1],
        ['hat', 20, 1, 1, 1, 0],
      ]);
    } finally {
      await engine.query('DROP TABLE order_lines');
    }
  });

  it('seasonality: month of year and weekday, with the days the window holds', async () => {
    const s = await runSeasonality(engine);
    expect(s.monthOfYear.map((r) => [r.key, r.days, r.orders, r.revenue, r.customers])).toEqual([
      [1, 31, 3, 350, 2], [2, 29, 2, 110, 2], [3, 31, 3, 120, 3],
    ]);
    expect(s.weekday.map((r) => [r.key, r.days, r.orders, r.revenue])).toEqual([
      [1, 13, 4, 250], [2, 13, 0, 0], [3, 13, 0, 0], [4, 13, 0, 0], [5, 13, 0, 0], [6, 13, 3, 290], [7, 13, 1, 40],
    ]);
    expect(s.weekday[0].revenuePerDay).toBeCloseTo(250 / 13, 12);
  });

  it('Jalali month of year', async () => {
    const s = await runSeasonality(engine, { calendar: 'jalali' });
    // Dey (10) 01-01..01-20, Bahman (11) 01-21..02-19, Esfand (12) 02-20..03-19, Farvardin (1) 03-20..03-31
    expect(s.monthOfYear.map((r) => [r.key, r.days, r.orders, r.revenue])).toEqual([
      [1, 12, 1, 40], [10, 20, 3, 350], [11, 30, 2, 110], [12, 29, 2, 80],
    ]);
  });

  it('repeat rate by acquisition channel', async () => {
    const c = await runChannels(engine);
    expect(c.map((r) => [r.channel, r.customers, r.repeatCustomers, r.orders, r.revenue])).toEqual([
      ['email', 3, 2, 6, 320], ['search', 1, 0, 1, 60], ['social', 1, 0, 1, 200],
    ]);
    expect(c[0].repeatRate).toBeCloseTo(2 / 3, 12);
    // only customers acquired in the window: C, D, E
    const feb = await runChannels(engine, { from: '2024-02-01' });
    expect(feb.map((r) => [r.channel, r.customers, r.repeatCustomers])).toEqual([['email', 2, 1], ['search', 1, 0]]);
  });

  it('loyalty tiers: default order counts and custom spend thresholds', async () => {
    const d = await runLoyalty(engine);
    expect(d.map((t) => [t.tier, t.customers, t.revenue])).toEqual([
      ['One order', 3, 300], ['Repeat (2–4 orders)', 2, 280], ['Loyal (5–9 orders)', 0, 0], ['VIP (10+ orders)', 0, 0],
    ]);
    const c = await runLoyalty(engine, { tiers: [{ name: 'Silver', minSpend: 100 }, { name: 'Gold', minOrders: 3, minSpend: 250 }] });
    expect(c.map((t) => [t.tier, t.customers, t.revenue])).toEqual([[null, 2, 100], ['Silver', 2, 300], ['Gold', 1, 180]]);
    await expect(runLoyalty(engine, { tiers: [{ name: 'x' }] })).rejects.toThrow(/neither/);
  });
});
