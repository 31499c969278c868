/**
 * Minimisation for maximum-likelihood fits: Nelder–Mead with restarts, then a BFGS polish, on
 * log-parameters; a numeric-gradient convergence test and standard errors from a numeric Hessian.
 * Pure numbers.
 */

export type Objective = (x: readonly number[]) => number;

export interface MinimiseOptions {
  /** Simplex edge of every (re)start, in the units of x (default 0.5: ×1.65 on log-parameters). */
  initialStep?: number;
  /** Stop a run when the simplex spans less than this in every coordinate (default 1e-9). */
  xTolerance?: number;
  /** …and the function values differ by less than this (absolute, default 1e-10). */
  fTolerance?: number;
  /** Evaluation budget: half for Nelder–Mead with restarts, the rest for the BFGS polish (default 12,000). */
  maxEvaluations?: number;
  /** Restarts from the best point after a run converged (default up to 8; stops once a restart gains < fTolerance). */
  maxRestarts?: number;
  /** |∂f/∂xᵢ| above which the result is not called converged (default 1e-3 × max(1, |f| / 1000)). */
  gradientTolerance?: number;
  /** Coordinates outside ±bound are infeasible (+Infinity); default 30. fitOnLogScale uses ln(1e8) around the start. */
  bound?: number;
  /**
   * Give up after the Nelder–Mead phase when the best point has run beyond ±giveUpBeyond in some
   * coordinate: the search is crawling along a ridge towards a limit of the model, and the BFGS
   * polish would spend the rest of the budget confirming it (seconds on large data). Default: never.
   */
  giveUpBeyond?: number;
}

export interface MinimiseResult {
  x: number[];
  value: number;
  /** Nelder–Mead iterations over all restarts plus BFGS iterations. */
  iterations: number;
  evaluations: number;
  restarts: number;
  /** The numeric gradient is ~0 at the result and no parameter sits at the search bound. */
  converged: boolean;
  /** Largest |∂f/∂xᵢ| at the result (central differences). */
  gradientNorm: number;
  message: string;
}

interface RunResult { x: number[]; value: number; iterations: number; converged: boolean }

function nelderMeadRun(f: Objective, x0: number[], step: number, xTol: number, fTol: number, budget: { left: number }, giveUpBeyond = Infinity): RunResult {
  const n = x0.length;
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] += step;
    pts.push(p);
  }
  const eval1 = (x: number[]) => {
    budget.left--;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const vals = pts.map(eval1);
  let iterations = 0;
  const order = () => {
    const idx = pts.map((_, i) => i).sort((i, j) => vals[i] - vals[j]);
    const p2 = idx.map((i) => pts[i]);
    const v2 = idx.map((i) => vals[i]);
    for (let i = 0; i <= n; i++) { pts[i] = p2[i]; vals[i] = v2[i]; }
  };
  while (budget.left > 0) {
    order();
    // The best point has run off along a ridge (a degenerate model): stop, the caller reports it.
    if (pts[0].some((v) => Math.abs(v) > giveUpBeyond)) return { x: pts[0], value: vals[0], iterations, converged: false };
    let spread = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(pts[i][j] - pts[0][j]));
    if (spread <= xTol && Math.abs(vals[n] - vals[0]) <= fTol * Math.max(1, Math.abs(vals[0]))) return { x: pts[0], value: vals[0], iterations, converged: true };
    iterations++;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    const worst = pts[n];
    const along = (t: number) => centroid.map((c, j) => c + t * (worst[j] - c));
    const xr = along(-1);
    const fr = eval1(xr);
    if (fr < vals[0]) {
      const xe = along(-2);
      const fe = eval1(xe);
      if (fe < fr) { pts[n] = xe; vals[n] = fe; } else { pts[n] = xr; vals[n] = fr; }
      continue;
    }
    if (fr < vals[n - 1]) { pts[n] = xr; vals[n] = fr; continue; }
    // Contraction: outside when the reflected point beats the worst, inside otherwise.
    const outside = fr < vals[n];
    const xc = along(outside ? -0.5 : 0.5);
    const fc = eval1(xc);
    if (fc < (outside ? fr : vals[n])) { pts[n] = xc; vals[n] = fc; continue; }
    // Shrink towards the best point.
    for (let i = 1; i <= n; i++) {
      pts[i] = pts[i].map((v, j) => pts[0][j] + 0.5 * (v - pts[0][j]));
      vals[i] = eval1(pts[i]);
    }
  }
  order();
  return { x: pts[0], value: vals[0], iterations, converged: false };
}

/** Central-difference gradient. */
export function numericGradient(f: Objective, x: readonly number[], h = 1e-5): number[] {
  return x.map((_, i) => {
    const up = x.slice(); up[i] += h;
    const dn = x.slice(); dn[i] -= h;
    return (f(up) - f(dn)) / (2 * h);
  });
}

/** Central-difference Hessian (symmetric). */
export function numericHessian(f: Objective, x: readonly number[], h = 1e-3): number[][] {
  const n = x.length;
  const f0 = f(x);
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const at = (d: [number, number][]) => { const p = x.slice(); for (const [i, s] of d) p[i] += s; return f(p); };
  for (let i = 0; i < n; i++) {
    H[i][i] = (at([[i, h]]) - 2 * f0 + at([[i, -h]])) / (h * h);
    for (let j = 0; j < i; j++) {
      const v = (at([[i, h], [j, h]]) - at([[i, h], [j, -h]]) - at([[i, -h], [j, h]]) + at([[i, -h], [j, -h]])) / (4 * h * h);
      H[i][j] = v;
      H[j][i] = v;
    }
  }
  return H;
}

/** Inverse of a symmetric positive-definite matrix via Cholesky; null when it is not positive definite. */
export function invertSpd(A: readonly (readonly number[])[]): number[][] | null {
  const n = A.length;
  const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        L[i][i] = Math.sqrt(s);
      } else {
        L[i][j] = s / L[j][j];
      }
    }
  }
  // inverse of L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹
  const Li: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    Li[i][i] = 1 / L[i][i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i][k] * Li[k][j];
      Li[i][j] = s / L[i][i];
    }
  }
  const inv: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = Math.max(i, j); k < n; k++) s += Li[k][i] * Li[k][j];
    inv[i][j] = s;
  }
  return inv;
}

/**
 * Quasi-Newton polish (BFGS on the inverse Hessian, central-difference gradients, Armijo
 * backtracking) inside ±bound. Nelder–Mead gets close but can stall in long curved valleys; BFGS
 * then either reaches a point with a ~0 gradient or runs along the valley to the bound.
 */
function bfgsPolish(f: Objective, x0: number[], f0: number, gradTol: number, bound: number, budget: { left: number }): { x: number[]; value: number; iterations: number } {
  const n = x0.length;
  const counted: Objective = (x) => { budget.left--; const v = f(x); return Number.isNaN(v) ? Infinity : v; };
  const clip = (x: number[]) => x.map((v) => Math.min(bound, Math.max(-bound, v)));
  let x = x0.slice();
  let fx = f0;
  let g = numericGradient(counted, x);
  let H: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let iterations = 0;
  while (budget.left > 2 * n + 2 && iterations < 200) {
    if (!g.every(Number.isFinite) || Math.max(...g.map(Math.abs)) <= gradTol / 10) break;
    iterations++;
    let d = H.map((row) => -row.reduce((acc, h, j) => acc + h * g[j], 0));
    let slope = d.reduce((acc, v, i) => acc + v * g[i], 0);
    if (!(slope < 0)) { // not a descent direction: restart from steepest descent
      H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
      d = g.map((v) => -v);
      slope = -g.reduce((acc, v) => acc + v * v, 0);
    }
    let t = 1;
    let xn = clip(x.map((v, i) => v + t * d[i]));
    let fn = counted(xn);
    while (!(fn <= fx + 1e-4 * t * slope) && t > 1e-10 && budget.left > 0) {
      t *= 0.5;
      xn = clip(x.map((v, i) => v + t * d[i]));
      fn = counted(xn);
    }
    if (!(fn < fx)) break; // no progress possible along this direction
    const gn = numericGradient(counted, xn);
    const sv = xn.map((v, i) => v - x[i]);
    const yv = gn.map((v, i) => v - g[i]);
    const sy = sv.reduce((acc, v, i) => acc + v * yv[i], 0);
    if (sy > 1e-12) {
      const Hy = H.map((row) => row.reduce((acc, h, j) => acc + h * yv[j], 0));
      const yHy = yv.reduce((acc, v, i) => acc + v * Hy[i], 0);
      H = H.map((row, i) => row.map((h, j) => h + ((sy + yHy) * sv[i] * sv[j]) / (sy * sy) - (Hy[i] * sv[j] + sv[i] * Hy[j]) / sy));
    }
    x = xn; fx = fn; g = gn;
  }
  return { x, value: fx, iterations };
}

/**
 * Nelder–Mead with restarts from the best point until a restart no longer improves (half the
 * evaluation budget), then a BFGS polish. Converged = a ~0 numeric gradient away from the bound.
 */
export function minimise(f: Objective, x0: readonly number[], options: MinimiseOptions = {}): MinimiseResult {
  const step = options.initialStep ?? 0.5;
  const xTol = options.xTolerance ?? 1e-8;
  const fTol = options.fTolerance ?? 1e-12;
  const maxRestarts = options.maxRestarts ?? 3;
  const bound = options.bound ?? 30;
  const total = options.maxEvaluations ?? 12_000;
  const budget = { left: Math.ceil(total / 2) };
  const g: Objective = (x) => (x.every((v) => Math.abs(v) <= bound) ? f(x) : Infinity);
  if (!Number.isFinite(g(x0))) throw new RangeError(`the objective is not finite at the starting point (${x0.join(', ')})`);

  const giveUp = options.giveUpBeyond ?? Infinity;
  let best = nelderMeadRun(g, x0.slice(), step, xTol, fTol, budget, giveUp);
  let iterations = best.iterations;
  let restarts = 0;
  while (best.converged && restarts < maxRestarts && budget.left > 0) {
    const again = nelderMeadRun(g, best.x, step, xTol, fTol, budget, giveUp);
    restarts++;
    iterations += again.iterations;
    const gain = best.value - again.value;
    if (again.value <= best.value) best = { ...again, iterations };
    if (!again.converged || gain < fTol * 10 * Math.max(1, Math.abs(best.value))) break;
  }
  const nmEvaluations = Math.ceil(total / 2) - budget.left;
  if (options.giveUpBeyond !== undefined && best.x.some((v) => Math.abs(v) > options.giveUpBeyond!)) {
    const gradientNorm = Math.max(...numericGradient(g, best.x).map(Math.abs));
    return {
      x: best.x, value: best.value, iterations, evaluations: nmEvaluations + 2 * best.x.length, restarts, converged: false, gradientNorm,
      message: `a parameter ran off towards 0 or infinity (beyond e^±${options.giveUpBeyond.toFixed(1)} from the start)`,
    };
  }
  const gradTol = options.gradientTolerance ?? 1e-3 * Math.max(1, Math.abs(best.value) / 1000);
  const polishBudget = { left: total - nmEvaluations };
  const polished = bfgsPolish(g, best.x, best.value, gradTol, bound, polishBudget);
  iterations += polished.iterations;
  const x = polished.value <= best.value ? polished.x : best.x;
  const value = Math.min(polished.value, best.value);
  const grad = numericGradient(g, x);
  const gradientNorm = Math.max(...grad.map(Math.abs));
  const atBound = x.some((v) => Math.abs(v) > bound - 1);
  const evaluations = nmEvaluations + (total - nmEvaluations - polishBudget.left) + 2 * x.length;
  const converged = Number.isFinite(gradientNorm) && gradientNorm <= gradTol && !atBound;
  const message = converged ? 'converged'
    : atBound ? `a parameter ran off towards 0 or infinity (the search bound, e^±${bound.toFixed(1)} from the start)`
    : polishBudget.left <= 0 ? 'evaluation budget exhausted'
    : `the gradient is not ~0 at the best point found (max |∂f/∂x| = ${gradientNorm.toExponential(2)})`;
  return { x, value, iterations, evaluations, restarts, converged, gradientNorm, message };
}

/** fitOnLogScale's default bound: parameters may move a factor 10⁸ either way from the start. */
export const LOG_SCALE_BOUND = Math.log(1e8);

export interface LogScaleFit {
  /** Parameters on their natural (positive) scale. */
  params: number[];
  /** Minimised negative log-likelihood. */
  negLogLikelihood: number;
  /** Delta-method standard errors p·sqrt([H⁻¹]ᵢᵢ), H the Hessian in log-parameters; null when H is not positive definite. */
  standardErrors: number[] | null;
  optimiser: MinimiseResult;
}

/**
 * Minimises a negative log-likelihood over positive parameters, searching on u = ln(θ / start):
 * scale-free (amounts in Rial and in dollars behave alike) and bounded to a factor 10⁸ around the
 * start, so a likelihood that keeps improving towards 0 or ∞ (a degenerate model) ends at the
 * bound as "not converged" quickly instead of crawling along a ridge. `negLogLikelihood` receives
 * natural-scale parameters.
 */
export function fitOnLogScale(negLogLikelihood: (params: number[]) => number, start: readonly number[], options: MinimiseOptions = {}): LogScaleFit {
  if (!start.every((v) => v > 0 && Number.isFinite(v))) throw new RangeError(`start parameters must be positive, got ${start.join(', ')}`);
  const logStart = start.map(Math.log);
  const toParams = (u: readonly number[]) => u.map((v, i) => Math.exp(v + logStart[i]));
  const f: Objective = (u) => negLogLikelihood(toParams(u));
  const result = minimise(f, start.map(() => 0), { bound: LOG_SCALE_BOUND, ...options });
  const params = toParams(result.x);
  let standardErrors: number[] | null = null;
  const H = numericHessian(f, result.x);
  const cov = invertSpd(H);
  if (cov) standardErrors = params.map((p, i) => p * Math.sqrt(cov[i][i]));
  return { params, negLogLikelihood: result.value, standardErrors, optimiser: result };
}
