import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { kpisSql, runKpis } from '../../src/analyses/kpis';
import { createOrders, type FixtureOrder } from './fixtures';

// Hand-made shop, churnDays = 30, asOf defaults to the last order day 2024-03-31.
//  A: 01-05 100, 01-20 50, 03-10 30      (3 orders, first 01-05, last 03-10, lifespan 65 days)
//  B: 01-31 23:59:59 40, 02-01 00:00 60  (month boundary: one order in Jan, one in Feb; lifespan 1)
//  C: 02-15 200 (c1), 02-15 100 (c2)     (two orders the same day; c2 is the repeat order; lifespan 0)
//  D: 03-31 80; 03-20 999 refunded       (refund is not in `orders`; lifespan 0)
const ORDERS: FixtureOrder[] = [
  { customer: 'A', at: '2024-01-05', amount: 100 },
  { customer: 'A', at: '2024-01-20', amount: 50 },
  { customer: 'A', at: '2024-03-10', amount: 30 },
  { customer: 'B', at: '2024-01-31 23:59:59', amount: 40 },
  { customer: 'B', at: '2024-02-01 00:00:00', amount: 60 },
  { customer: 'C', at: '2024-02-15', amount: 200, id: 'c1' },
  { customer: 'C', at: '2024-02-15', amount: 100, id: 'c2' },
  { customer: 'D', at: '2024-03-31', amount: 80 },
  { customer: 'D', at: '2024-03-20', amount: 999, status: 'refunded' },
];

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createOrders(engine, ORDERS);
});

describe('kpis, whole range', () => {
  it('counts, AOV, frequency, repeat rate, returning revenue', async () => {
    const { summary: s } = await runKpis(engine, { churnDays: 30 });
    expect(s.asOf).toBe('2024-03-31');
    expect(s.from).toBe('2024-01-05');
    expect(s.customers).toBe(4);
    expect(s.newCustomers).toBe(4); // the window starts at the first order: everyone is new
    expect(s.returningCustomers).toBe(0);
    expect(s.orders).toBe(8); // the refunded order is not an order
    expect(s.revenue).toBe(660); // 180 + 100 + 300 + 80
    expect(s.aov).toBe(82.5); // 660 / 8
    expect(s.purchaseFrequency).toBe(2); // 8 / 4
    expect(s.repeatCustomers).toBe(3); // A, B, C (C's two same-day orders are two orders)
    expect(s.repeatCustomerRate).toBe(0.75);
    expect(s.returningRevenue).toBe(240); // A 50+30, B 60, C 100 (c2)
    expect(s.returningRevenueShare).toBeCloseTo(240 / 660, 12);
    expect(s.revenuePerCustomer).toBe(165);
  });

  it('customer value, lifespan and historic CLTV with explicit units', async () => {
    const { summary: s } = await runKpis(engine, { churnDays: 30 });
    expect(s.customerValue).toBe(165); // AOV 82.5 × frequency 2, over the observed range
    expect(s.observedDays).toBe(87); // 2024-01-05 .. 2024-03-31 inclusive
    expect(s.customerValuePerYear).toBeCloseTo(165 / (87 / 365.25), 9);
    expect(s.avgLifespanDays).toBe(16.5); // (65 + 1 + 0 + 0) / 4
    expect(s.avgLifespanYears).toBeCloseTo(16.5 / 365.25, 12);
    expect(s.historicCltv).toBeCloseTo((165 * 16.5) / 87, 9); // per year × years = 31.29
  });

  it('churn at asOf and CRR', async () => {
    const { summary: s } = await runKpis(engine, { churnDays: 30 });
    // last 30 days = 03-02 .. 03-31. First order before 03-02: A, B, C (base); D not yet at risk.
    expect(s.churnBase).toBe(3);
    expect(s.notYetAtRisk).toBe(1);
    expect(s.activeAtEnd).toBe(2); // A (03-10), D (03-31)
    expect(s.churned).toBe(2); // B (last 02-01), C (last 02-15)
    expect(s.churnRate).toBeCloseTo(2 / 3, 12);
    expect(s.activeAtStart).toBe(0); // nobody bought in the 30 days before 01-05
    expect(s.crr).toBeNull(); // S = 0
  });

  it('a reporting window classifies by the whole history', async () => {
    const { summary: s, periods } = await runKpis(engine, { churnDays: 30, from: '2024-02-01', to: '2024-02-29' });
    expect(s.customers).toBe(2); // B, C
    expect(s.newCustomers).toBe(1); // C
    expect(s.returningCustomers).toBe(1); // B, first order 01-31
    expect(s.orders).toBe(3);
    expect(s.revenue).toBe(360);
    expect(s.activeAtStart).toBe(2); // A, B bought in 01-02..01-31
    expect(s.activeAtEnd).toBe(2); // B (02-01), C (02-15) in 01-31..02-29
    expect(s.crr).toBe(0.5); // (2 − 1) / 2
    expect(periods.map((p) => p.period)).toEqual(['2024-02']);
  });

  it('one customer with one order', async () => {
    await createOrders(engine, [{ customer: 'solo', at: '2024-05-05 10:00:00', amount: 12 }]);
    try {
      const { summary: s, periods } = await runKpis(engine, { churnDays: 90 });
      expect(s.customers).toBe(1);
      expect(s.repeatCustomerRate).toBe(0);
      expect(s.churnBase).toBe(0);
      expect(s.churnRate).toBeNull();
      expect(s.avgLifespanDays).toBe(0);
      expect(s.observedDays).toBe(1);
      expect(s.historicCltv).toBe(0);
      expect(periods).toHaveLength(1);
    } finally {
      await createOrders(engine, ORDERS);
    }
  });
});

describe('kpis per period', () => {
  it('monthly values, including the 23:59:59 / 00:00:00 boundary', async () => {
    const { periods } = await runKpis(engine, { churnDays: 30 });
    expect(periods.map((p) => p.period)).toEqual(['2024-01', '2024-02', '2024-03']);
    const [jan, feb, mar] = periods;
    // Jan: A 100+50, B 40 (23:59:59 stays in January)
    expect([jan.customers, jan.newCustomers, jan.orders, jan.revenue]).toEqual([2, 2, 3, 190]);
    expect(jan.repeatCustomerRate).toBe(0.5); // A has 2 orders by the end of Jan, B 1
    expect(jan.returningRevenue).toBe(50);
    expect(jan.crr).toBeNull(); // nobody active on 01-01
    expect(jan.churnRate).toBeNull(); // nobody's first order before 01-02
    // Feb: B 60 (returning), C 200+100 (new)
    expect([feb.customers, feb.newCustomers, feb.returningCustomers, feb.orders, feb.revenue]).toEqual([2, 1, 1, 3, 360]);
    expect(feb.repeatCustomerRate).toBe(1);
    expect(feb.returningRevenue).toBe(160);
    // S at 02-01: A, B. E at 03-01 (orders 01-31..02-29): B, C. N = 1 → CRR = (2 − 1) / 2
    expect([feb.activeAtStart, feb.activeAtEnd, feb.crr]).toEqual([2, 2, 0.5]);
    // churn at 03-01: base = first order before 01-30 = {A}; A's last order 01-20 → churned
    expect([feb.churnBase, feb.churned, feb.churnRate]).toEqual([1, 1, 1]);
    // Mar: A 30 (returning), D 80 (new)
    expect([mar.customers, mar.newCustomers, mar.orders, mar.revenue, mar.returningRevenue]).toEqual([2, 1, 2, 110, 30]);
    expect([mar.activeAtStart, mar.activeAtEnd, mar.crr]).toEqual([2, 2, 0.5]);
    expect([mar.churnBase, mar.churned]).toEqual([3, 2]);
    expect(mar.complete).toBe(true);
  });

  it('marks the period that contains asOf incomplete and stops observing at asOf', async () => {
    const { periods, summary } = await runKpis(engine, { churnDays: 30, asOf: '2024-02-15' });
    expect(summary.orders).toBe(6); // A 01-05, 01-20; B 01-31, 02-01; C 02-15 ×2 (A 03-10, D 03-31 not yet)
    expect(periods.map((p) => [p.period, p.complete])).toEqual([['2024-01', true], ['2024-02', false]]);
    expect(periods[1].end).toBe('2024-03-01');
    // E at 02-16 (orders 01-17..02-15): A (01-20), B, C
    expect(periods[1].activeAtEnd).toBe(3);
  });

  it('weeks (ISO, Monday), quarters and years', async () => {
    const weeks = await runKpis(engine, { churnDays: 30, period: 'week' });
    expect(weeks.periods[0]).toMatchObject({ period: '2024-W01', start: '2024-01-01', end: '2024-01-08', orders: 1 });
    expect(weeks.periods.find((p) => p.period === '2024-W05')).toMatchObject({ start: '2024-01-29', orders: 2 }); // B 01-31, 02-01
    expect(weeks.periods).toHaveLength(13);
    const q = await runKpis(engine, { churnDays: 30, period: 'quarter' });
    expect(q.periods.map((p) => [p.period, p.orders, p.revenue])).toEqual([['2024-Q1', 8, 660]]);
    const y = await runKpis(engine, { churnDays: 30, period: 'year' });
    expect(y.periods.map((p) => [p.period, p.customers])).toEqual([['2024', 4]]);
  });

  it('quotes every option that reaches SQL and rejects malformed days', () => {
    expect(() => kpisSql({ asOf: "2024-01-01'; DROP TABLE orders; --" })).toThrow(RangeError);
    expect(() => kpisSql({ churnDays: 1.5 })).toThrow(RangeError);
    expect(() => kpisSql({ from: '2024-02-30' })).toThrow(RangeError);
    expect(kpisSql({ asOf: '2024-01-31' }).summary).toContain("DATE '2024-01-31'");
  });
});
