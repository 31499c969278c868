/** The shape every model fit returns, and the shared convergence guard. */
import { fitOnLogScale, type MinimiseOptions } from './optimise';
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
  'BG/NBD': 'The data may not fit this model (for example almost no sign of customers dropping out, or nearly identical customers).',
  'Pareto/NBD': 'The data may not fit this model (for example lifetimes with almost no spread across customers).',
  'Gamma-Gamma': 'The data may not fit this model (for example customers\' mean spends with almost no spread beyond the within-customer noise).',
};

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Runs fitOnLogScale over named parameters and packs a ModelFit. */
export function fitNamed<K extends string>(
  model: string, names: readonly K[], start: Record<K, number>,
  negLL: (p: Record<K, number>) => number, counts: { customers: number; distinctRows: number }, options: FitOptions = {},
): ModelFit<Record<K, number>> {
  const t0 = now();
  const toRecord = (v: readonly number[]) => Object.fromEntries(names.map((k, i) => [k, v[i]])) as Record<K, number>;
  const fit = fitOnLogScale((v) => negLL(toRecord(v)), names.map((k) => start[k]), options);
  const o = fit.optimiser;
  const report: FitReport = {
    converged: o.converged, message: o.message, iterations: o.iterations, evaluations: o.evaluations,
    restarts: o.restarts, gradientNorm: o.gradientNorm, ms: now() - t0,
  };
  const params = toRecord(fit.params);
  if (!o.converged && options.requireConvergence !== false) throw new NotConverged(model, o.message, params, o.iterations, NOT_CONVERGED_HINTS[model]);
  return {
    params,
    standardErrors: fit.standardErrors ? toRecord(fit.standardErrors) : null,
    logLikelihood: -fit.negLogLikelihood,
    customers: counts.customers,
    distinctRows: counts.distinctRows,
    report,
  };
}
