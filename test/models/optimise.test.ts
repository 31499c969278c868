import { describe, expect, it } from 'vitest';
import { fitOnLogScale, invertSpd, minimise, numericHessian } from '../../src/models/optimise';

describe('optimiser', () => {
  it('minimises the Rosenbrock function', () => {
    const r = minimise((v) => 100 * (v[1] - v[0] ** 2) ** 2 + (1 - v[0]) ** 2, [-1.2, 1], { gradientTolerance: 1e-4 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.iterations).toBeGreaterThan(0);
  });

  it('reports non-convergence when the budget runs out', () => {
    const r = minimise((v) => 100 * (v[1] - v[0] ** 2) ** 2 + (1 - v[0]) ** 2, [-1.2, 1], { maxEvaluations: 30 });
    expect(r.converged).toBe(false);
    expect(r.message).toMatch(/budget/);
  });

  it('fits positive parameters on the log scale with delta-method standard errors', () => {
    // Exponential sample with known MLE: rate = n / Σx, SE = rate / sqrt(n).
    const xs = [0.5, 1.2, 0.3, 2.2, 0.9, 1.7, 0.4, 0.8];
    const n = xs.length, sum = xs.reduce((s, v) => s + v, 0);
    const fit = fitOnLogScale(([rate]) => -(n * Math.log(rate) - rate * sum), [1]);
    expect(fit.optimiser.converged).toBe(true);
    expect(fit.params[0]).toBeCloseTo(n / sum, 7);
    expect(fit.standardErrors![0]).toBeCloseTo(n / sum / Math.sqrt(n), 4);
  });

  it('inverts positive-definite matrices and rejects the others', () => {
    const inv = invertSpd([[4, 2], [2, 3]])!;
    expect(inv[0][0]).toBeCloseTo(3 / 8, 14);
    expect(inv[0][1]).toBeCloseTo(-2 / 8, 14);
    expect(inv[1][1]).toBeCloseTo(4 / 8, 14);
    expect(invertSpd([[1, 2], [2, 1]])).toBeNull();
    const H = numericHessian((v) => v[0] ** 2 + 3 * v[0] * v[1] + 5 * v[1] ** 2, [0.3, -0.2]);
    expect(H[0][0]).toBeCloseTo(2, 5);
    expect(H[0][1]).toBeCloseTo(3, 5);
    expect(H[1][1]).toBeCloseTo(10, 5);
  });
});
