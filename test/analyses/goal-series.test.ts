import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { queryRows } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { evaluationDays, runGoalSeries, withSegment } from '../../src/analyses/goal-series';
import type { Goal, GoalMetric } from '../../src/goals/goal';
import { createOrders, createResponses, type FixtureOrder } from './fixtures';

// Hand-made shop; last data day 2024-04-20. churnDays = 30.
//  A: 01-10 100 website, 03-05 50 website
//  B: 02-01 200 instagram, 04-10 100 mobile_app
//  C: 02-20 60 instagram
//  D: 03-15 40 website (new after the start)
//  E: 04-20 80 instagram (new, on the last day)
//  F: 03-10 999 website, refunded (not an order: F is not a customer)
const ORDERS: FixtureOrder[] = [
  { customer: 'A', at: '2024-01-10 10:00:00', amount: 100, channel: 'website' },
  { customer: 'A', at: '2024-03-05 10:00:00', amount: 50, channel: 'website' },
  { customer: 'B', at: '2024-02-01 10:00:00', amount: 200, channel: 'instagram' },
  { customer: 'B', at: '2024-04-10 10:00:00', amount: 100, channel: 'mobile_app' },
  { customer: 'C', at: '2024-02-20 10:00:00', amount: 60, channel: 'instagram' },
  { customer: 'D', at: '2024-03-15 10:00:00', amount: 40, channel: 'website' },
  { customer: 'E', at: '2024-04-20 23:59:59', amount: 80, channel: 'instagram' },
  { customer: 'F', at: '2024-03-10 10:00:00', amount: 999, channel: 'website', status: 'refunded' },
];

// Goal window: start 2024-03-01, deadline 2024-04-30 → 61 days. Baseline measured on 02-29.
// Evaluation days: 03-31 (month end) and 04-20 (last data day, before the deadline).
// Trailing 61-day windows: baseline [2023-12-31, 02-29], 03-31 → [01-31, 03-31], 04-20 → [02-20, 04-20].
const goal = (metric: GoalMetric, extra: Partial<Goal> = {}): Goal => ({
  id: 'g', name: 'test', metric, target: 0.5, start: '2024-03-01', deadline: '2024-04-30', ...extra,
});

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createOrders(engine, ORDERS);
  await createResponses(engine, [
    { customer: 'A', at: '2024-01-15 12:00:00', score: 10, scale: 'nps' },
    { customer: 'B', at: '2024-02-10 12:00:00', score: 3, scale: 'nps' },
    { customer: 'C', at: '2024-03-10 12:00:00', score: 9, scale: 'nps' },
    { customer: 'D', at: '2024-03-20 12:00:00', score: 10, scale: 'nps' },
    { customer: 'E', at: '2024-04-20 12:00:00', score: 10, scale: 'nps' },
    { customer: 'A', at: '2024-03-06 12:00:00', score: 5, scale: 'csat' },
    { customer: 'B', at: '2024-04-12 12:00:00', score: 2, scale: 'csat' },
  ]);
});

const values = async (g: Goal) => {
  const s = await runGoalSeries(engine, g, { churnDays: 30 });
  return [s.baseline.value, ...s.points.map((p) => p.value)];
};

describe('evaluation days', () => {
  it('month ends from the start to the end, plus the end', () => {
    expect(evaluationDays('2024-03-01', '2024-04-20')).toEqual(['2024-03-31', '2024-04-20']);
    expect(evaluationDays('2024-03-15', '2024-03-31')).toEqual(['2024-03-31']);
    expect(evaluationDays('2023-12-31', '2024-02-10')).toEqual(['2023-12-31', '2024-01-31', '2024-02-10']);
    expect(evaluationDays('2024-03-01', '2024-02-29')).toEqual([]);
    // Jalali month ends (jalaali-js): 1402 is a common year (Esfand ends 1402/12/29 = 2024-03-19),
    // 1403 a leap year (Esfand ends 1403/12/30 = 2025-03-20); Farvardin 1403 ends 2024-04-19.
    expect(evaluationDays('2024-03-01', '2024-04-25', 'jalali')).toEqual(['2024-03-19', '2024-04-19', '2024-04-25']);
    expect(evaluationDays('2025-02-25', '2025-03-25', 'jalali')).toEqual(['2025-03-20', '2025-03-25']);
    expect(evaluationDays('2024-03-20', '2024-03-20', 'jalali')).toEqual(['2024-03-20']);
  });

  it('series shape: baseline on the day before the start, windows, last data day', async () => {
    const s = await runGoalSeries(engine, goal('aov'));
    expect(s.lastDataDay).toBe('2024-04-20');
    expect(s.end).toBe('2024-04-20');
    expect(s.windowDays).toBe(61);
    expect(s.baseline).toMatchObject({ day: '2024-02-29', from: '2023-12-31', to: '2024-02-29' });
    expect(s.points.map((p) => [p.day, p.from])).toEqual([['2024-03-31', '2024-01-31'], ['2024-04-20', '2024-02-20']]);
  });

  it('judged at the deadline when the data goes beyond it; no points before the start', async () => {
    const past = await runGoalSeries(engine, goal('aov', { start: '2024-02-01', deadline: '2024-03-10' }));
    expect(past.points.map((p) => p.day)).toEqual(['2024-02-29', '2024-03-10']);
    const future = await runGoalSeries(engine, goal('aov', { start: '2024-05-01', deadline: '2024-06-30' }));
    expect(future.points).toEqual([]);
    expect(future.end).toBeNull();
  });
});

describe('metrics, hand-computed', () => {
  it('repeat customer rate: buyers in the window with a 2nd order by its end', async () => {
    // baseline: A, B, C, none repeat → 0; 03-31: B, C, A, D, A repeats → 1/4; 04-20: C, A, D, B, E; A, B → 2/5.
    expect(await values(goal('repeat_customer_rate'))).toEqual([0, 0.25, 0.4]);
  });

  it('AOV: revenue ÷ orders in the window (the refunded order is not an order)', async () => {
    // 360/3; 350/4 (B 200, C 60, A 50, D 40); 330/5 (C 60, A 50, D 40, B 100, E 80).
    expect(await values(goal('aov'))).toEqual([120, 87.5, 66]);
  });

  it('churn rate on the day (churnDays 30)', async () => {
    // 02-29: at risk A (first < 01-31), no order after 01-30 → 1/1.
    // 03-31: at risk A, B, C (first < 03-02); A ordered 03-05 → B, C churned: 2/3.
    // 04-20: at risk A, B, C, D (first < 03-22); only B ordered after 03-21 → 3/4.
    expect(await values(goal('churn_rate'))).toEqual([1, 2 / 3, 3 / 4]);
  });

  it('CRR (E − N) ÷ S over the window (churnDays 30)', async () => {
    // baseline: nobody active at 2023-12-31 → S = 0 → null.
    // 03-31: S = active at 01-31 (A), E = active at 04-01 (A 03-05, D 03-15) = 2, N = B, C, D = 3 → (2 − 3) / 1.
    // 04-20: S = active at 02-20 (B), E = active at 04-21 (B 04-10, E 04-20) = 2, N = C, D, E = 3 → −1.
    expect(await values(goal('retention_rate'))).toEqual([null, -1, -1]);
  });

  it('historic CLTV: customer value per year × lifespan in years (61-day windows)', async () => {
    const v = await values(goal('historic_cltv'));
    expect(v[0]).toBe(0); // everybody's lifespan up to 02-29 is 0 days
    // 03-31: 350/4 per customer over 61 days; lifespans B 0, C 0, A 55, D 0 → 13.75 days.
    expect(v[1]).toBeCloseTo(87.5 * (365.25 / 61) * (13.75 / 365.25), 10);
    // 04-20: 330/5; lifespans C 0, A 55, D 0, B 69, E 0 → 24.8 days.
    expect(v[2]).toBeCloseTo(66 * (365.25 / 61) * (24.8 / 365.25), 10);
  });

  it('NPS and CSAT: answers in the window', async () => {
    // NPS: baseline A 10, B 3 → 0; 03-31: B 3, C 9, D 10 → 100 × 1/3; 04-20: C 9, D 10, E 10 → 100.
    const nps = await values(goal('nps', { target: 50 }));
    expect(nps[0]).toBe(0);
    expect(nps[1]).toBeCloseTo(100 / 3, 12);
    expect(nps[2]).toBe(100);
    // CSAT: baseline none → null; 03-31: A 5 → 100; 04-20: A 5, B 2 → 50.
    expect(await values(goal('csat', { target: 80 }))).toEqual([null, 100, 50]);
  });

  it('existing customers who ordered again on the website', async () => {
    // existing on 03-01: A, B, C (D, E are new; F has no counted order). Website since 03-01: A.
    const s = await runGoalSeries(engine, goal({ kind: 'existing_reordered_on_channel', channels: ['website'] }));
    expect(s.baseline).toMatchObject({ value: 0, count: 0, of: 3 });
    expect(s.points.map((p) => [p.day, p.count, p.of, p.value])).toEqual([['2024-03-31', 1, 3, 1 / 3], ['2024-04-20', 1, 3, 1 / 3]]);
  });

  it('existing customers reached on website or app (cumulative)', async () => {
    // A website 03-05; B mobile_app 04-10.
    expect(await values(goal({ kind: 'existing_reached_on_channel', channels: ['website', 'mobile_app'] }))).toEqual([0, 1 / 3, 2 / 3]);
  });
});

describe('segments', () => {
  const seg = `SELECT customer_id FROM orders WHERE customer_id IN ('A', 'B') -- a persona`;
  it('restrict every metric to the segment\'s customers', async () => {
    // 04-20 window: A, B both repeat → 1; 03-31: B (02-01), A (03-05); A repeats → 1/2.
    expect(await values(goal('repeat_customer_rate', { segmentSql: seg }))).toEqual([0, 0.5, 1]);
    // existing A, B; website: A → 1/2.
    expect(await values(goal({ kind: 'existing_reordered_on_channel', channels: ['website'] }, { segmentSql: seg }))).toEqual([0, 0.5, 0.5]);
    // NPS: baseline A 10, B 3 → 0; 03-31: B 3 → −100; 04-20: none → null.
    expect(await values(goal('nps', { segmentSql: seg, target: 0 }))).toEqual([0, -100, null]);
  });

  it('leaves no temp tables behind and the unsegmented tables untouched', async () => {
    const t = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '_rn_goal_%'`);
    expect(Number(t[0].n)).toBe(0);
    const [o] = await queryRows<{ n: number }>(engine, 'SELECT count(*) AS n FROM orders');
    expect(Number(o.n)).toBe(7);
  });

  it('withSegment prefixes the shadowing CTE to SELECT and WITH queries', () => {
    expect(withSegment('SELECT 1', 'SELECT 1 AS customer_id;')).toBe('WITH orders AS (SELECT * FROM orders WHERE customer_id IN (SELECT 1 AS customer_id\n))\nSELECT 1');
    expect(withSegment('WITH x AS (SELECT 1) SELECT * FROM x', 'S')).toMatch(/^WITH orders AS \([^]*\),\n {2}x AS/);
    expect(() => withSegment('DROP TABLE orders', 'S')).toThrow();
  });

  it('refuses an invalid goal and NPS without answers', async () => {
    await expect(runGoalSeries(engine, goal('aov', { deadline: '2024-02-01' }))).rejects.toThrow(/deadline/);
    await expect(runGoalSeries(engine, goal({ kind: 'existing_reached_on_channel', channels: [] }))).rejects.toThrow(/channel/);
  });
});
