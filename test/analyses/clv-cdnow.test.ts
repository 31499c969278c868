import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshSession, loadPath } from '../data/load-helpers';
import type { DataSession } from '../../src/data/session';
import type { FileReport } from '../../src/data/session';
import { runClv, streamClvCustomers, type ClvCustomer, type ClvResult } from '../../src/analyses/clv';
import { bgnbdConditionalExpected, bgnbdPmf } from '../../src/models/bgnbd';
import { LIFETIMES_WEEKS_PER_MONTH } from '../../src/models/clv';

// CDNOW sample (Fader, Hardie & Lee 2005) through the user's loading path; every number in the
// CDNOW section of ../shared/ORACLES.md with its tolerance. See docs/clv.md.
const SAMPLE = '../shared/datasets/cdnow/CDNOW_sample.txt';
const CSV_DIR = '../shared/datasets/cdnow/';

/** master_id (column 1, the loader's customer_id) → sample_id (column 2, the oracles' "ids 1..10"). */
function sampleIds(): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of readFileSync(SAMPLE, 'utf8').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length === 5) map.set(f[0], Number(f[1]));
  }
  return map;
}

function csv(name: string): Record<string, number>[] {
  const [head, ...lines] = readFileSync(CSV_DIR + name, 'utf8').trim().split(/\r?\n/);
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], Number(v)])));
}

const near = (got: number, want: number, tol: number) => expect(Math.abs(got - want), `got ${got}, want ${want} ± ${tol}`).toBeLessThanOrEqual(tol);
const round2 = (v: number) => Math.round(v * 100) / 100;

let s: DataSession;
let report: FileReport;
let r: ClvResult<'week'>;
let bySample: Map<number, ClvCustomer<'week'>>;
let ms = 0;

beforeAll(async () => {
  s = await freshSession();
  report = await loadPath(s, SAMPLE);
  const t0 = performance.now();
  r = await runClv(s.engine, {
    unit: 'week', asOf: '1998-06-30', calibrationEnd: '1997-09-30', horizon: 39, unitsPerMonth: LIFETIMES_WEEKS_PER_MONTH,
  });
  ms = performance.now() - t0;
  const ids = sampleIds();
  bySample = new Map(r.rows.map((c) => [ids.get(c.customerId)!, c]));
});

describe('CDNOW sample through the loading path', () => {
  it('is recognised as the cdnow preset: customer = column 1 (master_id), 6,919 orders, 2,357 customers', () => {
    expect(report.preset).toBe('cdnow');
    expect(report.loaded).toBe(6919);
    expect(s.summary?.customers).toBe(2357);
    expect(r.rows[0].customerId).toBe('00004'); // master_id as written (sample_id 0001)
    expect(bySample.size).toBe(2357);
    expect(r.customers).toBe(2357);
    expect(r.repeatBuyers).toBe(946);
    expect(r.customersAfterCalibration).toBe(0);
    expect(r.holdout).toEqual({ unit: 'week', length: 39 });
  });

  it('per-customer (frequency, recency, T) equal lifetimes\' cdnow_customers_summary.csv for all 2,357 customers', () => {
    const rows = csv('cdnow_customers_summary.csv');
    expect(rows.length).toBe(2357);
    let bad = 0;
    for (const row of rows) {
      const c = bySample.get(row.ID)!;
      // The CSV has 2 decimals: compare our exact weeks rounded to 2 decimals, within 1e-6.
      if (c.frequency !== row.frequency || Math.abs(round2(c.recencyWeeks) - row.recency) > 1e-6 || Math.abs(round2(c.ageWeeks) - row.T) > 1e-6) bad++;
    }
    expect(bad).toBe(0);
    // Mean repeat spend per purchase day vs the _with_transactions file (cents).
    let badZ = 0;
    for (const row of csv('cdnow_customers_summary_with_transactions.csv')) {
      const c = bySample.get(row.ID)!;
      if (Math.abs((c.meanRepeatSpend ?? 0) - row.zbar) > 0.005 + 1e-9) badZ++;
    }
    expect(badZ).toBe(0);
  });

  it('BG/NBD r, α, a, b = 0.243, 4.414, 0.793, 2.426 (2 decimals; MLE to 1e-3); LL −9582.43 (0.1)', () => {
    const p = r.bgnbd.params;
    expect(r.bgnbd.report.converged).toBe(true);
    near(p.r, 0.243, 0.005); near(p.alpha, 4.414, 0.005); near(p.a, 0.793, 0.005); near(p.b, 2.426, 0.005);
    near(p.r, 0.242593, 1e-3); near(p.alpha, 4.413532, 1e-3); near(p.a, 0.792886, 1e-3); near(p.b, 2.425752, 1e-3);
    near(r.bgnbd.logLikelihood, -9582.43, 0.1);
    expect(r.bgnbd.distinctRows).toBe(r.distinctSummaries);
    expect(r.distinctSummaries).toBeLessThan(1100);
  });

  it('Pareto/NBD r, α, s, β = 0.553, 10.578, 0.606, 11.669 (2 decimals); LL −9594.97 (0.1)', () => {
    expect(r.paretoNbd?.status).toBe('fitted');
    if (r.paretoNbd?.status !== 'fitted') return;
    const p = r.paretoNbd.params;
    near(p.r, 0.553, 0.005); near(p.alpha, 10.578, 0.005); near(p.s, 0.606, 0.005); near(p.beta, 11.669, 0.005);
    near(r.paretoNbd.logLikelihood, -9594.97, 0.1);
  });

  it('Gamma-Gamma on 946 repeat buyers: p, q, γ = 6.25, 3.74, 15.44 (2 decimals); LL −4055.92 (0.1)', () => {
    expect(r.gammaGamma.status).toBe('fitted');
    if (r.gammaGamma.status !== 'fitted') return;
    const g = r.gammaGamma.params;
    expect(r.gammaGamma.customers).toBe(946);
    near(g.p, 6.25, 0.005); near(g.q, 3.74, 0.005); near(g.gamma, 15.44, 0.005);
    near(r.gammaGamma.logLikelihood, -4055.92, 0.1);
    near(r.gammaGamma.spendFrequencyCorrelation!, 0.1139, 1e-3); // lifetimes' Quickstart: 0.113884
  });

  it('customer (x=2, t_x=30.43, T=38.86) = sample id 1: next 39 weeks 1.226, P(alive) 0.7266 (0.001)', () => {
    const c1 = bySample.get(1)!;
    expect([c1.frequency, round2(c1.recencyWeeks), round2(c1.ageWeeks)]).toEqual([2, 30.43, 38.86]);
    expect(r.horizon).toEqual({ unit: 'week', length: 39 });
    near(c1.expectedPurchases, 1.226, 0.001);
    near(c1.pAlive, 0.7266, 0.001);
    near(bgnbdConditionalExpected(r.bgnbd.params, 39, 2, 30.43, 38.86), 1.226, 0.001);
  });

  it('customers (26, 30.86, 31.00) and (29, 37.71, 38.00): expected purchases next week 0.710623, 0.662396 (1e-4)', () => {
    near(bgnbdConditionalExpected(r.bgnbd.params, 1, 26, 30.86, 31.0), 0.710623, 1e-4);
    near(bgnbdConditionalExpected(r.bgnbd.params, 1, 29, 37.71, 38.0), 0.662396, 1e-4);
  });

  it('population E[X(t)] at t = 1, 3, 32, 78 weeks: 0.0532, 0.1506, 1.0437, 1.8576 (1e-3)', () => {
    expect(r.population.unit).toBe('week');
    const at = (t: number) => r.population.points.find((p) => Math.abs(p.t - t) < 1e-9)!.expected;
    near(at(1), 0.0532, 1e-3); near(at(3), 0.1506, 1e-3); near(at(32), 1.0437, 1e-3); near(at(78), 1.8576, 1e-3);
  });

  it('P(X(39) = 0) at the paper\'s parameters = 0.5737864 (1e-6)', () => {
    near(bgnbdPmf({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 0), 0.5737864, 1e-6);
  });

  it('calibration repeat-count histogram 0..6, 7+: actual and BG/NBD expected (0.1)', () => {
    const cells = r.checks.histogram.cells;
    expect(cells.map((c) => c.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(cells.map((c) => c.actual)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    [1407.7, 460.3, 192.5, 101.2, 59.8, 38.1, 25.5, 71.9].forEach((v, i) => near(cells[i].expected, v, 0.1));
    expect(r.checks.histogram.chiSquare.df).toBe(3);
  });

  it('cumulative repeat transactions at week 78: actual 4339, BG/NBD 4160.6 (1)', () => {
    const last = r.checks.tracking.points.at(-1)!;
    expect(r.checks.tracking.startDay).toBe('1997-01-01');
    expect(last.t).toBe(78);
    expect(last.actual).toBe(4339);
    near(last.predicted, 4160.6, 1);
  });

  it('Gamma-Gamma expected spend of sample ids 1..10 (0.1)', () => {
    const want = [24.66, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    want.forEach((v, i) => near(bySample.get(i + 1)!.expectedOrderValue!, v, 0.1));
  });

  it('12-month CLV at 1 %/month with 4.345-week months: sample id 1 = 36.28, id 6 = 283.52 (0.05, see docs/clv.md)', () => {
    expect(r.clvSchedule).toEqual({ unit: 'week', months: 12, monthlyDiscount: 0.01, unitsPerMonth: 4.345 });
    near(bySample.get(1)!.clv!, 36.28, 0.05);
    near(bySample.get(6)!.clv!, 283.52, 0.05);
  });

  it('holdout table and totals are consistent', () => {
    const h = r.checks.calibrationHoldout!;
    expect(h.reduce((n, c) => n + c.customers, 0)).toBe(2357);
    const holdoutTotal = r.rows.reduce((n, c) => n + c.holdoutPurchases!, 0);
    expect(h.reduce((n, c) => n + c.actualMean * c.customers, 0)).toBeCloseTo(holdoutTotal, 9);
    expect(r.totals.clv).toBeCloseTo(r.rows.reduce((n, c) => n + c.clv!, 0), 6);
    expect(r.totals.expectedPurchases).toBeCloseTo(r.rows.reduce((n, c) => n + c.expectedPurchases, 0), 6);
    expect(Object.values(r.tiers).reduce((a, b) => a + b, 0)).toBe(2357);
  });

  it('runs in well under the test budget (fits over distinct summaries)', () => {
    expect(ms).toBeLessThan(20_000);
    expect(r.timings.bgnbdMs + r.timings.paretoNbdMs + r.timings.gammaGammaMs).toBeLessThan(15_000);
  });

  it('streams the same rows in batches', async () => {
    const streamed: ClvCustomer<'week'>[] = [];
    let batches = 0;
    const n = await streamClvCustomers(s.engine, r, (b) => { batches++; streamed.push(...b); }, { batchSize: 1000 });
    expect(n).toBe(2357);
    expect(batches).toBe(3);
    expect(streamed).toEqual(r.rows);
  });

  it('gives the same model in days: α ×7, r, a, b unchanged, LL shifted by −Σx·ln 7, same CLV', async () => {
    const d = await runClv(s.engine, {
      unit: 'day', asOf: '1998-06-30', calibrationEnd: '1997-09-30', paretoNbd: false, customerLimit: 10,
      horizon: 39 * 7, unitsPerMonth: LIFETIMES_WEEKS_PER_MONTH * 7,
    });
    const w = r.bgnbd.params, p = d.bgnbd.params;
    near(p.alpha / 7, w.alpha, 2e-3); near(p.r, w.r, 1e-4); near(p.a, w.a, 1e-3); near(p.b, w.b, 2e-3);
    const sumX = r.rows.reduce((n, c) => n + c.frequency, 0);
    near(d.bgnbd.logLikelihood, r.bgnbd.logLikelihood - sumX * Math.log(7), 1e-3);
    expect(d.rows[0]).toHaveProperty('recencyDays');
    expect(d.rows[0]).not.toHaveProperty('recencyWeeks');
    expect(d.horizon).toEqual({ unit: 'day', length: 273 });
    d.rows.forEach((c, i) => {
      expect(c.recencyDays / 7).toBeCloseTo(r.rows[i].recencyWeeks, 12);
      near(c.clv!, r.rows[i].clv!, 1e-3 * r.rows[i].clv!);
      near(c.expectedPurchases, r.rows[i].expectedPurchases, 1e-3 * r.rows[i].expectedPurchases);
    });
  });
});
