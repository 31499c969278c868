/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the form of Fader & Hardie, "A Note on
 * Deriving the Pareto/NBD Model and Related Expressions" (2005) and "A Note on Implementing the
 * Pareto/NBD Model in MATLAB" (2005). While alive a customer buys at Poisson rate λ ~ Gamma(r, α);
 * her lifetime is exponential with rate μ ~ Gamma(s, β). Times in one unit (days or weeks).
 */
import { fitNamed, type FitOptions, type ModelFit } from './fit';
import { hyp2f1, lgamma, logAddExp, logSubExp } from './special';
import { MIN_CUSTOMERS, MIN_REPEAT_BUYERS, TooFewCustomers, TooFewRepeatBuyers } from './refusals';
import { indexPairs, indexValues, summaryTable, type SummaryRow } from './summary';

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

const MODEL = 'Pareto/NBD';

/**
 * ln[F(b, z) / m^(r+s+x)] at time t — one of the two terms of A₀ (MATLAB note, eq. 2):
 *
 *   α ≥ β: A₀ = F(s + 1, (α−β)/(α+t_x)) / (α+t_x)^(r+s+x) − F(s + 1, (α−β)/(α+T)) / (α+T)^(r+s+x)
 *   α < β: A₀ = F(r + x, (β−α)/(β+t_x)) / (β+t_x)^(r+s+x) − F(r + x, (β−α)/(β+T)) / (β+T)^(r+s+x)
 *
 * with F(b, z) = 2F1(r + s + x, b; r + s + x + 1; z). Choosing the branch by α ≥ β keeps 0 ≤ z < 1
 * (the note's numerically stable form). Everything is in logs; in the α < β branch the series is
 * first Euler-transformed, 2F1(A, r+x; A+1; z) = (1 − z)^(1−r−x) 2F1(1, s + 1; A + 1; z), because
 * 2F1(A, r + x; …) itself grows like (1 − z)^(−r−x) and would overflow for large x.
 */
function logFTerm(p: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = p;
  const A = r + s + x;
  if (alpha >= beta) {
    const m = alpha + t;
    return Math.log(hyp2f1(A, s + 1, A + 1, (alpha - beta) / m)) - A * Math.log(m);
  }
  const m = beta + t;
  const ln1mz = Math.log(alpha + t) - Math.log(m);
  return (1 - r - x) * ln1mz + Math.log(hyp2f1(1, s + 1, A + 1, (beta - alpha) / m)) - A * Math.log(m);
}

/** ln(s / (r + s + x)) + ln A₀ from the two F terms; −Infinity when t_x = T (no room to have died). */
function logA0FromTerms(p: ParetoNbdParams, x: number, tx: number, T: number, fTx: number, fT: number): number {
  if (tx >= T) return -Infinity;
  return Math.log(p.s) - Math.log(p.r + p.s + x) + logSubExp(fTx, fT);
}

function logA0Term(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return tx >= T ? -Infinity : logA0FromTerms(p, x, tx, T, logFTerm(p, x, tx), logFTerm(p, x, T));
}

/** ln L(r, α, s, β | x, t_x, T) of one customer (MATLAB note, eq. 1–2), in log form. */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  return lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta) + logAddExp(alive, logA0Term(p, x, tx, T));
}

/**
 * Σ n · ln L over grouped summaries as a function of the parameters: the 2F1 terms are computed
 * once per distinct (x, t_x) and (x, T) pair, ln Γ(r + x) once per distinct x.
 */
export function paretoNbdLogLikelihoodFunction(rows: readonly SummaryRow[]): (p: ParetoNbdParams) => number {
  const table = summaryTable(rows);
  const xs = indexValues(table.x);
  const atTx = indexPairs(table.x, table.tx), atT = indexPairs(table.x, table.T);
  const lgx = new Float64Array(xs.unique.length);
  const fTx = new Float64Array(atTx.x.length), fT = new Float64Array(atT.x.length);
  return (p) => {
    const { r, alpha, s, beta } = p;
    if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) return -Infinity;
    const head0 = -lgamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    for (let k = 0; k < xs.unique.length; k++) lgx[k] = lgamma(r + xs.unique[k]) + head0;
    for (let k = 0; k < fTx.length; k++) fTx[k] = logFTerm(p, atTx.x[k], atTx.t[k]);
    for (let k = 0; k < fT.length; k++) fT[k] = logFTerm(p, atT.x[k], atT.t[k]);
    let total = 0;
    for (let i = 0; i < table.length; i++) {
      const x = table.x[i], tx = table.tx[i], T = table.T[i];
      const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
      const dead = logA0FromTerms(p, x, tx, T, fTx[atTx.index[i]], fT[atT.index[i]]);
      total += table.n[i] * (lgx[xs.index[i]] + logAddExp(alive, dead));
    }
    return Number.isNaN(total) ? -Infinity : total;
  };
}

/** Σ n · ln L over grouped summaries. */
export function paretoNbdTotalLogLikelihood(p: ParetoNbdParams, rows: readonly SummaryRow[]): number {
  return paretoNbdLogLikelihoodFunction(rows)(p);
}

/** Maximum-likelihood fit over distinct summaries; the same refusals as BG/NBD. */
export function fitParetoNbd(rows: readonly SummaryRow[], options: FitOptions & { minCustomers?: number; minRepeatBuyers?: number; start?: ParetoNbdParams } = {}): ModelFit<ParetoNbdParams> {
  const table = summaryTable(rows);
  const minCustomers = options.minCustomers ?? MIN_CUSTOMERS;
  const minRepeat = options.minRepeatBuyers ?? MIN_REPEAT_BUYERS;
  if (table.customers < minCustomers) throw new TooFewCustomers(MODEL, table.customers, minCustomers);
  if (table.repeatBuyers < minRepeat) throw new TooFewRepeatBuyers(MODEL, table.repeatBuyers, minRepeat);
  let meanT = 0;
  for (let i = 0; i < table.length; i++) meanT += (table.T[i] * table.n[i]) / table.customers;
  const scale = Math.max(meanT, 1e-3);
  const start = options.start ?? { r: 1, alpha: scale, s: 1, beta: scale };
  const ll = paretoNbdLogLikelihoodFunction(rows);
  return fitNamed(MODEL, ['r', 'alpha', 's', 'beta'] as const, start, (p) => -ll(p),
    { customers: table.customers, distinctRows: table.length }, options);
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀) (MATLAB note, eq. 4). Unlike
 * BG/NBD it is below 1 for one-time buyers too.
 */
export function paretoNbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const l = logA0Term(p, x, tx, T) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T);
  if (l === -Infinity) return 1;
  return l > 0 ? Math.exp(-l) / (1 + Math.exp(-l)) : 1 / (1 + Math.exp(l));
}

/** [1 − ((β+T)/(β+T+t))^(s−1)] / (s − 1), stable at s = 1 (where it is ln((β+T+t)/(β+T))). */
function survivalIntegral(s: number, beta: number, T: number, t: number): number {
  const l = Math.log(beta + T) - Math.log(beta + T + t);
  const u = (s - 1) * l;
  return Math.abs(s - 1) < 1e-12 ? -l : -Math.expm1(u) / (s - 1);
}

/**
 * E[Y(t) | x, t_x, T] = (r + x)(β + T) / (α + T) · [1 − ((β+T)/(β+T+t))^(s−1)] / (s − 1) · P(alive)
 * (MATLAB note, eq. 5; the form without s > 1 restriction).
 */
export function paretoNbdConditionalExpected(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = p;
  return ((r + x) * (beta + T)) / (alpha + T) * survivalIntegral(s, beta, T, t) * paretoNbdPAlive(p, x, tx, T);
}

/** E[X(t)] for a new customer: rβ / α · [1 − (β/(β+t))^(s−1)] / (s − 1). */
export function paretoNbdExpected(p: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  return ((p.r * p.beta) / p.alpha) * survivalIntegral(p.s, p.beta, 0, t);
}
