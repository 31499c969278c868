import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { runClv, streamClvCustomers } from '../../src/analyses/clv';
import { NotConverged, TooFewCustomers, TooFewRepeatBuyers } from '../../src/models/refusals';
import { addDays } from '../../src/analyses/days';
import { createOrders, type FixtureOrder } from './fixtures';
// Deterministic PRNG (mulberry32), the sample generators' own.
import { mulberry32 as rng } from '../../sample-data/random.mjs';


/**
 * A simulated shop in the spirit of BG/NBD: `n` customers first buy in January 2024; while alive
 * each buys every ~Exp(mean gap) days and drops out after a purchase with probability `drop`.
 */
function simulate(n: number, seed: number): FixtureOrder[] {
  const u = rng(seed);
  const out: FixtureOrder[] = [];
  for (let i = 0; i < n; i++) {
    const customer = `s${String(i).padStart(4, '0')}`;
    let day = Math.floor(u() * 31);
    const meanGap = 5 + 250 * u() ** 2; // purchase rates and drop-out chances differ widely
    const drop = 0.8 * u() ** 2;
    const level = 10 + 140 * u() ** 2; // customers differ in typical spend
    const amount = () => Math.round(level * (0.6 + 0.8 * u()) * 100) / 100;
    out.push({ customer, at: addDays('2024-01-01', day), amount: amount() });
    while (u() > drop) {
      day += Math.max(1, Math.round(-Math.log(1 - u()) * meanGap));
      if (day > 400) break;
      out.push({ customer, at: addDays('2024-01-01', day), amount: amount() });
    }
  }
  return out;
}

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
});

describe('CLV summary conventions (hand-made orders)', () => {
  // 150 simulated customers make the fits possible; c-a … c-d are the ones checked by hand.
  const HAND: FixtureOrder[] = [
    // c-a: two orders on 01-05 (merged: one purchase day worth 15), two on 01-12 (20 + 30 = 50),
    // one on 02-09 (40); holdout: 03-01 twice (one day), 03-20; after asOf: 04-02 (ignored).
    { customer: 'c-a', at: '2024-01-05 09:00:00', amount: 10 }, { customer: 'c-a', at: '2024-01-05 18:30:00', amount: 5 },
    { customer: 'c-a', at: '2024-01-12 08:00:00', amount: 20 }, { customer: 'c-a', at: '2024-01-12 23:59:59', amount: 30 },
    { customer: 'c-a', at: '2024-02-09', amount: 40 },
    { customer: 'c-a', at: '2024-03-01 10:00:00', amount: 7 }, { customer: 'c-a', at: '2024-03-01 11:00:00', amount: 7 },
    { customer: 'c-a', at: '2024-03-20', amount: 9 }, { customer: 'c-a', at: '2024-04-02', amount: 1000 },
    // c-b: one order on the calibration end day itself (counts in calibration: T = 0).
    { customer: 'c-b', at: '2024-02-29 23:00:00', amount: 12 },
    // c-c: first purchase in the holdout: not in the calibration population.
    { customer: 'c-c', at: '2024-03-05', amount: 12 },
    // c-d: a zero-value repeat purchase (mean repeat spend 0).
    { customer: 'c-d', at: '2024-01-03', amount: 25 }, { customer: 'c-d', at: '2024-01-20', amount: 0 },
  ];

  beforeAll(async () => {
    const sim = simulate(150, 7).filter((o) => o.at <= '2024-02-29' || o.at.startsWith('2024-03'));
    await createOrders(engine, [...HAND, ...sim]);
  });

  it('merges same-day orders, measures t_x and T in days from the first purchase day, counts holdout days', async () => {
    const r = await runClv(engine, { unit: 'day', asOf: '2024-03-31', calibrationEnd: '2024-02-29', nonPositiveSpend: 'exclude' });
    const a = r.rows.find((c) => c.customerId === 'c-a')!;
    expect(a).toMatchObject({ frequency: 2, recencyDays: 35, ageDays: 55, meanRepeatSpend: 45, holdoutPurchases: 2 });
    const b = r.rows.find((c) => c.customerId === 'c-b')!;
    expect(b).toMatchObject({ frequency: 0, recencyDays: 0, ageDays: 0, meanRepeatSpend: null, holdoutPurchases: 0, pAlive: 1, tier: 'one-time-new' });
    expect(r.rows.some((c) => c.customerId === 'c-c')).toBe(false);
    expect(r.customersAfterCalibration).toBe(1);
    expect(r.holdout).toEqual({ unit: 'day', length: 31 });
    expect(r.calibrationEnd).toBe('2024-02-29');
  });

  it('names every time field with its unit', async () => {
    const w = await runClv(engine, { unit: 'week', asOf: '2024-03-31', calibrationEnd: '2024-02-29', nonPositiveSpend: 'exclude', customerLimit: 5 });
    const a = (await runClv(engine, { unit: 'week', asOf: '2024-03-31', calibrationEnd: '2024-02-29', nonPositiveSpend: 'exclude' }))
      .rows.find((c) => c.customerId === 'c-a')!;
    expect(a.recencyWeeks).toBe(5);
    expect(a.ageWeeks).toBeCloseTo(55 / 7, 12);
    expect(Object.keys(w.rows[0]).filter((k) => /recency|age/.test(k)).sort()).toEqual(['ageWeeks', 'recencyWeeks']);
    expect(w.rows.length).toBe(5);
    expect(w.horizon.unit).toBe('week');
    expect(w.holdout).toEqual({ unit: 'week', length: 31 / 7 });
    expect(w.bgnbd.unit).toBe('week');
    expect(w.checks.tracking.unit).toBe('week');
    expect(w.population.unit).toBe('week');
  });

  it('without calibrationEnd, T runs to asOf and there is no holdout', async () => {
    const r = await runClv(engine, { unit: 'day', asOf: '2024-03-31', nonPositiveSpend: 'exclude' });
    const a = r.rows.find((c) => c.customerId === 'c-a')!;
    expect(a).toMatchObject({ frequency: 4, recencyDays: 75, ageDays: 86, holdoutPurchases: null });
    expect(r.holdout).toBeNull();
    expect(r.checks.calibrationHoldout).toBeNull();
    expect(r.customersAfterCalibration).toBe(0);
  });

  it('Gamma-Gamma refuses zero mean spend by default; the rest of the analysis still runs', async () => {
    const r = await runClv(engine, { unit: 'day', asOf: '2024-03-31', calibrationEnd: '2024-02-29' });
    expect(r.gammaGamma).toMatchObject({ status: 'refused', code: 'non-positive-spend', model: 'Gamma-Gamma' });
    expect(r.gammaGamma.status === 'refused' && r.gammaGamma.message).toMatch(/1 repeat buyer has a mean repeat spend ≤ 0/);
    expect(r.bgnbd.status).toBe('fitted');
    expect(r.rows.every((c) => c.clv === null && c.expectedOrderValue === null)).toBe(true);
    expect(r.totals.clv).toBeNull();
    const x = await runClv(engine, { unit: 'day', asOf: '2024-03-31', calibrationEnd: '2024-02-29', nonPositiveSpend: 'exclude' });
    expect(x.gammaGamma).toMatchObject({ status: 'fitted', excludedNonPositive: 1 });
    expect(x.rows.find((c) => c.customerId === 'c-d')!.expectedOrderValue).toBeGreaterThan(0);
  });

  it('validates its options', async () => {
    await expect(runClv(engine, { unit: 'month' as never, asOf: '2024-03-31' })).rejects.toThrow(/unit must be 'day' or 'week'/);
    await expect(runClv(engine, { unit: 'day' } as never)).rejects.toThrow(/asOf is required/);
    await expect(runClv(engine, { unit: 'day', asOf: '2024-03-31', calibrationEnd: '2024-04-01' })).rejects.toThrow(/after asOf/);
    await expect(runClv(engine, { unit: 'day', asOf: '2024-02-30' })).rejects.toThrow(/not a real day/);
    await expect(runClv(engine, { unit: 'day', asOf: '2024-03-31', customerLimit: -1 })).rejects.toThrow(/customerLimit/);
  });
});

describe('CLV refusals (hand-made orders)', () => {
  it('too few customers', async () => {
    await createOrders(engine, simulate(30, 1));
    await expect(runClv(engine, { unit: 'week', asOf: '2024-12-31' })).rejects.toThrow(TooFewCustomers);
    await expect(runClv(engine, { unit: 'week', asOf: '2024-12-31' })).rejects.toThrow(/30 customers in the calibration period; a fit needs at least 50/);
  });

  it('too few repeat buyers', async () => {
    const orders: FixtureOrder[] = Array.from({ length: 80 }, (_, i) => ({ customer: `o${i}`, at: addDays('2024-01-01', i % 60), amount: 10 }));
    for (let i = 0; i < 5; i++) orders.push({ customer: `o${i}`, at: '2024-06-01', amount: 10 });
    await createOrders(engine, orders);
    await expect(runClv(engine, { unit: 'day', asOf: '2024-12-31' })).rejects.toThrow(TooFewRepeatBuyers);
    await expect(runClv(engine, { unit: 'day', asOf: '2024-12-31' })).rejects.toThrow(/5 repeat buyers/);
  });

  it('BG/NBD non-convergence is thrown (typed, naming the runaway parameters); Pareto/NBD\'s is reported as a status', async () => {
    const cd: FixtureOrder[] = [{ customer: 'c-d', at: '2024-01-03', amount: 25 }, { customer: 'c-d', at: '2024-01-20', amount: 0 }];
    const o = { unit: 'day', asOf: '2024-03-31', calibrationEnd: '2024-02-29', nonPositiveSpend: 'exclude', customerLimit: 0 } as const;
    await createOrders(engine, [...cd, ...simulate(80, 7).filter((x) => x.at <= '2024-03-31')]);
    await expect(runClv(engine, o)).rejects.toThrow(NotConverged);
    await expect(runClv(engine, o)).rejects.toThrow(/degenerate maximum: a → 0, b → 0/);
    await createOrders(engine, [...cd, ...simulate(150, 2).filter((x) => x.at <= '2024-03-31')]);
    const r = await runClv(engine, o);
    expect(r.bgnbd.report.converged).toBe(true);
    expect(r.paretoNbd).toMatchObject({ status: 'refused', code: 'not-converged', model: 'Pareto/NBD' });
    const skipped = await runClv(engine, { ...o, paretoNbd: false });
    expect(skipped.paretoNbd).toBeNull();
  });

  it('streams every customer of a finished run', async () => {
    await createOrders(engine, simulate(120, 5));
    const r = await runClv(engine, { unit: 'day', asOf: '2024-12-31', customerLimit: 0 });
    const ids: string[] = [];
    const n = await streamClvCustomers(engine, r, (b) => { ids.push(...b.map((c) => c.customerId)); }, { batchSize: 50 });
    expect(n).toBe(120);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(120);
  });
});
