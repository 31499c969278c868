/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way: an alternative to the
 * Pareto/NBD model", Marketing Science 24(2) 275–284). While alive a customer buys as a Poisson
 * process with rate λ ~ Gamma(r, α); after every purchase she drops out with probability
 * p ~ Beta(a, b). Equation numbers below are the paper's. Times are in one unit (days or weeks):
 * α is a rate scale in that unit, so parameters fitted in weeks are not valid for days.
 */
import { fitNamed, type FitOptions, type ModelFit } from './fit';
import { hyp2f1, lbeta, lgamma, logAddExp } from './special';
import { MIN_CUSTOMERS, MIN_REPEAT_BUYERS, TooFewCustomers, TooFewRepeatBuyers } from './refusals';
import { indexValues, summaryTable, type SummaryRow } from './summary';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

const MODEL = 'BG/NBD';

/**
 * ln L(r, α, a, b | x, t_x, T) of one customer (eq. 6), overflow-safe: both terms are kept as
 * logarithms (log-beta, log-gamma, (r + x) ln(α + t)) and added with log-sum-exp, so x in the
 * hundreds or thousands does not overflow Γ(r + x) or (α + T)^(r + x).
 */
export function bgnbdLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const lb = lbeta(a, b);
  const a1 = lbeta(a, b + x) - lb - (r + x) * Math.log(alpha + T);
  const a2 = x > 0 ? lbeta(a + 1, b + x - 1) - lb - (r + x) * Math.log(alpha + tx) : -Infinity;
  return lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + logAddExp(a1, a2);
}

/**
 * Σ n · ln L over grouped summaries as a function of the parameters. Work that depends on one
 * value is done once per distinct value: the x-only terms per distinct x, ln(α + T) per distinct T,
 * ln(α + t_x) per distinct t_x; per row there remain one exp and one log1p.
 */
export function bgnbdLogLikelihoodFunction(rows: readonly SummaryRow[]): (p: BgNbdParams) => number {
  const table = summaryTable(rows);
  const xs = indexValues(table.x), Ts = indexValues(table.T), txs = indexValues(table.tx);
  const cx0 = new Float64Array(xs.unique.length), cx1 = new Float64Array(xs.unique.length), cx2 = new Float64Array(xs.unique.length);
  const lnT = new Float64Array(Ts.unique.length), lnTx = new Float64Array(txs.unique.length);
  return (p) => {
    const { r, alpha, a, b } = p;
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
    const lb = lbeta(a, b);
    const lnAlpha = Math.log(alpha);
    const lgr = lgamma(r);
    for (let k = 0; k < xs.unique.length; k++) {
      const x = xs.unique[k];
      cx0[k] = lgamma(r + x) - lgr + r * lnAlpha;
      cx1[k] = lbeta(a, b + x) - lb;
      cx2[k] = x > 0 ? lbeta(a + 1, b + x - 1) - lb : -Infinity;
    }
    for (let k = 0; k < Ts.unique.length; k++) lnT[k] = Math.log(alpha + Ts.unique[k]);
    for (let k = 0; k < txs.unique.length; k++) lnTx[k] = Math.log(alpha + txs.unique[k]);
    let total = 0;
    for (let i = 0; i < table.length; i++) {
      const x = table.x[i];
      const kx = xs.index[i];
      const a1 = cx1[kx] - (r + x) * lnT[Ts.index[i]];
      const a2 = x > 0 ? cx2[kx] - (r + x) * lnTx[txs.index[i]] : -Infinity;
      total += table.n[i] * (cx0[kx] + logAddExp(a1, a2));
    }
    return total;
  };
}

/** Σ n · ln L over grouped summaries. */
export function bgnbdTotalLogLikelihood(p: BgNbdParams, rows: readonly SummaryRow[]): number {
  return bgnbdLogLikelihoodFunction(rows)(p);
}

/**
 * Fits by maximum likelihood over distinct summaries. Refuses (typed errors) with fewer than
 * `MIN_CUSTOMERS` customers or `MIN_REPEAT_BUYERS` repeat buyers, or when the optimiser does not converge.
 */
export function fitBgNbd(rows: readonly SummaryRow[], options: FitOptions & { minCustomers?: number; minRepeatBuyers?: number; start?: BgNbdParams } = {}): ModelFit<BgNbdParams> {
  const table = summaryTable(rows);
  const minCustomers = options.minCustomers ?? MIN_CUSTOMERS;
  const minRepeat = options.minRepeatBuyers ?? MIN_REPEAT_BUYERS;
  if (table.customers < minCustomers) throw new TooFewCustomers(MODEL, table.customers, minCustomers);
  if (table.repeatBuyers < minRepeat) throw new TooFewRepeatBuyers(MODEL, table.repeatBuyers, minRepeat);
  let meanT = 0;
  for (let i = 0; i < table.length; i++) meanT += (table.T[i] * table.n[i]) / table.customers;
  const start = options.start ?? { r: 1, alpha: Math.max(meanT, 1e-3), a: 1, b: 1 };
  const ll = bgnbdLogLikelihoodFunction(rows);
  return fitNamed(MODEL, ['r', 'alpha', 'a', 'b'] as const, start, (p) => -ll(p),
    { customers: table.customers, distinctRows: table.length }, options);
}

/** ln of the odds "dropped out : alive" given the history; −Infinity when x = 0. */
function logDeadOdds(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return -Infinity;
  const { r, alpha, a, b } = p;
  return Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/**
 * P(alive | x, t_x, T) (Fader, Hardie & Lee 2005, eq. 13 / the "P(alive)" note). Always 1 for
 * x = 0: the model lets customers drop out only right after a purchase, so pair it with an
 * inactivity rule for one-time buyers.
 */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  const l = logDeadOdds(p, x, tx, T);
  return l === -Infinity ? 1 : l > 0 ? Math.exp(-l) / (1 + Math.exp(-l)) : 1 / (1 + Math.exp(l));
}

/**
 * [1 − (1 − z)^(a−1) 2F1(a + b − 1 − r, a − 1; a + b + x − 1; z)] · (a + b + x − 1) / (a − 1),
 * z = t / (α + T + t). This is eq. 10's bracket after Euler's transformation
 * 2F1(A, B; C; z) = (1 − z)^(C−A−B) 2F1(C − A, C − B; C; z), which absorbs ((α+T)/(α+T+t))^(r+x):
 * the remaining series has small parameters and a large C, so it neither overflows nor needs many
 * terms when x is large. At a = 1 (a removable 0/0) it averages a = 1 ± 1e-5.
 */
function expectedBracket(p: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = p;
  if (t <= 0) return 0;
  if (Math.abs(a - 1) < 1e-7) {
    const h = 1e-5;
    return (expectedBracket({ ...p, a: 1 + h }, t, x, T) + expectedBracket({ ...p, a: 1 - h }, t, x, T)) / 2;
  }
  const z = t / (alpha + T + t);
  const lnOneMinusZ = Math.log(alpha + T) - Math.log(alpha + T + t);
  const f = hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  return ((a + b + x - 1) / (a - 1)) * (1 - Math.exp((a - 1) * lnOneMinusZ) * f);
}

/**
 * E[Y(t) | x, t_x, T] / P(alive | x, t_x, T): the part of eq. 10 that does not depend on t_x. Scoring
 * many customers memoises it per (x, T) and multiplies by each P(alive), exactly as
 * `bgnbdConditionalExpected` does.
 */
export function bgnbdExpectedBracket(p: BgNbdParams, t: number, x: number, T: number): number {
  return expectedBracket(p, t, x, T);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t units of a customer with history
 * (x, t_x, T) (eq. 10).
 */
export function bgnbdConditionalExpected(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  return expectedBracket(p, t, x, T) * bgnbdPAlive(p, x, tx, T);
}

/** E[X(t)]: expected repeat purchases of a new customer in the t units after the first purchase (eq. 9). */
export function bgnbdExpected(p: BgNbdParams, t: number): number {
  return expectedBracket(p, t, 0, 0);
}

/**
 * P(X(t) = k) (eq. 8). The NBD tail 1 − Σ_{j<k} NB(j) is summed from whichever side is small, so
 * large k loses no precision to cancellation.
 */
export function bgnbdPmf(p: BgNbdParams, t: number, k: number): number {
  const { r, alpha, a, b } = p;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  if (t <= 0) return k === 0 ? 1 : 0;
  const lnP = Math.log(alpha) - Math.log(alpha + t); // ln(α/(α+t))
  const lnQ = Math.log(t) - Math.log(alpha + t); // ln(t/(α+t))
  const lnNb = (j: number) => lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * lnP + j * lnQ;
  const lb = lbeta(a, b);
  const first = Math.exp(lbeta(a, b + k) - lb + lnNb(k));
  if (k === 0) return first;
  return first + Math.exp(lbeta(a + 1, b + k - 1) - lb) * nbdTail(r, lnNb, lnQ, k);
}

/** P(N ≥ k) for N ~ NB(r, α/(α+t)) with log-pmf lnNb. */
function nbdTail(r: number, lnNb: (j: number) => number, lnQ: number, k: number): number {
  let head = 0;
  for (let j = 0; j < k; j++) head += Math.exp(lnNb(j));
  if (head < 0.5) return 1 - head;
  // Tail series: terms ratio (r + j) / (j + 1) · q → q < 1.
  const q = Math.exp(lnQ);
  let term = Math.exp(lnNb(k));
  let sum = term;
  for (let j = k; j < k + 1_000_000; j++) {
    const ratio = ((r + j) / (j + 1)) * q;
    term *= ratio;
    sum += term;
    if (ratio < 1 && term * (ratio / (1 - ratio)) <= 1e-17 * sum) break;
  }
  return sum;
}

/**
 * Expected number of customers with k = 0 … buckets−1 repeat purchases in their calibration
 * period, and (last entry) with `buckets` or more: Σ_customers P(X(T_i) = k) (the paper's Fig. 3).
 */
export function bgnbdExpectedHistogram(p: BgNbdParams, rows: readonly SummaryRow[], buckets = 7): number[] {
  const out = new Array<number>(buckets + 1).fill(0);
  const byT = new Map<number, number>();
  let total = 0;
  for (const r of rows) { byT.set(r.T, (byT.get(r.T) ?? 0) + r.n); total += r.n; }
  for (const [T, n] of byT) for (let k = 0; k < buckets; k++) out[k] += n * bgnbdPmf(p, T, k);
  out[buckets] = total - out.slice(0, buckets).reduce((s, v) => s + v, 0);
  return out;
}
