/** The shape every model fit returns, and the shared convergence guard. */
import { LOG_SCALE_BOUND, fitOnLogScale, type MinimiseOptions } from './optimise';
import { NotConverged } from './refusals';

export interface FitReport {
  converged: boolean;
  message: string;
  iterations: number;
  evaluations: number;
  restarts: number;
  /** Largest |∂(−LL)/∂ ln θᵢ| at the optimum. */
  gradientNorm: number;
  ms: number;
}

export interface ModelFit<P> {
  params: P;
  /** Delta-method standard errors from the numeric Hessian of −LL; null when it is not positive definite. */
  standardErrors: P | null;
  /** Total log-likelihood at params (the maximum). */
  logLikelihood: number;
  /** Customers the fit used (Σ n). */
  customers: number;
  /** Distinct rows the likelihood was summed over. */
  distinctRows: number;
  report: FitReport;
}

export interface FitOptions extends MinimiseOptions {
  /** Throw NotConverged when the optimiser did not converge (default true). */
  requireConvergence?: boolean;
}

/** What a non-converged fit of each model usually means, for the refusal message. */
export const NOT_CONVERGED_HINTS: Record<string, string> = {
  'BG/NBD': 'The data cannot identify the model: usually too few customers, or customers too alike (a, b → ∞: one drop-out probability for all; r, α → ∞: one purchase rate for all).',
  'Pareto/NBD': 'The data cannot identify the model: usually too few customers, or customers too alike (s, β → ∞: one lifetime rate for all; r, α → ∞: one purchase rate for all).',
  'Gamma-Gamma': 'The data cannot identify the model: usually too few repeat buyers with 2+ repeat purchases (p → ∞, γ → 0: no detectable spread of a customer\'s order values; q, γ → ∞: no spread of mean spend across customers).',
};

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Runs fitOnLogScale over named parameters and packs a ModelFit. */
export function fitNamed<K extends string>(
  model: string, names: readonly K[], start: Record<K, number>,
  negLL: (p: Record<K, number>) => number, counts: { customers: number; distinctRows: number }, options: FitOptions = {},
): ModelFit<Record<K, number>> {
  const t0 = now();
  const toRecord = (v: readonly number[]) => Object.fromEntries(names.map((k, i) => [k, v[i]])) as Record<K, number>;
  // A fit with a parameter 10⁵× away from its start is running along a ridge towards a limit of the
  // model (e.g. BG/NBD a, b → ∞: one drop-out probability for everyone); there the likelihood is
  // flat to rounding error, so the gradient test fails on noise. Stop there (instead of spending
  // the rest of the budget: 26 s on 250k customers) and say so.
  const far = Math.min(Math.log(1e5), (options.bound ?? LOG_SCALE_BOUND) - 1);
  const fit = fitOnLogScale((v) => negLL(toRecord(v)), names.map((k) => start[k]), { giveUpBeyond: far, ...options });
  const o = fit.optimiser;
  // The search stops when the first parameter passes `far`; the others on the same ridge are well on their way (> √far's factor).
  const ranAway = !o.converged && o.x.some((v) => Math.abs(v) > far);
  const runaway = ranAway ? names.flatMap((k, i) => (o.x[i] > far / 2 ? [`${k} → ∞`] : o.x[i] < -far / 2 ? [`${k} → 0`] : [])) : [];
  const message = runaway.length ? `degenerate maximum: ${runaway.join(', ')}; the likelihood keeps rising towards a limit of the model` : o.message;
  const report: FitReport = {
    converged: o.converged, message, iterations: o.iterations, evaluations: o.evaluations,
    restarts: o.restarts, gradientNorm: o.gradientNorm, ms: now() - t0,
  };
  const params = toRecord(fit.params);
  if (!o.converged && options.requireConvergence !== false) throw new NotConverged(model, message, params, o.iterations, NOT_CONVERGED_HINTS[model]);
  return {
    params,
    standardErrors: fit.standardErrors ? toRecord(fit.standardErrors) : null,
    logLikelihood: -fit.negLogLikelihood,
    customers: counts.customers,
    distinctRows: counts.distinctRows,
    report,
  };
}
