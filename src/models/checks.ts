/**
 * Model checks from Fader, Hardie & Lee (2005): the calibration repeat-count histogram with a χ²
 * goodness-of-fit test (Fig. 3), mean holdout purchases by calibration frequency (Fig. 5),
 * cumulative repeat transactions over time (Fig. 4), and a P(alive) matrix over (frequency,
 * recency). Pure numbers: the caller passes the fitted model's functions.
 */
import { chiSquareSurvival } from './special';
import type { SpendRow, SummaryRow } from './summary';

export interface HistogramCell {
  /** '0' … '6', '7+' */
  label: string;
  actual: number;
  expected: number;
}

export interface ChiSquareResult {
  statistic: number;
  /** cells after pooling − 1 − fitted parameters */
  df: number;
  /** null when df ≤ 0 */
  pValue: number | null;
  /** Cells the statistic was computed on (adjacent cells pooled until every expected count ≥ minExpected). */
  cells: HistogramCell[];
}

/** Actual counts of customers with x = 0 … buckets−1 and ≥ buckets repeat purchases. */
export function repeatCountHistogram(rows: readonly SummaryRow[], buckets = 7): number[] {
  const out = new Array<number>(buckets + 1).fill(0);
  for (const r of rows) out[Math.min(r.x, buckets)] += r.n;
  return out;
}

export function histogramCells(actual: readonly number[], expected: readonly number[]): HistogramCell[] {
  if (actual.length !== expected.length) throw new RangeError('actual and expected histograms differ in length');
  const last = actual.length - 1;
  return actual.map((a, k) => ({ label: k === last ? `${k}+` : String(k), actual: a, expected: expected[k] }));
}

/**
 * Pearson χ² of actual vs expected counts. Cells with an expected count below `minExpected`
 * (default 5) are pooled with their neighbour (from the top down) first.
 */
export function chiSquareTest(cells: readonly HistogramCell[], fittedParams: number, minExpected = 5): ChiSquareResult {
  const pooled: HistogramCell[] = [];
  for (let i = cells.length - 1; i >= 0; i--) {
    const c = { ...cells[i] };
    const prev = pooled[0];
    if (prev && prev.expected < minExpected) {
      pooled[0] = { label: `${c.label}–${prev.label}`, actual: c.actual + prev.actual, expected: c.expected + prev.expected };
    } else {
      pooled.unshift(c);
    }
  }
  if (pooled.length > 1 && pooled[0].expected < minExpected) {
    const [a, b] = pooled.splice(0, 2);
    pooled.unshift({ label: `${a.label}–${b.label}`, actual: a.actual + b.actual, expected: a.expected + b.expected });
  }
  let statistic = 0;
  for (const c of pooled) if (c.expected > 0) statistic += (c.actual - c.expected) ** 2 / c.expected;
  const df = pooled.length - 1 - fittedParams;
  return { statistic, df, pValue: df > 0 ? chiSquareSurvival(statistic, df) : null, cells: pooled };
}

/** A grouped summary with the holdout purchases of its n customers summed. */
export interface HoldoutRow extends SummaryRow {
  holdout: number;
}

export interface HoldoutCell {
  /** calibration repeat purchases; the last row is `buckets` or more */
  frequency: number;
  label: string;
  customers: number;
  actualMean: number;
  predictedMean: number;
}

/**
 * Conditional expectations vs the holdout (the paper's Fig. 5): per calibration frequency, mean
 * actual holdout purchases and mean predicted E[Y(t*) | x, t_x, T] (`predict` is given t* already).
 */
export function calibrationHoldoutTable(rows: readonly HoldoutRow[], predict: (x: number, tx: number, T: number) => number, buckets = 7): HoldoutCell[] {
  const acc = Array.from({ length: buckets + 1 }, () => ({ n: 0, actual: 0, predicted: 0 }));
  for (const r of rows) {
    const a = acc[Math.min(r.x, buckets)];
    a.n += r.n;
    a.actual += r.holdout;
    a.predicted += r.n * predict(r.x, r.tx, r.T);
  }
  return acc.map((a, k) => ({
    frequency: k,
    label: k === buckets ? `${k}+` : String(k),
    customers: a.n,
    actualMean: a.n ? a.actual / a.n : 0,
    predictedMean: a.n ? a.predicted / a.n : 0,
  }));
}

export interface TrackingPoint {
  /** last day (offset from the first first-purchase day, inclusive) the point covers */
  endDay: number;
  /** time since the first first-purchase day at the end of that day, in the model's unit */
  t: number;
  actual: number;
  predicted: number;
}

/**
 * Cumulative repeat transactions of the cohort (the paper's Fig. 4). Day offsets count from the
 * earliest first purchase (day 0). At the end of day D a customer who first bought on day s has
 * been observed for (D − s) days, the same convention as T = calibration end − first purchase
 * day, so the predicted value is Σ_cohorts n_s E[X((D − s) / daysPerUnit)]. Points every
 * `stepDays` days (D = k·stepDays − 1), the last one at `lastDay`.
 */
export function cumulativeTracking(input: {
  firstDays: readonly { day: number; n: number }[];
  repeatDays: readonly { day: number; purchases: number }[];
  lastDay: number;
  stepDays: number;
  daysPerUnit: number;
  expected: (t: number) => number;
}): TrackingPoint[] {
  const { firstDays, repeatDays, lastDay, stepDays, daysPerUnit, expected } = input;
  const ends: number[] = [];
  for (let k = 1; k * stepDays - 1 < lastDay; k++) ends.push(k * stepDays - 1);
  ends.push(lastDay);
  const sortedRepeats = [...repeatDays].sort((p, q) => p.day - q.day);
  const out: TrackingPoint[] = [];
  let i = 0;
  let actual = 0;
  for (const D of ends) {
    while (i < sortedRepeats.length && sortedRepeats[i].day <= D) actual += sortedRepeats[i++].purchases;
    let predicted = 0;
    for (const c of firstDays) if (c.day < D) predicted += c.n * expected((D - c.day) / daysPerUnit);
    out.push({ endDay: D, t: (D + 1) / daysPerUnit, actual, predicted });
  }
  return out;
}

export interface PAliveMatrix {
  /** customer age T the matrix is drawn for, in the model's unit */
  T: number;
  frequencies: number[];
  /** recency values t_x (columns), in the model's unit */
  recencies: number[];
  /** values[i][j] = P(alive | x = frequencies[i], t_x = recencies[j], T); x = 0 rows use t_x = 0 */
  values: number[][];
}

/** P(alive) over a (frequency × recency) grid at one age T (lifetimes' probability-alive matrix). */
export function pAliveMatrix(pAlive: (x: number, tx: number, T: number) => number, T: number, maxFrequency: number, recencySteps = 20): PAliveMatrix {
  const frequencies = Array.from({ length: maxFrequency + 1 }, (_, i) => i);
  const recencies = Array.from({ length: recencySteps + 1 }, (_, j) => (T * j) / recencySteps);
  const values = frequencies.map((x) => recencies.map((tx) => pAlive(x, x === 0 ? 0 : tx, T)));
  return { T, frequencies, recencies, values };
}

/** Pearson correlation between repeat frequency x and mean repeat spend z̄ (Gamma-Gamma assumes ~0). */
export function spendFrequencyCorrelation(rows: readonly SpendRow[]): number | null {
  let n = 0, sx = 0, sz = 0;
  for (const r of rows) { n += r.n; sx += r.n * r.x; sz += r.n * r.zbar; }
  if (n < 2) return null;
  const mx = sx / n, mz = sz / n;
  let cxz = 0, cxx = 0, czz = 0;
  for (const r of rows) {
    cxz += r.n * (r.x - mx) * (r.zbar - mz);
    cxx += r.n * (r.x - mx) ** 2;
    czz += r.n * (r.zbar - mz) ** 2;
  }
  return cxx > 0 && czz > 0 ? cxz / Math.sqrt(cxx * czz) : null;
}
