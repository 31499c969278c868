import { describe, expect, it } from 'vitest';
import {
  calibrationHoldoutTable, chiSquareTest, cumulativeTracking, histogramCells, pAliveMatrix, repeatCountHistogram, spendFrequencyCorrelation,
} from '../../src/models/checks';

describe('model checks', () => {
  it('repeat-count histogram with a top bucket', () => {
    const rows = [{ x: 0, tx: 0, T: 5, n: 10 }, { x: 1, tx: 1, T: 5, n: 4 }, { x: 9, tx: 4, T: 5, n: 2 }, { x: 3, tx: 4, T: 5, n: 1 }];
    expect(repeatCountHistogram(rows, 3)).toEqual([10, 4, 0, 3]);
    expect(histogramCells([1, 2, 3], [1.5, 2, 2.5]).map((c) => c.label)).toEqual(['0', '1', '2+']);
  });

  it('χ² pools cells with expected < 5 and counts degrees of freedom after the fitted parameters', () => {
    const cells = histogramCells([50, 30, 10, 4, 2, 4], [48, 31, 12, 5, 1.5, 2.5]);
    const r = chiSquareTest(cells, 2);
    // 5+ (2.5) pools with 4 → 4 (still < 5) pools with 3 → 9.
    expect(r.cells.map((c) => c.label)).toEqual(['0', '1', '2', '3–4–5+']);
    expect(r.cells[3]).toMatchObject({ actual: 10, expected: 9 });
    expect(r.df).toBe(4 - 1 - 2);
    const stat = (50 - 48) ** 2 / 48 + 1 / 31 + 4 / 12 + 1 / 9;
    expect(r.statistic).toBeCloseTo(stat, 12);
    expect(r.pValue).toBeGreaterThan(0);
    expect(chiSquareTest(histogramCells([5, 5], [5, 5]), 4).pValue).toBeNull();
  });

  it('holdout table: actual and predicted means by calibration frequency', () => {
    const rows = [
      { x: 0, tx: 0, T: 10, n: 4, holdout: 2 },
      { x: 1, tx: 5, T: 10, n: 2, holdout: 3 },
      { x: 5, tx: 9, T: 10, n: 1, holdout: 4 },
    ];
    const t = calibrationHoldoutTable(rows, (x) => x / 2, 2);
    expect(t).toEqual([
      { frequency: 0, label: '0', customers: 4, actualMean: 0.5, predictedMean: 0 },
      { frequency: 1, label: '1', customers: 2, actualMean: 1.5, predictedMean: 0.5 },
      { frequency: 2, label: '2+', customers: 1, actualMean: 4, predictedMean: 2.5 },
    ]);
  });

  it('cumulative tracking: ages measured like T (end of day D − first day), points every step, last at lastDay', () => {
    const pts = cumulativeTracking({
      firstDays: [{ day: 0, n: 2 }, { day: 3, n: 1 }],
      repeatDays: [{ day: 5, purchases: 1 }, { day: 9, purchases: 2 }],
      lastDay: 10, stepDays: 7, daysPerUnit: 7, expected: (t) => t,
    });
    expect(pts).toEqual([
      { endDay: 6, t: 1, actual: 1, predicted: 2 * (6 / 7) + 3 / 7 },
      { endDay: 10, t: 11 / 7, actual: 3, predicted: 2 * (10 / 7) + 7 / 7 },
    ]);
  });

  it('P(alive) matrix over (frequency, recency); x = 0 uses t_x = 0', () => {
    const m = pAliveMatrix((x, tx, T) => (x === 0 ? 1 : tx / T), 10, 2, 4);
    expect(m.frequencies).toEqual([0, 1, 2]);
    expect(m.recencies).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(m.values[0]).toEqual([1, 1, 1, 1, 1]);
    expect(m.values[2]).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('spend–frequency correlation (weighted Pearson)', () => {
    expect(spendFrequencyCorrelation([{ x: 1, zbar: 10, n: 1 }, { x: 2, zbar: 20, n: 2 }, { x: 3, zbar: 30, n: 1 }])).toBeCloseTo(1, 12);
    expect(spendFrequencyCorrelation([{ x: 1, zbar: 10, n: 1 }])).toBeNull();
  });
});
