/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for
 * customer base analysis", JMR 42(4); Fader & Hardie, "The Gamma-Gamma Model of Monetary Value",
 * 2013 note). A customer's purchase values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers;
 * the model is fitted on repeat buyers' mean repeat spend z̄ over their x repeat purchases, and it
 * assumes spend is independent of the purchase process (check the x–z̄ correlation).
 */
import { fitNamed, type FitOptions, type ModelFit } from './fit';
import { lgamma } from './special';
import { MIN_REPEAT_BUYERS, NonPositiveSpend, TooFewRepeatBuyers } from './refusals';
import { indexValues, type SpendRow } from './summary';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

const MODEL = 'Gamma-Gamma';

/**
 * ln f(z̄ | p, q, γ; x), the density of the mean of x purchase values (note, eq. 3 with the
 * Jacobian of z̄ = Σz / x, as in lifetimes):
 *   ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + (px − 1) ln z̄ + px ln x − (px + q) ln(γ + x z̄)
 */
export function gammaGammaLogLikelihood(g: GammaGammaParams, x: number, zbar: number): number {
  const { p, q, gamma } = g;
  const px = p * x;
  return lgamma(px + q) - lgamma(px) - lgamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(zbar) + px * Math.log(x) - (px + q) * Math.log(gamma + x * zbar);
}

/**
 * Σ n · ln f over spend rows as a function of the parameters: the ln Γ terms once per distinct x,
 * ln z̄ and ln x once per row in advance; per evaluation and row one log remains.
 */
export function gammaGammaLogLikelihoodFunction(rows: readonly SpendRow[]): (g: GammaGammaParams) => number {
  const len = rows.length;
  const x = new Float64Array(len), z = new Float64Array(len), n = new Float64Array(len), lnZ = new Float64Array(len), lnX = new Float64Array(len);
  rows.forEach((r, i) => { x[i] = r.x; z[i] = r.zbar; n[i] = r.n; lnZ[i] = Math.log(r.zbar); lnX[i] = Math.log(r.x); });
  const xs = indexValues(x);
  const head = new Float64Array(xs.unique.length);
  return (g) => {
    const { p, q, gamma } = g;
    if (!(p > 0 && q > 0 && gamma > 0)) return -Infinity;
    const c = -lgamma(q) + q * Math.log(gamma);
    for (let k = 0; k < xs.unique.length; k++) { const px = p * xs.unique[k]; head[k] = lgamma(px + q) - lgamma(px) + c; }
    let total = 0;
    for (let i = 0; i < len; i++) {
      const px = p * x[i];
      total += n[i] * (head[xs.index[i]] + (px - 1) * lnZ[i] + px * lnX[i] - (px + q) * Math.log(gamma + x[i] * z[i]));
    }
    return total;
  };
}

/** Σ n · ln f over spend rows. */
export function gammaGammaTotalLogLikelihood(g: GammaGammaParams, rows: readonly SpendRow[]): number {
  return gammaGammaLogLikelihoodFunction(rows)(g);
}

/** Throws NonPositiveSpend (typed) when any row has z̄ ≤ 0; RangeError for x < 1 or a non-finite z̄. */
export function checkSpendRows(rows: readonly SpendRow[]): void {
  let bad = 0;
  let example = 0;
  for (const r of rows) {
    if (!Number.isInteger(r.x) || r.x < 1 || !Number.isFinite(r.zbar) || !(r.n > 0)) {
      throw new RangeError(`invalid spend row (x=${r.x}, zbar=${r.zbar}, n=${r.n}): need an integer x ≥ 1 (repeat buyers only), a finite mean spend and n > 0`);
    }
    if (r.zbar <= 0) { bad += r.n; example = r.zbar; }
  }
  if (bad > 0) throw new NonPositiveSpend(bad, example);
}

/**
 * Maximum-likelihood fit over repeat buyers. Refuses: non-positive mean spend, fewer than
 * `MIN_REPEAT_BUYERS` buyers, non-convergence.
 */
export function fitGammaGamma(rows: readonly SpendRow[], options: FitOptions & { minRepeatBuyers?: number; start?: GammaGammaParams } = {}): ModelFit<GammaGammaParams> {
  checkSpendRows(rows);
  const buyers = rows.reduce((s, r) => s + r.n, 0);
  const minRepeat = options.minRepeatBuyers ?? MIN_REPEAT_BUYERS;
  if (buyers < minRepeat) throw new TooFewRepeatBuyers(MODEL, buyers, minRepeat);
  const mean = rows.reduce((s, r) => s + r.n * r.zbar, 0) / buyers;
  // Start at p = 1, q = 2: the population mean pγ/(q − 1) then equals the sample mean.
  const start = options.start ?? { p: 1, q: 2, gamma: mean };
  const ll = gammaGammaLogLikelihoodFunction(rows);
  return fitNamed(MODEL, ['p', 'q', 'gamma'] as const, start, (g) => -ll(g),
    { customers: buyers, distinctRows: rows.length }, options);
}

/** Population mean purchase value E[Z] = pγ / (q − 1); null when q ≤ 1 (the mean is infinite). */
export function gammaGammaPopulationMean(g: GammaGammaParams): number | null {
  return g.q > 1 ? (g.p * g.gamma) / (g.q - 1) : null;
}

/**
 * E[Z | z̄, x]: expected value of this customer's future purchases (note, eq. 5):
 * p(γ + x z̄) / (px + q − 1), a weighted mean of the population mean and the customer's z̄.
 * For x = 0 (no repeat purchase observed) it is the population mean. null when undefined (q ≤ 1 and x = 0).
 */
export function gammaGammaExpectedSpend(g: GammaGammaParams, x: number, zbar: number): number | null {
  if (x === 0) return gammaGammaPopulationMean(g);
  const den = g.p * x + g.q - 1;
  return den > 0 ? (g.p * (g.gamma + x * zbar)) / den : null;
}
