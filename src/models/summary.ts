/**
 * Per-customer summaries the models are fitted on. Customers with the same (x, t_x, T) contribute
 * the same likelihood term, so fits run over distinct summaries weighted by their count `n`: the
 * cost grows with the number of distinct (x, t_x, T), not with the number of customers.
 */

/**
 * One summary (or `n` identical ones). Times are in the caller's unit (days or weeks), measured
 * from the customer's first purchase.
 * - x: repeat purchases (purchase periods after the first)
 * - tx: recency t_x, time of the last purchase (0 when x = 0)
 * - T: age, time from the first purchase to the end of the calibration period
 */
export interface SummaryRow {
  x: number;
  tx: number;
  T: number;
  /** Customers with exactly this summary (default 1 when grouping). */
  n: number;
}

/** Column form of a list of summaries, for tight likelihood loops. */
export interface SummaryTable {
  readonly length: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly n: Float64Array;
  /** Σ n */
  readonly customers: number;
  /** Σ n over rows with x > 0 */
  readonly repeatBuyers: number;
}

/** Throws RangeError unless 0 ≤ t_x ≤ T, x a non-negative integer, t_x = 0 when x = 0, n > 0. */
export function checkSummary(r: { x: number; tx: number; T: number; n?: number }): void {
  const ok = Number.isInteger(r.x) && r.x >= 0 && Number.isFinite(r.tx) && Number.isFinite(r.T) && r.tx >= 0 && r.T >= r.tx
    && (r.x > 0 || r.tx === 0) && (r.n === undefined || (Number.isFinite(r.n) && r.n > 0));
  if (!ok) throw new RangeError(`invalid customer summary (x=${r.x}, t_x=${r.tx}, T=${r.T}, n=${r.n}): need integer x ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0, n > 0`);
}

/** Merges identical (x, t_x, T) into one row with the summed count. Order: by x, t_x, T. */
export function groupSummaries(rows: Iterable<{ x: number; tx: number; T: number; n?: number }>): SummaryRow[] {
  const map = new Map<string, SummaryRow>();
  for (const r of rows) {
    checkSummary(r);
    const key = `${r.x}|${r.tx}|${r.T}`;
    const hit = map.get(key);
    if (hit) hit.n += r.n ?? 1;
    else map.set(key, { x: r.x, tx: r.tx, T: r.T, n: r.n ?? 1 });
  }
  return [...map.values()].sort((p, q) => p.x - q.x || p.tx - q.tx || p.T - q.T);
}

/** Column form (validates every row). */
export function summaryTable(rows: readonly SummaryRow[]): SummaryTable {
  const len = rows.length;
  const x = new Float64Array(len), tx = new Float64Array(len), T = new Float64Array(len), n = new Float64Array(len);
  let customers = 0, repeatBuyers = 0;
  rows.forEach((r, i) => {
    checkSummary(r);
    x[i] = r.x; tx[i] = r.tx; T[i] = r.T; n[i] = r.n;
    customers += r.n;
    if (r.x > 0) repeatBuyers += r.n;
  });
  return { length: len, x, tx, T, n, customers, repeatBuyers };
}

/** Spend summary of a repeat buyer for Gamma-Gamma: x repeat purchases with mean value zbar (n identical). */
export interface SpendRow {
  x: number;
  zbar: number;
  n: number;
}

/** Distinct values of a column and, per row, the position of its value among them. */
export interface ValueIndex {
  unique: Float64Array;
  index: Int32Array;
}

/**
 * Indexes a column by its distinct values, so per-evaluation work that depends on one value
 * (ln(α + T), a 2F1 term at (x, t)) is done once per distinct value instead of once per row.
 */
export function indexValues(values: ArrayLike<number>): ValueIndex {
  const pos = new Map<number, number>();
  const unique: number[] = [];
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let k = pos.get(v);
    if (k === undefined) { k = unique.length; unique.push(v); pos.set(v, k); }
    index[i] = k;
  }
  return { unique: Float64Array.from(unique), index };
}

/** Distinct (x, t) pairs and, per row, the position of its pair. */
export interface PairIndex {
  x: Float64Array;
  t: Float64Array;
  index: Int32Array;
}

export function indexPairs(xs: ArrayLike<number>, ts: ArrayLike<number>): PairIndex {
  const pos = new Map<string, number>();
  const ux: number[] = [], ut: number[] = [];
  const index = new Int32Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const key = `${xs[i]}|${ts[i]}`;
    let k = pos.get(key);
    if (k === undefined) { k = ux.length; ux.push(xs[i]); ut.push(ts[i]); pos.set(key, k); }
    index[i] = k;
  }
  return { x: Float64Array.from(ux), t: Float64Array.from(ut), index };
}
