import { describe, expect, it } from 'vitest';
import {
  bgnbdConditionalExpected, bgnbdExpected, bgnbdExpectedHistogram, bgnbdLogLikelihood, bgnbdPAlive, bgnbdPmf,
  bgnbdTotalLogLikelihood, fitBgNbd, type BgNbdParams,
} from '../../src/models/bgnbd';
import { groupSummaries } from '../../src/models/summary';
import { cdnowSummaryCsv } from './cdnow-csv';

/** Fader, Hardie & Lee (2005), CDNOW, weeks: the published (rounded) parameters. */
const PAPER: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** lifetimes' MLE on cdnow_customers_summary.csv (ORACLES.md). */
const MLE: BgNbdParams = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

describe('BG/NBD', () => {
  it('per-customer log-likelihood at (a=0.8, b=2.5, r=0.25, α=4, T=40) — overflow-safe (ORACLES, 1e-5)', () => {
    const p = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
    expect(Math.abs(bgnbdLogLikelihood(p, 0, 0, 40) - -0.59947382)).toBeLessThan(1e-5);
    expect(Math.abs(bgnbdLogLikelihood(p, 200, 38, 40) - 100.7957)).toBeLessThan(1e-5);
    // Γ(r + x) and (α + T)^(r + x) overflow a double long before x = 5000; the log form does not.
    expect(Number.isFinite(bgnbdLogLikelihood(p, 5000, 39.9, 40))).toBe(true);
    expect(Number.isFinite(bgnbdPAlive(p, 5000, 39.9, 40))).toBe(true);
    expect(Number.isFinite(bgnbdConditionalExpected(p, 39, 5000, 39.9, 40))).toBe(true);
  });

  it('P(X(39) = 0) at the paper parameters = 0.5737864 (1e-6)', () => {
    expect(Math.abs(bgnbdPmf(PAPER, 39, 0) - 0.5737864)).toBeLessThan(1e-6);
  });

  it('customer (x=2, t_x=30.43, T=38.86): E[Y(39)] = 1.226, P(alive) = 0.7266 (1e-3), paper and MLE parameters', () => {
    for (const p of [PAPER, MLE]) {
      expect(Math.abs(bgnbdConditionalExpected(p, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(1e-3);
      expect(Math.abs(bgnbdPAlive(p, 2, 30.43, 38.86) - 0.7266)).toBeLessThan(1e-3);
    }
  });

  it('lifetimes top customers: expected purchases next week (1e-4)', () => {
    expect(Math.abs(bgnbdConditionalExpected(MLE, 1, 26, 30.86, 31) - 0.710623)).toBeLessThan(1e-4);
    expect(Math.abs(bgnbdConditionalExpected(MLE, 1, 29, 37.71, 38) - 0.662396)).toBeLessThan(1e-4);
  });

  it('population E[X(t)] at t = 1, 3, 32, 78 weeks (MLE, 1e-3)', () => {
    const got = [1, 3, 32, 78].map((t) => bgnbdExpected(MLE, t));
    [0.0532, 0.1506, 1.0437, 1.8576].forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThan(1e-3));
  });

  it('is internally consistent: Σ P(X(t)=k) = 1, Σ k P(X(t)=k) = E[X(t)], E[Y(t)|0,0,0] = E[X(t)], P(alive | x=0) = 1', () => {
    for (const t of [0.5, 10, 39]) {
      let s = 0, m = 0;
      for (let k = 0; k < 400; k++) { const q = bgnbdPmf(PAPER, t, k); s += q; m += k * q; }
      expect(s).toBeCloseTo(1, 10);
      expect(m).toBeCloseTo(bgnbdExpected(PAPER, t), 6);
      expect(bgnbdConditionalExpected(PAPER, t, 0, 0, 0)).toBeCloseTo(bgnbdExpected(PAPER, t), 12);
    }
    expect(bgnbdPAlive(PAPER, 0, 0, 30)).toBe(1);
    expect(bgnbdConditionalExpected(PAPER, 0, 3, 10, 20)).toBe(0);
  });

  it('handles a = 1 (a removable 0/0 in E[X(t)]) continuously', () => {
    const at = (a: number) => bgnbdExpected({ ...PAPER, a }, 20);
    expect(at(1)).toBeCloseTo((at(1 + 1e-4) + at(1 - 1e-4)) / 2, 6);
  });

  it('fits lifetimes\' CDNOW summary to the published MLE (1e-4) and log-likelihood −9582.43 (0.1)', () => {
    const rows = groupSummaries(cdnowSummaryCsv());
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(2357);
    const fit = fitBgNbd(rows);
    expect(fit.report.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit.params[k] - MLE[k]), k).toBeLessThan(1e-4);
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThan(0.1);
    expect(fit.logLikelihood).toBeCloseTo(bgnbdTotalLogLikelihood(fit.params, rows), 9);
    expect(fit.standardErrors!.r).toBeGreaterThan(0);
    expect(fit.distinctRows).toBe(rows.length);
    // The expected histogram covers every customer.
    const h = bgnbdExpectedHistogram(fit.params, rows);
    expect(h.reduce((s, v) => s + v, 0)).toBeCloseTo(2357, 9);
  });
});
