/**
 * Distribution of predicted CLV over every scored customer: quantiles (type 7: linear
 * interpolation between order statistics, numpy's default), an equal-width histogram from 0 to
 * the 99th percentile with an overflow count, and the indexes of the highest values. Pure numbers.
 */

export interface ValueDistribution {
  /** values that are numbers (NaN = missing) */
  customers: number;
  missing: number;
  quantiles: { p10: number; p25: number; p50: number; p75: number; p90: number; p99: number; max: number; mean: number };
  histogram: { edges: number[]; counts: number[]; overflow: number };
}

/** Type-7 quantile of ascending `sorted` (non-empty). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Quantiles and histogram of `values` (NaN entries are counted as missing). Bin k holds
 * edges[k] ≤ v < edges[k+1], the last bin also v = p99 (values below 0 go to bin 0); `overflow`
 * counts v > p99. With no values at all, null.
 */
export function valueDistribution(values: ArrayLike<number>, bins = 30): ValueDistribution | null {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const sorted = new Float64Array(values.length);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) { sorted[n++] = v; sum += v; }
  }
  if (n === 0) return null;
  const s = sorted.subarray(0, n).sort();
  const q = (p: number) => quantileSorted(s, p);
  const p99 = q(0.99);
  const width = p99 / bins;
  const counts = new Array<number>(bins).fill(0);
  let overflow = 0;
  for (let i = 0; i < n; i++) {
    const v = s[i];
    if (v > p99) overflow++;
    else counts[width > 0 ? Math.max(0, Math.min(bins - 1, Math.floor(v / width))) : 0]++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, k) => (k === bins ? p99 : k * width));
  return {
    customers: n,
    missing: values.length - n,
    quantiles: { p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9), p99, max: s[n - 1], mean: sum / n },
    histogram: { edges, counts, overflow },
  };
}

/** Indexes of the `k` largest values (NaN skipped), largest first; ties by index (ascending). */
export function topIndexes(values: ArrayLike<number>, k: number): number[] {
  if (k <= 0) return [];
  // A bounded min-heap of (value, index): the root is the weakest kept entry.
  const hv = new Float64Array(k), hi = new Int32Array(k);
  let size = 0;
  // a is weaker than b: smaller value, or equal value and larger index.
  const weaker = (va: number, ia: number, vb: number, ib: number) => va < vb || (va === vb && ia > ib);
  const down = (p: number) => {
    for (;;) {
      const l = 2 * p + 1, r = l + 1;
      let m = p;
      if (l < size && weaker(hv[l], hi[l], hv[m], hi[m])) m = l;
      if (r < size && weaker(hv[r], hi[r], hv[m], hi[m])) m = r;
      if (m === p) return;
      const tv = hv[p], ti = hi[p];
      hv[p] = hv[m]; hi[p] = hi[m]; hv[m] = tv; hi[m] = ti;
      p = m;
    }
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (size < k) {
      let c = size++;
      hv[c] = v; hi[c] = i;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!weaker(hv[c], hi[c], hv[p], hi[p])) break;
        const tv = hv[p], ti = hi[p];
        hv[p] = hv[c]; hi[p] = hi[c]; hv[c] = tv; hi[c] = ti;
        c = p;
      }
    } else if (weaker(hv[0], hi[0], v, i)) {
      hv[0] = v; hi[0] = i;
      down(0);
    }
  }
  const out = Array.from({ length: size }, (_, j) => j);
  out.sort((a, b) => hv[b] - hv[a] || hi[a] - hi[b]);
  return out.map((j) => hi[j]);
}
