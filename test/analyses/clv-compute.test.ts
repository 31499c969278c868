import { beforeAll, describe, expect, it } from 'vitest';
import { sharedNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/engine';
import {
  CHURN_TIERS, clvDataTransferables, computeClv, fetchClvData, runClv, streamClvCustomers, type ClvCustomer, type ClvOptions, type ClvResult,
} from '../../src/analyses/clv';
import { quantileSorted, topIndexes, valueDistribution } from '../../src/analyses/clv-distribution';
import { loadCdnowMaster } from './cdnow';

// The two phases of the CLV analysis (fetchClvData → computeClv) against runClv on CDNOW master
// (23,570 customers), and the CLV distribution on hand-checkable numbers. See docs/clv.md.

// CDNOW master has $0 orders: Gamma-Gamma leaves the buyers with a mean repeat spend ≤ 0 out of its fit.
const OPTIONS: ClvOptions<'week'> = { unit: 'week', asOf: '1998-06-30', calibrationEnd: '1997-09-30', horizon: 39, nonPositiveSpend: 'exclude' };

/** The result without wall times (fit reports carry `ms`). */
function stable<U extends 'day' | 'week'>(r: ClvResult<U>) {
  const strip = (m: unknown) => (m && typeof m === 'object' && 'report' in m ? { ...m, report: { ...(m as { report: object }).report, ms: 0 } } : m);
  return { ...r, timings: null, bgnbd: strip(r.bgnbd), paretoNbd: strip(r.paretoNbd), gammaGamma: strip(r.gammaGamma) };
}

let engine: Engine;
let viaRun: ClvResult<'week'>;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await loadCdnowMaster(engine);
  viaRun = await runClv(engine, OPTIONS);
}, 120_000);

describe('computeClv(fetchClvData(…)) = runClv on CDNOW master', () => {
  it('gives the same result, field for field', async () => {
    const data = await fetchClvData(engine, OPTIONS);
    expect(data.customers.length).toBe(23_570);
    expect(viaRun.customers).toBe(23_570);
    expect(stable(computeClv(data, OPTIONS))).toEqual(stable(viaRun));
  });

  it('gives the same result after a structured clone that transfers every buffer (what the worker receives)', async () => {
    const data = await fetchClvData(engine, OPTIONS);
    const transfer = clvDataTransferables(data);
    expect(transfer.length).toBeGreaterThanOrEqual(15);
    const moved = structuredClone(data, { transfer });
    expect(data.customers.x.length).toBe(0); // detached: the buffers moved
    expect(stable(computeClv(moved, OPTIONS))).toEqual(stable(viaRun));
  });

  it('scores every customer exactly as the row-by-row stream does', async () => {
    const streamed: ClvCustomer<'week'>[] = [];
    await streamClvCustomers(engine, viaRun, (b) => { streamed.push(...b); }, { batchSize: 10_000 });
    expect(streamed).toEqual(viaRun.rows);
  });

  it('refuses data fetched for other days', async () => {
    const data = await fetchClvData(engine, { ...OPTIONS, paretoNbd: false });
    expect(() => computeClv(data, { ...OPTIONS, asOf: '1998-06-29' })).toThrow(/fetched for asOf 1998-06-30/);
  });

  it('returns score columns aligned with the rows on request', async () => {
    const data = await fetchClvData(engine, OPTIONS);
    const r = computeClv(data, { ...OPTIONS, customerLimit: 0, paretoNbd: false }, { scoreColumns: true });
    expect(r.rows).toEqual([]);
    const s = r.scores!;
    expect(s.clv!.length).toBe(23_570);
    expect(s.pAliveParetoNbd).toBeNull();
    viaRun.rows.forEach((c, i) => {
      expect(s.clv![i]).toBe(c.clv);
      expect(s.pAlive[i]).toBe(c.pAlive);
      expect(s.expectedPurchases[i]).toBe(c.expectedPurchases);
      expect(s.expectedOrderValue![i]).toBe(c.expectedOrderValue);
      expect(CHURN_TIERS[s.tier[i]]).toBe(c.tier);
    });
  });
});

describe('CLV distribution over all scored customers', () => {
  it('counts every customer, also with customerLimit', async () => {
    const limited = await runClv(engine, { ...OPTIONS, customerLimit: 5, paretoNbd: false });
    expect(limited.rows.length).toBe(5);
    expect(limited.distribution).toEqual(viaRun.distribution);
    const d = viaRun.distribution!;
    expect(d.customers).toBe(23_570);
    expect(d.missing).toBe(0);
    expect(d.histogram.counts.length).toBe(30);
    expect(d.histogram.edges.length).toBe(31);
    expect(d.histogram.counts.reduce((a, b) => a + b, 0) + d.histogram.overflow).toBe(23_570);
    // the mean of the per-customer CLVs is the total over the customers
    expect(d.quantiles.mean * d.customers).toBeCloseTo(viaRun.totals.clv!, 6);
  });

  it('matches quantiles, overflow and top 100 recomputed from the rows', () => {
    const d = viaRun.distribution!;
    const clv = viaRun.rows.map((c) => c.clv!).sort((a, b) => a - b);
    for (const [k, p] of [['p10', 0.1], ['p25', 0.25], ['p50', 0.5], ['p75', 0.75], ['p90', 0.9], ['p99', 0.99]] as const) {
      expect(d.quantiles[k]).toBe(quantileSorted(clv, p));
    }
    expect(d.quantiles.max).toBe(clv[clv.length - 1]);
    expect(d.histogram.overflow).toBe(clv.filter((v) => v > d.quantiles.p99).length);
    const byClv = [...viaRun.rows].sort((a, b) => b.clv! - a.clv! || (a.customerId < b.customerId ? -1 : 1)).slice(0, 100);
    expect(d.top.map((t) => t.customerId)).toEqual(byClv.map((c) => c.customerId));
    expect(d.top[0]).toEqual({ customerId: byClv[0].customerId, clv: byClv[0].clv, pAlive: byClv[0].pAlive, expectedPurchases: byClv[0].expectedPurchases, tier: byClv[0].tier });
  });

  it('is null when Gamma-Gamma refused', async () => {
    const data = await fetchClvData(engine, OPTIONS);
    data.spend.zbar[0] = 0; // one repeat buyer with a zero mean spend: Gamma-Gamma refuses by default
    const r = computeClv(data, { ...OPTIONS, paretoNbd: false, customerLimit: 0, nonPositiveSpend: 'refuse' });
    expect(r.gammaGamma.status).toBe('refused');
    expect(r.totals.clv).toBeNull();
    expect(r.distribution).toBeNull();
  });
});

describe('valueDistribution / topIndexes (hand-checked)', () => {
  const oneToHundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('type-7 quantiles, mean and max of 1..100', () => {
    const d = valueDistribution(oneToHundred)!;
    expect(d.customers).toBe(100);
    expect(d.missing).toBe(0);
    // h = 99p: p10 → 9.9 → 10 + 0.9 = 10.9; p25 → 24.75 → 25.75; p50 → 50.5; p75 → 75.25; p90 → 90.1; p99 → 99.01
    expect(d.quantiles.p10).toBeCloseTo(10.9, 12);
    expect(d.quantiles.p25).toBeCloseTo(25.75, 12);
    expect(d.quantiles.p50).toBeCloseTo(50.5, 12);
    expect(d.quantiles.p75).toBeCloseTo(75.25, 12);
    expect(d.quantiles.p90).toBeCloseTo(90.1, 12);
    expect(d.quantiles.p99).toBeCloseTo(99.01, 12);
    expect(d.quantiles.max).toBe(100);
    expect(d.quantiles.mean).toBe(50.5);
  });

  it('10 bins of width 9.901 from 0 to p99: 9 values in the first, 10 in each other, 100 overflows', () => {
    const d = valueDistribution(oneToHundred, 10)!;
    expect(d.histogram.edges[1]).toBeCloseTo(9.901, 12);
    expect(d.histogram.edges[10]).toBe(d.quantiles.p99);
    expect(d.histogram.counts).toEqual([9, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    expect(d.histogram.overflow).toBe(1);
  });

  it('30 bins by default; NaN is missing; all-equal values land in the first bin', () => {
    const d = valueDistribution([2, NaN, 2, 2, NaN])!;
    expect(d.customers).toBe(3);
    expect(d.missing).toBe(2);
    expect(d.histogram.counts.length).toBe(30);
    expect(d.histogram.counts[29]).toBe(3); // width 2/30: 2 = p99 is in the last bin
    const zeros = valueDistribution([0, 0, 0])!;
    expect(zeros.histogram.counts[0]).toBe(3);
    expect(zeros.histogram.overflow).toBe(0);
    expect(valueDistribution([NaN])).toBeNull();
  });

  it('top indexes: largest first, ties by position, NaN skipped', () => {
    const v = [5, 7, 7, 1, NaN, 7];
    expect(topIndexes(v, 2)).toEqual([1, 2]);
    expect(topIndexes(v, 10)).toEqual([1, 2, 5, 0, 3]);
    expect(topIndexes(v, 0)).toEqual([]);
    const big = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_007);
    const want = [...big.keys()].sort((a, b) => big[b] - big[a] || a - b).slice(0, 100);
    expect(topIndexes(big, 100)).toEqual(want);
  });
});
