/**
 * Special functions for the customer-base models: log-gamma, log-beta, log-sum-exp and the Gauss
 * hypergeometric function 2F1 with explicit convergence control. Pure numbers: no I/O, no DOM, no
 * Node APIs, so this runs in a Web Worker as well as in Node.
 */

/** Thrown when a series does not converge within its term budget (or leaves the finite numbers). */
export class SeriesNotConverged extends Error {
  constructor(readonly what: string, readonly terms: number) {
    super(`${what} did not converge within ${terms} terms`);
    this.name = 'SeriesNotConverged';
  }
}

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes 3rd ed. / Godfrey): |relative error| < 2e-15 for x > 0.5.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.91893853320467274178;

/** ln |Γ(x)|. Infinity at the poles x = 0, −1, −2, … */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx)
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  if (x === 1 || x === 2) return 0;
  const y = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) s += LANCZOS[i] / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Sign of Γ(x): +1 for x > 0; alternates between the poles for x < 0; 0 at a pole (1/Γ = 0). */
export function gammaSign(x: number): -1 | 0 | 1 {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) for a, b > 0. */
export function lbeta(a: number, b: number): number {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}

/** ln(e^a + e^b) without overflow; −Infinity + −Infinity = −Infinity. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** ln(e^a − e^b) for a ≥ b; −Infinity when a = b. NaN when b > a (a negative difference). */
export function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (b > a) return NaN;
  if (a === b) return -Infinity;
  const d = b - a;
  // ln(1 − e^d) accurately for every d < 0 (Mächler's log1mexp).
  return a + (d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
}

/** ln Σ e^{v_i}; −Infinity for an empty list. */
export function logSumExp(values: readonly number[]): number {
  let m = -Infinity;
  for (const v of values) if (v > m) m = v;
  if (m === -Infinity || m === Infinity) return m;
  let s = 0;
  for (const v of values) s += Math.exp(v - m);
  return m + Math.log(s);
}

export interface Hyp2f1Options {
  /** Relative accuracy aimed at (default 1e-15). */
  tolerance?: number;
  /** Term budget of one series (default 1,000,000). */
  maxTerms?: number;
}

export interface Hyp2f1Detail {
  value: number;
  /** Series terms summed (over all series used). */
  terms: number;
  method: 'series' | 'pfaff' | 'one-minus-z' | 'gauss' | 'polynomial';
}

/**
 * Plain power series Σ (a)_n (b)_n / ((c)_n n!) zⁿ. Stops when the next terms cannot change the sum
 * by more than `tolerance` relative: the tail after term n is bounded by |tₙ| q / (1 − q), q the
 * larger of the current term ratio and |z| (the ratios tend to |z| monotonically for large n).
 */
function series(a: number, b: number, c: number, z: number, tolerance: number, maxTerms: number): { sum: number; terms: number } {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    if (term === 0) return { sum, terms: n + 1 };
    if (!Number.isFinite(sum)) break;
    if (Math.abs(term) <= tolerance * Math.abs(sum)) {
      const next = Math.abs(((a + n + 1) * (b + n + 1)) / ((c + n + 1) * (n + 2)) * z);
      const q = Math.max(next, Math.abs(z));
      if (q < 1 && (Math.abs(term) * q) / (1 - q) <= tolerance * Math.abs(sum)) return { sum, terms: n + 1 };
    }
  }
  throw new SeriesNotConverged(`2F1(${a}, ${b}; ${c}; ${z}) series`, maxTerms);
}

/** Γ(p1)Γ(p2) / (Γ(q1)Γ(q2)) with signs, through log-gamma (no overflow for large arguments). */
function gammaRatio(p1: number, p2: number, q1: number, q2: number): number {
  const sq = gammaSign(q1) * gammaSign(q2);
  if (sq === 0) return 0; // 1/Γ at a pole is 0
  const sp = gammaSign(p1) * gammaSign(p2);
  if (sp === 0) return NaN;
  return sp * sq * Math.exp(lgamma(p1) + lgamma(p2) - lgamma(q1) - lgamma(q2));
}

/** Gauss hypergeometric function 2F1(a, b; c; z) for real z ≤ 1, with the method used. */
export function hyp2f1Detail(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): Hyp2f1Detail {
  const tolerance = options.tolerance ?? 1e-15;
  const maxTerms = options.maxTerms ?? 1_000_000;
  if (![a, b, c, z].every(Number.isFinite)) throw new RangeError(`2F1 needs finite arguments, got (${a}, ${b}; ${c}; ${z})`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`2F1 is undefined for c = ${c} (a non-positive integer)`);
  if (z > 1) throw new RangeError(`2F1 is only implemented for z ≤ 1, got ${z}`);
  if (z === 0 || a === 0 || b === 0) return { value: 1, terms: 0, method: 'series' };
  // A non-positive integer a or b makes the series a polynomial: sum it whatever z is.
  if ((a < 0 && Number.isInteger(a)) || (b < 0 && Number.isInteger(b))) {
    const r = series(a, b, c, z, tolerance, Math.ceil(Math.max(-a, -b)) + 2);
    return { value: r.sum, terms: r.terms, method: 'polynomial' };
  }
  const cab = c - a - b;
  if (z === 1) {
    if (cab <= 0) throw new RangeError(`2F1(${a}, ${b}; ${c}; 1) diverges (c − a − b = ${cab} ≤ 0)`);
    return { value: gammaRatio(c, cab, c - a, c - b), terms: 0, method: 'gauss' };
  }
  if (z < -0.5) {
    // Pfaff: 2F1(a, b; c; z) = (1 − z)^(−b) 2F1(b, c − a; c; z / (z − 1)), with z / (z − 1) in (1/3, 1).
    const w = z / (z - 1);
    const inner = hyp2f1Detail(b, c - a, c, w, options);
    return { value: Math.pow(1 - z, -b) * inner.value, terms: inner.terms, method: 'pfaff' };
  }
  const nearInteger = Math.abs(cab - Math.round(cab)) < 1e-9;
  if (z > 0.75 && !nearInteger) {
    // Abramowitz & Stegun 15.3.6: two series in 1 − z, which is small here.
    const w = 1 - z;
    const s1 = series(a, b, 1 - cab, w, tolerance, maxTerms);
    const s2 = series(c - a, c - b, 1 + cab, w, tolerance, maxTerms);
    const value = gammaRatio(c, cab, c - a, c - b) * s1.sum + Math.pow(w, cab) * gammaRatio(c, -cab, a, b) * s2.sum;
    if (!Number.isFinite(value)) throw new SeriesNotConverged(`2F1(${a}, ${b}; ${c}; ${z}) via 1 − z`, s1.terms + s2.terms);
    return { value, terms: s1.terms + s2.terms, method: 'one-minus-z' };
  }
  // |z| ≤ 0.75, or c − a − b an integer (log-singular case): the direct series (slow only as z → 1).
  const r = series(a, b, c, z, tolerance, maxTerms);
  return { value: r.sum, terms: r.terms, method: 'series' };
}

/** Gauss hypergeometric function 2F1(a, b; c; z), real z ≤ 1. Throws SeriesNotConverged or RangeError. */
export function hyp2f1(a: number, b: number, c: number, z: number, options?: Hyp2f1Options): number {
  return hyp2f1Detail(a, b, c, z, options).value;
}

/**
 * Regularised upper incomplete gamma Q(s, x) = Γ(s, x) / Γ(s) (Numerical Recipes: series for
 * x < s + 1, continued fraction otherwise). Used for χ² p-values: P(χ²_k > x) = Q(k/2, x/2).
 */
export function gammaQ(s: number, x: number): number {
  if (!(s > 0) || !(x >= 0)) throw new RangeError(`gammaQ needs s > 0 and x ≥ 0, got (${s}, ${x})`);
  if (x === 0) return 1;
  const lnPre = -x + s * Math.log(x) - lgamma(s);
  if (x < s + 1) {
    let ap = s;
    let del = 1 / s;
    let sum = del;
    for (let n = 0; n < 10_000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) return Math.max(0, 1 - sum * Math.exp(lnPre));
    }
    throw new SeriesNotConverged('incomplete gamma series', 10_000);
  }
  // Lentz's continued fraction.
  const tiny = 1e-300;
  let b = x + 1 - s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) return Math.exp(lnPre) * h;
  }
  throw new SeriesNotConverged('incomplete gamma continued fraction', 10_000);
}

/** P(χ²_df > statistic). */
export function chiSquareSurvival(statistic: number, df: number): number {
  if (df <= 0) return NaN;
  return gammaQ(df / 2, Math.max(0, statistic) / 2);
}
