/**
 * The compute phase of the predictive CLV analysis: fits, checks, totals, tiers, per-customer
 * scores and the CLV distribution from the plain data of the data phase (`fetchClvData`,
 * clv-data.ts). No Engine, no DOM, no Node API: it runs in a Web Worker (src/workers/clv.worker.ts)
 * as well as in-process (`runClv`). See docs/clv.md.
 */
import { epochDayOf, isoOfEpochDay } from './days';
import {
  bgnbdConditionalExpected, bgnbdExpected, bgnbdExpectedBracket, bgnbdExpectedHistogram, bgnbdPAlive, fitBgNbd, type BgNbdParams,
} from '../models/bgnbd';
import { fitParetoNbd, paretoNbdPAlive, type ParetoNbdParams } from '../models/pareto-nbd';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaPopulationMean, type GammaGammaParams } from '../models/gamma-gamma';
import { DAYS_PER_UNIT, type ClvSchedule, type TimeUnit } from '../models/clv';
import {
  calibrationHoldoutTable, chiSquareTest, cumulativeTracking, histogramCells, pAliveMatrix, repeatCountHistogram,
  spendFrequencyCorrelation, type HoldoutRow,
} from '../models/checks';
import { SeriesNotConverged } from '../models/special';
import type { SpendRow } from '../models/summary';
import { refusedModel, resolveClvOptions, tierOf, type ResolvedClvOptions } from './clv-options';
import { topIndexes, valueDistribution } from './clv-distribution';
import {
  CHURN_TIERS, CLV_PHASE_LABELS, type ChurnTier, type ChurnTierThresholds, type ClvCustomer, type ClvCustomerBase, type ClvData,
  type ClvDistribution, type ClvOptions, type ClvPhase, type ClvProgress, type ClvResult, type ClvScoreColumns, type FittedModel,
  type GammaGammaResult, type PackedStrings, type RefusedModel,
} from './clv-types';

const now = () => performance.now();

/** Scores of one distinct summary (x, recency, age). */
export interface SummaryScore {
  pAlive: number;
  pAlivePnbd: number | null;
  /** BG/NBD E[Y(horizon) | x, t_x, T] */
  expected: number;
  /** discounted expected purchases over the CLV schedule (× the expected order value = CLV) */
  discounted: number;
}

/**
 * Scores distinct summaries. E[Y(t) | x, t_x, T] = bracket(t; x, T) · P(alive | x, t_x, T), and
 * the bracket does not depend on t_x: it is computed once per (x, T) for the horizon and the
 * schedule's month ends, then multiplied by each summary's P(alive) — the same floating-point
 * operations as `bgnbdConditionalExpected` / `bgnbdDiscountedPurchases`, so the same numbers.
 */
export class SummaryScorer {
  private memo = new Map<string, SummaryScore>();
  private brackets = new Map<string, Float64Array>();
  private horizonInSchedule: boolean;
  constructor(
    private unitDays: number,
    private bg: BgNbdParams,
    private pnbd: ParetoNbdParams | null,
    private horizon: number,
    private schedule: ClvSchedule,
  ) {
    this.horizonInSchedule = horizon === schedule.months * schedule.unitsPerMonth;
  }

  /** [bracket at month 1 … months, bracket at the horizon] for (x, T). */
  private bracketsOf(x: number, ageDays: number, T: number): Float64Array {
    const key = `${x}|${ageDays}`;
    let b = this.brackets.get(key);
    if (!b) {
      const { months, unitsPerMonth } = this.schedule;
      b = new Float64Array(months + 1);
      for (let k = 1; k <= months; k++) b[k - 1] = bgnbdExpectedBracket(this.bg, k * unitsPerMonth, x, T);
      b[months] = this.horizonInSchedule ? b[months - 1] : bgnbdExpectedBracket(this.bg, this.horizon, x, T);
      this.brackets.set(key, b);
    }
    return b;
  }

  /** Not memoised per summary (the brackets are). */
  compute(x: number, recencyDays: number, ageDays: number): SummaryScore {
    const tx = recencyDays / this.unitDays;
    const T = ageDays / this.unitDays;
    const pAlive = bgnbdPAlive(this.bg, x, tx, T);
    const b = this.bracketsOf(x, ageDays, T);
    const { months, monthlyDiscount } = this.schedule;
    // discountedPurchases(t ↦ bracket(t) · P(alive)), step for step.
    let discounted = 0;
    let previous = 0;
    for (let k = 1; k <= months; k++) {
      const e = b[k - 1] * pAlive;
      discounted += (e - previous) / Math.pow(1 + monthlyDiscount, k);
      previous = e;
    }
    return {
      pAlive,
      pAlivePnbd: this.pnbd ? paretoNbdPAlive(this.pnbd, x, tx, T) : null,
      expected: b[months] * pAlive,
      discounted,
    };
  }

  /** Memoised by (x, recency, age). */
  score(x: number, recencyDays: number, ageDays: number): SummaryScore {
    const key = `${x}|${recencyDays}|${ageDays}`;
    let s = this.memo.get(key);
    if (!s) {
      s = this.compute(x, recencyDays, ageDays);
      this.memo.set(key, s);
    }
    return s;
  }
}

/** The expected order value of a customer (null when Gamma-Gamma refused or it is undefined). */
export function expectedOrderValue(gg: GammaGammaParams | null, x: number, repeatSpend: number): number | null {
  // Excluded non-positive spenders are valued as if their mean repeat spend were 0 (shrunk towards nothing).
  return gg ? gammaGammaExpectedSpend(gg, x, Math.max(x > 0 ? repeatSpend / x : 0, 0)) : null;
}

/** One customer row from its summary and score. */
export function customerRow<U extends TimeUnit>(
  unit: U, hasHoldout: boolean, tiers: ChurnTierThresholds, gg: GammaGammaParams | null, s: SummaryScore,
  c: { customerId: string; x: number; recencyDays: number; ageDays: number; repeatSpend: number; holdout: number },
): ClvCustomer<U> {
  const unitDays = DAYS_PER_UNIT[unit];
  const aov = expectedOrderValue(gg, c.x, c.repeatSpend);
  const base: ClvCustomerBase = {
    customerId: c.customerId,
    frequency: c.x,
    meanRepeatSpend: c.x > 0 ? c.repeatSpend / c.x : null,
    holdoutPurchases: hasHoldout ? c.holdout : null,
    pAlive: s.pAlive,
    pAliveParetoNbd: s.pAlivePnbd,
    expectedPurchases: s.expected,
    expectedOrderValue: aov,
    clv: aov === null ? null : aov * s.discounted,
    tier: tierOf(tiers, c.x, c.ageDays, s.pAlive),
  };
  const times = unit === 'day'
    ? { recencyDays: c.recencyDays, ageDays: c.ageDays }
    : { recencyWeeks: c.recencyDays / unitDays, ageWeeks: c.ageDays / unitDays };
  return { ...base, ...times } as ClvCustomer<U>;
}

const decoder = /* @__PURE__ */ new TextDecoder();

/** String i of a packed column. */
export function packedString(p: PackedStrings, i: number): string {
  return decoder.decode(p.bytes.subarray(p.offsets[i], p.offsets[i + 1]));
}

export interface ComputeClvHooks {
  onProgress?: (p: ClvProgress) => void;
  signal?: AbortSignal;
  /** also return every customer's scores as columns (`scores`), aligned with data.customers */
  scoreColumns?: boolean;
}

/**
 * Maps each customer to the index of its distinct summary in `data.grouped`. Keys are numbers
 * (x, recency, age packed into one safe integer) when they fit, strings otherwise.
 */
function groupOfCustomers(data: ClvData): Int32Array {
  const g = data.grouped, c = data.customers;
  let maxAge = 0, maxX = 0;
  for (let i = 0; i < g.x.length; i++) { if (g.ageDays[i] > maxAge) maxAge = g.ageDays[i]; if (g.x[i] > maxX) maxX = g.x[i]; }
  const m = maxAge + 1;
  const out = new Int32Array(c.length);
  if ((maxX + 1) * m * m < Number.MAX_SAFE_INTEGER && g.recencyDays.every((v) => v >= 0)) {
    const pos = new Map<number, number>();
    for (let i = 0; i < g.x.length; i++) pos.set((g.x[i] * m + g.recencyDays[i]) * m + g.ageDays[i], i);
    for (let i = 0; i < c.length; i++) {
      const k = pos.get((c.x[i] * m + c.recencyDays[i]) * m + c.ageDays[i]);
      if (k === undefined) throw new Error(`customer ${i} has a summary that is not in the grouped rows`);
      out[i] = k;
    }
  } else {
    const pos = new Map<string, number>();
    for (let i = 0; i < g.x.length; i++) pos.set(`${g.x[i]}|${g.recencyDays[i]}|${g.ageDays[i]}`, i);
    for (let i = 0; i < c.length; i++) {
      const k = pos.get(`${c.x[i]}|${c.recencyDays[i]}|${c.ageDays[i]}`);
      if (k === undefined) throw new Error(`customer ${i} has a summary that is not in the grouped rows`);
      out[i] = k;
    }
  }
  return out;
}

/**
 * Fits, checks, totals, tiers, per-customer rows (up to customerLimit), the CLV distribution over
 * every customer. `options` are runClv's; their asOf / calibrationEnd must be the data's. Throws
 * the typed BG/NBD refusal like runClv.
 */
export function computeClv<U extends TimeUnit>(data: ClvData, options: ClvOptions<U>, hooks: ComputeClvHooks = {}): ClvResult<U> & { scores?: ClvScoreColumns } {
  const o = resolveClvOptions(options);
  if (o.days.asOf !== data.asOf || o.days.calibrationEnd !== data.calibrationEnd) {
    throw new RangeError(`the data were fetched for asOf ${data.asOf} / calibrationEnd ${data.calibrationEnd}, not ${o.days.asOf} / ${o.days.calibrationEnd}`);
  }
  const signal = hooks.signal ?? options.signal;
  const progress = (phase: ClvPhase) => hooks.onProgress?.({ phase, label: CLV_PHASE_LABELS[phase] });
  const { unit, days } = o;
  const unitDays = DAYS_PER_UNIT[unit];
  const G = data.grouped;
  const rows: HoldoutRow[] = Array.from({ length: G.x.length }, (_, i) => ({
    x: G.x[i], tx: G.recencyDays[i] / unitDays, T: G.ageDays[i] / unitDays, n: G.n[i], holdout: G.holdout[i],
  }));
  const spendAll: SpendRow[] = Array.from({ length: data.spend.x.length }, (_, i) => ({ x: data.spend.x[i], zbar: data.spend.zbar[i], n: data.spend.n[i] }));

  // Fits.
  const { minCustomers, minRepeatBuyers } = options;
  progress('bgnbd');
  let t = now();
  const bgFit = fitBgNbd(rows, { minCustomers, minRepeatBuyers });
  const bgnbd: FittedModel<BgNbdParams> = { status: 'fitted', unit, ...bgFit };
  const bgnbdMs = now() - t;
  signal?.throwIfAborted();

  t = now();
  let paretoNbd: FittedModel<ParetoNbdParams> | RefusedModel | null = null;
  if (options.paretoNbd !== false) {
    progress('pareto-nbd');
    try {
      paretoNbd = { status: 'fitted', unit, ...fitParetoNbd(rows, { minCustomers, minRepeatBuyers }) };
    } catch (e) {
      paretoNbd = e instanceof SeriesNotConverged
        ? { status: 'refused', model: 'Pareto/NBD', code: 'not-converged', message: `Pareto/NBD: ${e.message}` }
        : refusedModel(e);
    }
  }
  const paretoNbdMs = now() - t;
  signal?.throwIfAborted();

  progress('gamma-gamma');
  t = now();
  const exclude = options.nonPositiveSpend === 'exclude';
  const spendRows = exclude ? spendAll.filter((r) => r.zbar > 0) : spendAll;
  const excludedNonPositive = spendAll.reduce((s, r) => s + (r.zbar > 0 ? 0 : r.n), 0);
  let gammaGamma: GammaGammaResult | RefusedModel;
  try {
    const fit = fitGammaGamma(spendRows, { minRepeatBuyers });
    gammaGamma = {
      status: 'fitted', unit, ...fit,
      excludedNonPositive: exclude ? excludedNonPositive : 0,
      spendFrequencyCorrelation: spendFrequencyCorrelation(spendRows),
      populationMeanSpend: gammaGammaPopulationMean(fit.params),
    };
  } catch (e) {
    gammaGamma = refusedModel(e);
  }
  const gammaGammaMs = now() - t;
  signal?.throwIfAborted();

  // Checks.
  progress('checks');
  t = now();
  const checks = modelChecks(o, data, rows, bgnbd.params);
  const checksMs = now() - t;
  signal?.throwIfAborted();

  // Scores: per distinct summary, then totals and tiers per summary, customers by their summary.
  progress('scoring');
  t = now();
  const gg = gammaGamma.status === 'fitted' ? gammaGamma.params : null;
  const scorer = new SummaryScorer(unitDays, bgnbd.params, paretoNbd?.status === 'fitted' ? paretoNbd.params : null, o.horizon, o.schedule);
  const groupScores = Array.from({ length: G.x.length }, (_, i) => scorer.compute(G.x[i], G.recencyDays[i], G.ageDays[i]));
  const tiers = Object.fromEntries(CHURN_TIERS.map((k) => [k, 0])) as Record<ChurnTier, number>;
  let expectedTotal = 0;
  let clvTotal: number | null = gg ? 0 : null;
  for (let i = 0; i < G.x.length; i++) {
    const s = groupScores[i];
    tiers[tierOf(o.tiers, G.x[i], G.ageDays[i], s.pAlive)] += G.n[i];
    expectedTotal += G.n[i] * s.expected;
  }
  if (gg) {
    // Σ CLV = Σ_customers AOV_i · D(x, t_x, T): AOV is linear in z̄, so per-(x, t_x, T) group sums of z̄ suffice.
    let total = 0;
    for (let i = 0; i < G.x.length; i++) {
      const x = G.x[i], n = G.n[i];
      const aovSum = x === 0 ? n * (gammaGammaExpectedSpend(gg, 0, 0) ?? NaN) : (gg.p * (n * gg.gamma + x * G.zsum[i])) / (gg.p * x + gg.q - 1);
      total += aovSum * groupScores[i].discounted;
    }
    clvTotal = Number.isFinite(total) ? total : null;
  }
  const { scores, distribution } = scoreCustomers(o, data, groupScores, gg, hooks.scoreColumns === true);
  const out: ClvCustomer<U>[] = [];
  const C = data.customers;
  const limit = Math.min(o.customerLimit ?? Number.MAX_SAFE_INTEGER, C.length);
  for (let i = 0; i < limit; i++) {
    out.push(customerRow(unit, o.hasHoldout, o.tiers, gg, groupScores[scores.group[i]], {
      customerId: packedString(C.customerId, i), x: C.x[i], recencyDays: C.recencyDays[i], ageDays: C.ageDays[i],
      repeatSpend: C.repeatSpend[i], holdout: C.holdout[i],
    }));
  }
  const scoreMs = now() - t;

  let customers = 0, repeatBuyers = 0;
  for (let i = 0; i < G.x.length; i++) { customers += G.n[i]; if (G.x[i] > 0) repeatBuyers += G.n[i]; }
  const result: ClvResult<U> & { scores?: ClvScoreColumns } = {
    unit,
    asOf: days.asOf,
    calibrationEnd: days.calibrationEnd,
    customers,
    repeatBuyers,
    distinctSummaries: G.x.length,
    customersAfterCalibration: data.customersAfterCalibration,
    holdout: o.hasHoldout ? { unit, length: checks.holdoutLength } : null,
    horizon: { unit, length: o.horizon },
    clvSchedule: o.schedule,
    bgnbd,
    paretoNbd,
    gammaGamma,
    checks: checks.checks as ClvResult<U>['checks'],
    population: { unit, points: checks.population },
    tierThresholds: o.tiers,
    tiers,
    totals: { expectedPurchases: expectedTotal, clv: clvTotal },
    rows: out,
    distribution,
    timings: { summaryMs: data.ms, bgnbdMs, paretoNbdMs, gammaGammaMs, checksMs, scoreMs },
  };
  if (hooks.scoreColumns) result.scores = scores.columns!;
  return result;
}

function modelChecks<U extends TimeUnit>(o: ResolvedClvOptions<U>, data: ClvData, rows: HoldoutRow[], bg: BgNbdParams) {
  const { unit, days } = o;
  const unitDays = DAYS_PER_UNIT[unit];
  const buckets = o.buckets;
  const cells = histogramCells(repeatCountHistogram(rows, buckets), bgnbdExpectedHistogram(bg, rows, buckets));
  const holdoutLength = (epochDayOf(days.asOf) - epochDayOf(days.calibrationEnd)) / unitDays;
  const calibrationHoldout = o.hasHoldout
    ? calibrationHoldoutTable(rows, (x, tx, T) => bgnbdConditionalExpected(bg, holdoutLength, x, tx, T), buckets)
    : null;
  const G = data.grouped;
  let maxAge = 0, maxXAll = 0;
  for (let i = 0; i < G.x.length; i++) { maxAge = Math.max(maxAge, G.ageDays[i]); maxXAll = Math.max(maxXAll, G.x[i]); }
  const calDay = epochDayOf(days.calibrationEnd);
  const startDay = isoOfEpochDay(calDay - maxAge);
  if (G.x.length && startDay !== data.repeatDays.startDay) throw new Error(`repeat days counted from ${data.repeatDays.startDay}, expected ${startDay}`);
  const firstDays = new Map<number, number>();
  for (let i = 0; i < G.x.length; i++) firstDays.set(maxAge - G.ageDays[i], (firstDays.get(maxAge - G.ageDays[i]) ?? 0) + G.n[i]);
  const repeatDays = Array.from({ length: data.repeatDays.day.length }, (_, i) => ({ day: data.repeatDays.day[i], purchases: data.repeatDays.purchases[i] }));
  const lastDay = epochDayOf(days.asOf) - (calDay - maxAge);
  const points = cumulativeTracking({
    firstDays: [...firstDays].map(([day, n]) => ({ day, n })), repeatDays, lastDay, stepDays: o.curveStepDays, daysPerUnit: unitDays,
    expected: (tt) => bgnbdExpected(bg, tt),
  });
  const maxX = Math.min(maxXAll, 50);
  const matrix = pAliveMatrix((x, tx, T) => bgnbdPAlive(bg, x, tx, T), maxAge / unitDays, maxX);
  const curveEnd = Math.max(o.horizon, holdoutLength, (lastDay + 1) / unitDays);
  const step = o.curveStepDays / unitDays;
  const population: { t: number; expected: number }[] = [];
  for (let k = 0; k * step <= curveEnd + 1e-9; k++) population.push({ t: k * step, expected: bgnbdExpected(bg, k * step) });
  return {
    holdoutLength,
    population,
    checks: {
      histogram: { cells, chiSquare: chiSquareTest(cells, 4) },
      calibrationHoldout,
      tracking: { unit, stepDays: o.curveStepDays, startDay, points },
      pAlive: { ...matrix, unit },
    },
  };
}

/**
 * Every customer's CLV into one Float64Array (no per-customer objects), then the distribution
 * and the top customers; with `columns`, every score as a column.
 */
function scoreCustomers<U extends TimeUnit>(
  o: ResolvedClvOptions<U>, data: ClvData, groupScores: SummaryScore[], gg: GammaGammaParams | null, columns: boolean,
): { scores: { group: Int32Array; columns: ClvScoreColumns | null }; distribution: ClvDistribution | null } {
  const C = data.customers;
  const group = groupOfCustomers(data);
  const clv = gg ? new Float64Array(C.length) : null;
  const aovCol = gg && columns ? new Float64Array(C.length) : null;
  if (gg) {
    for (let i = 0; i < C.length; i++) {
      const aov = expectedOrderValue(gg, C.x[i], C.repeatSpend[i]);
      if (aovCol) aovCol[i] = aov ?? NaN;
      clv![i] = aov === null ? NaN : aov * groupScores[group[i]].discounted;
    }
  }
  let cols: ClvScoreColumns | null = null;
  if (columns) {
    const pAlive = new Float64Array(C.length), expected = new Float64Array(C.length), tier = new Uint8Array(C.length);
    const pnbd = groupScores.length && groupScores[0].pAlivePnbd !== null ? new Float64Array(C.length) : null;
    const tierIndex = new Map(CHURN_TIERS.map((k, i) => [k, i]));
    for (let i = 0; i < C.length; i++) {
      const s = groupScores[group[i]];
      pAlive[i] = s.pAlive;
      expected[i] = s.expected;
      if (pnbd) pnbd[i] = s.pAlivePnbd!;
      tier[i] = tierIndex.get(tierOf(o.tiers, C.x[i], C.ageDays[i], s.pAlive))!;
    }
    cols = { pAlive, pAliveParetoNbd: pnbd, expectedPurchases: expected, expectedOrderValue: aovCol, clv, tier };
  }
  let distribution: ClvDistribution | null = null;
  const d = clv ? valueDistribution(clv, o.distributionBins) : null;
  if (clv && d) {
    const top = topIndexes(clv, o.topCustomers).map((i) => {
      const s = groupScores[group[i]];
      return { customerId: packedString(C.customerId, i), clv: clv[i], pAlive: s.pAlive, expectedPurchases: s.expected, tier: tierOf(o.tiers, C.x[i], C.ageDays[i], s.pAlive) };
    });
    distribution = { ...d, top };
  }
  return { scores: { group, columns: cols }, distribution };
}
