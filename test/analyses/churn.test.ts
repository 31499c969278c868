import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { runChurn } from '../../src/analyses/churn';
import { runChurnSegments } from '../../src/analyses/churn-segments';
import { runInterpurchase } from '../../src/analyses/interpurchase';
import { runLifecycle } from '../../src/analyses/lifecycle';
import { runWinback } from '../../src/analyses/winback';
import { wilson } from '../../src/analyses/wilson';
import { createOrders, type FixtureOrder } from './fixtures';

// churnDays = 30, asOf = 2024-06-30: churned ⇔ last order ≤ 05-31; at risk ⇔ first order ≤ 05-31.
//  A: 01-10 100 (email, Tehran, shirt), 02-05 50, 06-20 30   active            gaps 26, 136
//  B: 01-15 200 (social, Shiraz, shoes), 01-15 20, 03-01 80  churned (121 d)   gap 46 (same day merged)
//  C: 03-10 60 (email, Tehran, shirt)                        churned (112 d)
//  D: 06-10 40 (email, Tehran, shoes)                        not yet at risk (first order 20 d ago)
//  E: 05-31 70 (social, Shiraz, shirt)                       churned: recency exactly 30 d
//  F: 06-01 90 (social, Shiraz, shirt)                       not yet at risk (29 d)
//  G: 04-01 10 (email, no city/product), 05-05 10, 06-15 10  active            gaps 34, 41
const ORDERS: FixtureOrder[] = [
  { customer: 'A', at: '2024-01-10', amount: 100, channel: 'email', city: 'Tehran', product: 'shirt' },
  { customer: 'A', at: '2024-02-05', amount: 50, channel: 'social' },
  { customer: 'A', at: '2024-06-20', amount: 30 },
  { customer: 'B', at: '2024-01-15 09:00:00', amount: 200, channel: 'social', city: 'Shiraz', product: 'shoes' },
  { customer: 'B', at: '2024-01-15 18:00:00', amount: 20 },
  { customer: 'B', at: '2024-03-01', amount: 80 },
  { customer: 'C', at: '2024-03-10', amount: 60, channel: 'email', city: 'Tehran', product: 'shirt' },
  { customer: 'D', at: '2024-06-10', amount: 40, channel: 'email', city: 'Tehran', product: 'shoes' },
  { customer: 'E', at: '2024-05-31 23:00:00', amount: 70, channel: 'social', city: 'Shiraz', product: 'shirt' },
  { customer: 'F', at: '2024-06-01', amount: 90, channel: 'social', city: 'Shiraz', product: 'shirt' },
  { customer: 'G', at: '2024-04-01', amount: 10, channel: 'email' },
  { customer: 'G', at: '2024-05-05', amount: 10 },
  { customer: 'G', at: '2024-06-15', amount: 10 },
  { customer: 'C', at: '2024-06-25', amount: 60, status: 'refunded' }, // not an order: C stays churned
];
const OPTS = { churnDays: 30, asOf: '2024-06-30' };

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createOrders(engine, ORDERS);
});

describe('churn at asOf', () => {
  it('status', async () => {
    const { status } = await runChurn(engine, OPTS);
    expect(status).toEqual({
      asOf: '2024-06-30', churnDays: 30, customers: 7, active: 4, notYetAtRisk: 2, atRisk: 5, churned: 3, churnRate: 0.6,
    });
  });

  it('recency exactly churnDays is churned; one day less is not', async () => {
    const { status } = await runChurn(engine, { ...OPTS, churnDays: 31 });
    // at risk: first ≤ 05-30 → A, B, C, G; churned: last ≤ 05-30 → B, C. E (05-31) is not yet at risk.
    expect([status.atRisk, status.churned, status.notYetAtRisk]).toEqual([4, 2, 3]);
  });

  it('churn rate over time, evaluated on the last day of each month', async () => {
    const { overTime } = await runChurn(engine, { ...OPTS, period: 'month' });
    expect(overTime.map((p) => [p.period, p.evaluatedOn, p.customers, p.atRisk, p.churned, p.churnRate])).toEqual([
      ['2024-01', '2024-01-31', 2, 0, 0, null],
      ['2024-02', '2024-02-29', 2, 2, 1, 0.5], // B: last order 01-15
      ['2024-03', '2024-03-31', 3, 2, 2, 1], // A (02-05), B (03-01, 30 days before 03-31)
      ['2024-04', '2024-04-30', 4, 3, 3, 1], // + C; G not yet at risk
      ['2024-05', '2024-05-31', 5, 4, 3, 0.75], // G active; E not yet at risk
      ['2024-06', '2024-06-30', 7, 5, 3, 0.6], // = status at asOf
    ]);
    expect(overTime.every((p) => p.complete)).toBe(true);
  });
});

describe('data-driven window', () => {
  it('gaps between purchase days, percentiles, buckets', async () => {
    const r = await runInterpurchase(engine, OPTS);
    // gaps 26, 34, 41, 46, 136 (B's same-day orders are one purchase day)
    expect([r.gaps, r.repeatCustomers, r.meanDays]).toEqual([5, 3, 56.6]);
    expect(r.p50).toBe(41);
    expect(r.p80).toBeCloseTo(64, 9); // position 3.2: 46 + 0.2 × (136 − 46)
    expect(r.p90).toBeCloseTo(100, 9); // position 3.6: 46 + 0.6 × 90
    expect(r.suggestedChurnDays).toBe(64);
    expect(r.buckets.filter((b) => b.gaps > 0).map((b) => [b.label, b.gaps])).toEqual([['15–30', 1], ['31–60', 3], ['91–180', 1]]);
  });
});

describe('churn by segment', () => {
  it('Wilson interval', () => {
    const a = wilson(5, 10)!;
    expect(a.low).toBeCloseTo(0.2366, 4);
    expect(a.high).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 10)!.high).toBeCloseTo(0.2775, 4);
    expect(wilson(0, 0)).toBeNull();
  });

  it('by first channel, ranked by the Wilson lower bound', async () => {
    const r = await runChurnSegments(engine, { ...OPTS, by: 'channel' });
    // social: at risk B, E (F not yet) → 2 of 2; email: A, C, G (D not yet) → 1 of 3
    expect(r.map((s) => [s.segment, s.customers, s.atRisk, s.churned])).toEqual([['social', 3, 2, 2], ['email', 4, 3, 1]]);
    expect(r[0].low).toBeCloseTo(wilson(2, 2)!.low, 12);
    expect(r[0].low).toBeCloseTo(0.3424, 4);
    expect(r[1].churnRate).toBeCloseTo(1 / 3, 12);
  });

  it('by cohort and by first product (missing values grouped as null)', async () => {
    const byCohort = await runChurnSegments(engine, { ...OPTS, by: 'cohort' });
    const m = new Map(byCohort.map((s) => [s.segment, [s.atRisk, s.churned]]));
    expect(Object.fromEntries(m)).toEqual({
      '2024-01': [2, 1], '2024-03': [1, 1], '2024-04': [1, 0], '2024-05': [1, 1], '2024-06': [0, 0],
    });
    expect(byCohort.at(-1)).toMatchObject({ segment: '2024-06', churnRate: null, low: null });
    const byProduct = await runChurnSegments(engine, { ...OPTS, by: 'product' });
    expect(byProduct.find((s) => s.segment === null)).toMatchObject({ customers: 1, atRisk: 1, churned: 0 }); // G
    expect(byProduct.find((s) => s.segment === 'shirt')).toMatchObject({ customers: 4, atRisk: 3, churned: 2 }); // A C E F
  });
});

describe('lifecycle', () => {
  it('new, returning, resurrected, dormant per month', async () => {
    const r = await runLifecycle(engine, OPTS);
    // active: Jan A B | Feb A | Mar B C | Apr G | May G E | Jun A G D F
    expect(r.map((p) => [p.period, p.active, p.new, p.returning, p.resurrected, p.dormant])).toEqual([
      ['2024-01', 2, 2, 0, 0, 0],
      ['2024-02', 1, 0, 1, 0, -1], // B went quiet
      ['2024-03', 2, 1, 0, 1, -1], // B back (resurrected), C new; A quiet
      ['2024-04', 1, 1, 0, 0, -2], // G new; B, C quiet
      ['2024-05', 2, 1, 1, 0, 0],
      ['2024-06', 4, 2, 1, 1, -1], // A resurrected, G returning, D F new; E quiet
    ]);
  });
});

describe('win-back list', () => {
  it('churned customers by historic revenue', async () => {
    const r = await runWinback(engine, OPTS);
    expect(r).toEqual([
      { customerId: 'B', orders: 3, revenue: 300, firstOrder: '2024-01-15', lastOrder: '2024-03-01', daysSince: 121 },
      { customerId: 'E', orders: 1, revenue: 70, firstOrder: '2024-05-31', lastOrder: '2024-05-31', daysSince: 30 },
      { customerId: 'C', orders: 1, revenue: 60, firstOrder: '2024-03-10', lastOrder: '2024-03-10', daysSince: 112 },
    ]);
    expect((await runWinback(engine, { ...OPTS, limit: 1 })).map((w) => w.customerId)).toEqual(['B']);
  });
});
