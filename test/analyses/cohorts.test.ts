import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { runCohorts } from '../../src/analyses/cohorts';
import { createOrders, type FixtureOrder } from './fixtures';
import { loadCdnowMaster } from './cdnow';

// Monthly cohorts, asOf 2024-04-15 (April incomplete). Spine 2023-10 .. 2024-04.
//  E: 2023-10-05 40 (email), 2024-04-10 60      → cohort 2023-10, active k0 and k6 (gap of 5 months)
//  A: 01-10 10 (email), 01-25 5, 03-05 20 (social) → cohort 2024-01, active k0, k2
//  B: 01-31 23:59:59 7 (social), 02-01 00:00 3   → cohort 2024-01, active k0, k1
//  C: 02-10 100 (email)                          → cohort 2024-02, k0
//  D: 02-20 50 + 02-20 25 (no channel), 04-02 10 → cohort 2024-02, k0, k2
const ORDERS: FixtureOrder[] = [
  { customer: 'E', at: '2023-10-05', amount: 40, channel: 'email' },
  { customer: 'E', at: '2024-04-10', amount: 60 },
  { customer: 'A', at: '2024-01-10', amount: 10, channel: 'email' },
  { customer: 'A', at: '2024-01-25', amount: 5 },
  { customer: 'A', at: '2024-03-05', amount: 20, channel: 'social' },
  { customer: 'B', at: '2024-01-31 23:59:59', amount: 7, channel: 'social' },
  { customer: 'B', at: '2024-02-01 00:00:00', amount: 3 },
  { customer: 'C', at: '2024-02-10', amount: 100, channel: 'email' },
  { customer: 'D', at: '2024-02-20', amount: 50 },
  { customer: 'D', at: '2024-02-20', amount: 25 },
  { customer: 'D', at: '2024-04-02', amount: 10 },
  { customer: 'D', at: '2024-03-01', amount: 500, status: 'refunded' },
];
const AS_OF = '2024-04-15';

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createOrders(engine, ORDERS);
});

describe('cohorts on a hand-made shop', () => {
  it("'on' mode: active, revenue, orders, completeness", async () => {
    const r = await runCohorts(engine, { asOf: AS_OF, mode: 'on' });
    expect(r.cohorts.map((c) => [c.cohort, c.start, c.size])).toEqual([
      ['2023-10', '2023-10-01', 1], ['2024-01', '2024-01-01', 2], ['2024-02', '2024-02-01', 2],
    ]);
    const [oct, jan, feb] = r.cohorts;
    expect(oct.active).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(oct.revenue).toEqual([40, 0, 0, 0, 0, 0, 60]);
    expect(oct.complete).toEqual([true, true, true, true, true, true, false]);
    expect(jan.active).toEqual([2, 1, 1, 0]);
    expect(jan.retention).toEqual([1, 0.5, 0.5, 0]);
    expect(jan.revenue).toEqual([22, 3, 20, 0]); // 01-31 23:59:59 is January, 02-01 00:00 February
    expect(jan.orders).toEqual([3, 1, 1, 0]);
    expect(jan.cumulativeRevenuePerCustomer).toEqual([11, 12.5, 22.5, 22.5]);
    expect(jan.complete).toEqual([true, true, true, false]);
    expect(feb.active).toEqual([2, 0, 1]); // the refunded March order does not make D active
    expect(feb.orders).toEqual([3, 0, 1]); // D's two same-day orders are two orders, one active customer
    expect(feb.complete).toEqual([true, true, false]);
  });

  it("'on-or-after' mode counts customers with an order in period k or later", async () => {
    const r = await runCohorts(engine, { asOf: AS_OF, mode: 'on-or-after' });
    const [oct, jan, feb] = r.cohorts;
    expect(oct.active).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(jan.active).toEqual([2, 2, 1, 0]);
    expect(feb.active).toEqual([2, 1, 1]);
    expect(jan.revenue).toEqual([22, 3, 20, 0]); // revenue stays "in period k"
  });

  it('weighted average row uses complete cells only', async () => {
    const { average } = await runCohorts(engine, { asOf: AS_OF, mode: 'on' });
    // k0: 5 of 5; k1: (0 + 1 + 0) of 5; k2: Oct 0 + Jan 1 of 3 (Feb's April cell is incomplete);
    // k3..k5: Oct only (Jan's k3 is April); k6: no complete cell.
    expect(average.size).toEqual([5, 5, 3, 1, 1, 1, 0]);
    expect(average.retention).toEqual([1, 0.2, 1 / 3, 0, 0, 0, null]);
    expect(average.cumulativeRevenuePerCustomer[0]).toBeCloseTo((40 + 22 + 175) / 5, 12);
  });

  it('revenue and order retention: period k against period 0, per cohort and weighted', async () => {
    const r = await runCohorts(engine, { asOf: AS_OF, mode: 'on' });
    const [oct, jan, feb] = r.cohorts;
    // Jan revenue 22, 3, 20, 0 → 1, 3/22, 20/22, 0; orders 3, 1, 1, 0 → 1, 1/3, 1/3, 0
    expect(jan.revenueRetention).toEqual([1, 3 / 22, 20 / 22, 0]);
    expect(jan.ordersRetention).toEqual([1, 1 / 3, 1 / 3, 0]);
    expect(oct.revenueRetention).toEqual([1, 0, 0, 0, 0, 0, 1.5]); // 60 / 40 in April
    expect(feb.ordersRetention).toEqual([1, 0, 1 / 3]);
    // Average k1 over Oct, Jan, Feb (all complete): revenue (0 + 3 + 0) / (40 + 22 + 175); k2: Oct + Jan (Feb's April is not over)
    const { average } = r;
    expect(average.revenue.slice(0, 3)).toEqual([237, 3, 20]);
    expect(average.revenueRetention[1]).toBeCloseTo(3 / 237, 12);
    expect(average.revenueRetention[2]).toBeCloseTo(20 / 62, 12);
    expect(average.ordersRetention[2]).toBeCloseTo(1 / 4, 12); // (0 + 1) / (1 + 3)
    expect(average.revenueRetention[6]).toBeNull();
  });

  it('breakdown by the first order’s channel', async () => {
    const r = await runCohorts(engine, { asOf: AS_OF, mode: 'on', breakdown: 'channel' });
    expect(r.cohorts.map((c) => [c.segment, c.cohort, c.size, c.active.join('')])).toEqual([
      [null, '2024-02', 1, '101'], // D: no channel on the first order
      ['email', '2023-10', 1, '1000001'],
      ['email', '2024-01', 1, '1010'], // A: first order email (the March one was social)
      ['email', '2024-02', 1, '100'],
      ['social', '2024-01', 1, '1100'],
    ]);
    expect(r.segmentAverages.map((a) => [a.segment, a.size[0]])).toEqual([[null, 1], ['email', 3], ['social', 1]]);
    await expect(runCohorts(engine, { breakdown: 'no_such_column' })).rejects.toThrow(/no column/);
  });

  it('from/to select the cohorts shown, not the history', async () => {
    const r = await runCohorts(engine, { asOf: AS_OF, from: '2024-01-01' });
    expect(r.cohorts.map((c) => [c.cohort, c.size])).toEqual([['2024-01', 2], ['2024-02', 2]]);
  });

  it('Jalali monthly cohorts', async () => {
    const r = await runCohorts(engine, { asOf: AS_OF, calendar: 'jalali' });
    // 2024-01-10 = 1402/10/20, 01-25 = 1402/11/05, 03-05 = 1402/12/15; asOf = 1403/01/27
    const a = r.cohorts.find((c) => c.cohort === '1402-10');
    expect(a).toMatchObject({ start: '2023-12-22', size: 1, active: [1, 1, 1, 0], complete: [true, true, true, false] });
    // B 2024-01-31 and C 2024-02-10 start in 1402-11; D 2024-02-20 = 1402/12/01 starts 1402-12
    expect(r.cohorts.map((c) => [c.cohort, c.size])).toEqual([['1402-07', 1], ['1402-10', 1], ['1402-11', 2], ['1402-12', 1]]);
  });
});

describe('CDNOW_master oracle (ORACLES.md)', () => {
  const pct = (xs: number[]) => xs.map((x) => Math.round(x * 1000) / 10);
  beforeAll(async () => loadCdnowMaster(engine));

  it('cohort sizes and "active in month k" for Jan-1997', async () => {
    const r = await runCohorts(engine, { mode: 'on', period: 'month' });
    expect(r.cohorts.slice(0, 3).map((c) => [c.cohort, c.size])).toEqual([['1997-01', 7846], ['1997-02', 8476], ['1997-03', 7248]]);
    expect(r.cohorts).toHaveLength(3); // all first purchases are in Q1 1997
    const jan = r.cohorts[0];
    const expected = [100, 14.7, 12.3, 10.3, 8.7, 9.4, 9.2, 7.4, 7.1, 7.6, 8.6, 8.1, 6.7, 6.5, 8.5, 6.0, 6.3, 6.3];
    expect(jan.retention).toHaveLength(18);
    pct(jan.retention).forEach((v, k) => expect(Math.abs(v - expected[k]), `k=${k}`).toBeLessThanOrEqual(0.05 + 1e-9));
    expect(jan.complete.every(Boolean)).toBe(true); // asOf 1998-06-30 ends the last month
  });

  it('"on or after" for Jan-1997 matches exactly (rounded to 0.1)', async () => {
    const r = await runCohorts(engine, { mode: 'on-or-after', period: 'month' });
    const expected = [100, 46.6, 42.8, 40.0, 37.7, 36.2, 34.1, 32.2, 30.6, 29.2, 27.4, 24.8, 22.2, 19.9, 17.8, 13.8, 10.8, 6.3];
    expect(pct(r.cohorts[0].retention)).toEqual(expected);
  });
});
