import { describe, expect, it } from 'vitest';
import {
  fitParetoNbd, paretoNbdConditionalExpected, paretoNbdExpected, paretoNbdLogLikelihood, paretoNbdPAlive, type ParetoNbdParams,
} from '../../src/models/pareto-nbd';
import { groupSummaries } from '../../src/models/summary';
import { cdnowSummaryCsv } from './cdnow-csv';

// [params, [x, t_x, T], ln L, P(alive)] from the MATLAB-note formulas evaluated with mpmath (40 digits).
const A: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const B: ParetoNbdParams = { r: 0.553, alpha: 11.669, s: 0.606, beta: 10.578 };
const C: ParetoNbdParams = { r: 0.5, alpha: 10, s: 1, beta: 10 };
const REF: [ParetoNbdParams, [number, number, number], number, number][] = [
  [A, [0, 0, 38.86], -0.52104629408089037, 0.29528660461689416],
  [A, [2, 30.43, 38.86], -9.5542832451504057, 0.8691675591530112],
  [A, [200, 38, 40], 76.302609214299576, 0.092111844878019436],
  [B, [0, 0, 38.86], -0.47993457824686042, 0.28224885617018577],
  [B, [2, 30.43, 38.86], -9.5993996751171258, 0.86692342951477011],
  [B, [200, 38, 40], 71.913225839429184, 0.10355032055178777],
  [C, [26, 30.86, 31.0], -39.610292945536966, 0.99642630452334902],
];

describe('Pareto/NBD', () => {
  it('log-likelihood and P(alive) match high-precision values in both 2F1 branches (α ≥ β and α < β)', () => {
    for (const [p, [x, tx, T], ll, pa] of REF) {
      expect(Math.abs(paretoNbdLogLikelihood(p, x, tx, T) - ll)).toBeLessThan(1e-10);
      expect(Math.abs(paretoNbdPAlive(p, x, tx, T) - pa)).toBeLessThan(1e-12);
    }
  });

  it('is continuous across α = β and finite for very large x', () => {
    const eq = { r: 0.5, alpha: 10, s: 0.7, beta: 10 };
    const ll = paretoNbdLogLikelihood(eq, 3, 20, 38);
    expect(paretoNbdLogLikelihood({ ...eq, alpha: 10 + 1e-9 }, 3, 20, 38)).toBeCloseTo(ll, 7);
    expect(paretoNbdLogLikelihood({ ...eq, alpha: 10 - 1e-9 }, 3, 20, 38)).toBeCloseTo(ll, 7);
    for (const p of [A, B]) {
      expect(Number.isFinite(paretoNbdLogLikelihood(p, 5000, 30, 40))).toBe(true);
      expect(Number.isFinite(paretoNbdPAlive(p, 5000, 30, 40))).toBe(true);
    }
  });

  it('conditional expectation: new customer = E[X(t)], continuous at s = 1, 0 at t = 0', () => {
    expect(paretoNbdConditionalExpected(A, 10, 0, 0, 0)).toBeCloseTo(paretoNbdExpected(A, 10), 12);
    const at = (s: number) => paretoNbdConditionalExpected({ ...A, s }, 39, 2, 30.43, 38.86);
    expect(at(1)).toBeCloseTo((at(1 + 1e-6) + at(1 - 1e-6)) / 2, 6);
    expect(paretoNbdConditionalExpected(A, 0, 2, 30.43, 38.86)).toBe(0);
    expect(paretoNbdPAlive(A, 3, 20, 20)).toBe(1);
  });

  it('fits lifetimes\' CDNOW summary: r, α, s, β = 0.553, 10.578, 0.606, 11.669 (2 decimals); LL −9594.97 (0.1)', () => {
    const fit = fitParetoNbd(groupSummaries(cdnowSummaryCsv()));
    expect(fit.report.converged).toBe(true);
    const want = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expect(Math.abs(fit.params[k] - want[k]), k).toBeLessThan(0.005);
    expect(Math.abs(fit.logLikelihood - -9594.97)).toBeLessThan(0.1);
  });
});
