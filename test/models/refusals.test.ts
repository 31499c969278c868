import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../src/models/bgnbd';
import { fitParetoNbd } from '../../src/models/pareto-nbd';
import { fitGammaGamma } from '../../src/models/gamma-gamma';
import { NotConverged, TooFewCustomers, TooFewRepeatBuyers, isModelRefusal } from '../../src/models/refusals';
import { checkSummary, groupSummaries } from '../../src/models/summary';

/** n customers of whom `repeaters` bought again (deterministic spread of recency and age). */
function population(n: number, repeaters: number) {
  return Array.from({ length: n }, (_, i) => {
    const T = 20 + (i % 17);
    return i < repeaters ? { x: 1 + (i % 4), tx: (T * ((i % 9) + 1)) / 10, T } : { x: 0, tx: 0, T };
  });
}

describe('refusals', () => {
  it('too few customers', () => {
    const rows = groupSummaries(population(49, 30));
    for (const fit of [fitBgNbd, fitParetoNbd]) {
      expect(() => fit(rows)).toThrow(TooFewCustomers);
      try { fit(rows); } catch (e) {
        expect(isModelRefusal(e)).toBe(true);
        expect(e).toMatchObject({ code: 'too-few-customers', got: 49, needed: 50 });
        expect((e as Error).message).toMatch(/49 customers in the calibration period; a fit needs at least 50/);
      }
    }
  });

  it('too few repeat buyers', () => {
    const rows = groupSummaries(population(500, 19));
    expect(() => fitBgNbd(rows)).toThrow(TooFewRepeatBuyers);
    try { fitBgNbd(rows); } catch (e) {
      expect(e).toMatchObject({ code: 'too-few-repeat-buyers', got: 19, needed: 20, model: 'BG/NBD' });
      expect((e as Error).message).toMatch(/19 repeat buyers/);
    }
    expect(() => fitGammaGamma(Array.from({ length: 19 }, () => ({ x: 1, zbar: 10, n: 1 })))).toThrow(TooFewRepeatBuyers);
    // The thresholds are options.
    expect(() => fitBgNbd(rows, { minRepeatBuyers: 10 })).not.toThrow(TooFewRepeatBuyers);
  });

  it('non-convergence is a refusal, not a silent answer', () => {
    const rows = groupSummaries(population(500, 200));
    expect(() => fitBgNbd(rows, { maxEvaluations: 40 })).toThrow(NotConverged);
    try { fitBgNbd(rows, { maxEvaluations: 40 }); } catch (e) {
      expect(e).toMatchObject({ code: 'not-converged', model: 'BG/NBD' });
      expect((e as Error).message).toMatch(/did not converge .*budget/);
    }
    // requireConvergence: false returns the fit with its report instead.
    const fit = fitBgNbd(rows, { maxEvaluations: 40, requireConvergence: false });
    expect(fit.report.converged).toBe(false);
  });

  it('rejects impossible summaries', () => {
    expect(() => checkSummary({ x: 1, tx: 5, T: 4 })).toThrow(RangeError);
    expect(() => checkSummary({ x: 0, tx: 1, T: 4 })).toThrow(RangeError);
    expect(() => checkSummary({ x: 1.5, tx: 1, T: 4 })).toThrow(RangeError);
    expect(groupSummaries([{ x: 1, tx: 1, T: 4 }, { x: 1, tx: 1, T: 4, n: 2 }, { x: 0, tx: 0, T: 4 }]))
      .toEqual([{ x: 0, tx: 0, T: 4, n: 1 }, { x: 1, tx: 1, T: 4, n: 3 }]);
  });
});
