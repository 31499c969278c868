import { describe, expect, it } from 'vitest';
import {
  fitGammaGamma, gammaGammaExpectedSpend, gammaGammaLogLikelihood, gammaGammaPopulationMean,
} from '../../src/models/gamma-gamma';
import { NonPositiveSpend } from '../../src/models/refusals';
import { cdnowSummaryCsv } from './cdnow-csv';

describe('Gamma-Gamma', () => {
  const csv = cdnowSummaryCsv();
  const repeat = csv.filter((c) => c.x > 0).map((c) => ({ x: c.x, zbar: c.zbar, n: 1 }));

  it('fits lifetimes\' 946 CDNOW repeat buyers (z̄ rounded to cents) to its MLE 6.248811, 3.744586, 15.447712 (1e-3); LL −4055.92 (0.1)', () => {
    // The published 6.25, 3.74, 15.44 come from unrounded spend (see test/analyses/clv-cdnow.test.ts);
    // with z̄ rounded to cents the MLE moves to γ = 15.4477, which lifetimes prints as 15.45.
    expect(repeat.length).toBe(946);
    const fit = fitGammaGamma(repeat);
    expect(fit.report.converged).toBe(true);
    expect(Math.abs(fit.params.p - 6.248811)).toBeLessThan(1e-3);
    expect(Math.abs(fit.params.q - 3.744586)).toBeLessThan(1e-3);
    expect(Math.abs(fit.params.gamma - 15.447712)).toBeLessThan(1e-3);
    expect(Math.abs(fit.logLikelihood - -4055.92)).toBeLessThan(0.1);
  });

  it('expected spend of sample ids 1..10 at the published MLE (0.1)', () => {
    const mle = { p: 6.248811, q: 3.744586, gamma: 15.447712 };
    const want = [24.66, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    const got = csv.slice(0, 10).map((c) => gammaGammaExpectedSpend(mle, c.x, c.zbar)!);
    got.forEach((v, i) => expect(Math.abs(v - want[i]), `id ${i + 1}`).toBeLessThan(0.1));
    expect(gammaGammaExpectedSpend(mle, 0, 0)).toBe(gammaGammaPopulationMean(mle));
  });

  it('density integrates to 1 over z̄', () => {
    const g = { p: 6, q: 12, gamma: 60 };
    let s = 0;
    const h = 0.01;
    for (let z = h / 2; z < 400; z += h) s += Math.exp(gammaGammaLogLikelihood(g, 3, z)) * h;
    expect(s).toBeCloseTo(1, 5);
  });

  it('has no population mean when q ≤ 1', () => {
    expect(gammaGammaPopulationMean({ p: 2, q: 0.8, gamma: 10 })).toBeNull();
    expect(gammaGammaExpectedSpend({ p: 2, q: 0.8, gamma: 10 }, 0, 0)).toBeNull();
  });

  it('refuses zero or negative mean spend with a typed error', () => {
    const bad = [...repeat, { x: 2, zbar: 0, n: 3 }, { x: 1, zbar: -5, n: 1 }];
    expect(() => fitGammaGamma(bad)).toThrow(NonPositiveSpend);
    try { fitGammaGamma(bad); } catch (e) {
      expect((e as NonPositiveSpend).customers).toBe(4);
      expect((e as Error).message).toMatch(/4 repeat buyers have a mean repeat spend ≤ 0/);
    }
    expect(() => fitGammaGamma([{ x: 0, zbar: 10, n: 1 }])).toThrow(RangeError);
  });
});
