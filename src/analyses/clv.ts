/**
 * Predictive CLV (issue 4): per-customer (x, t_x, T) summaries from the canonical `orders` table
 * in DuckDB, BG/NBD + Pareto/NBD + Gamma-Gamma fits over the distinct summaries (src/models/),
 * model checks, and per-customer scores (P(alive), expected purchases, expected order value,
 * discounted CLV, churn-risk tier). The time unit is explicit: `unit: 'day' | 'week'` in the
 * options, `{ unit, length }` for every span in the result and `…Days` / `…Weeks` field names
 * on the customer rows. See docs/clv.md.
 */
import { queryRows, type Engine } from '../engine/engine';
import { checkDay } from './options';
import { epochDayOf, isoOfEpochDay } from './days';
import {
  CLV_GROUPED_SQL, CLV_GROUP_SPEND_SQL, CLV_SPEND_SQL, clvCustomerPageSql, clvLateCustomersSql, clvRepeatDaysSql, clvSummaryTableSql,
  type ClvSqlDays,
} from './clv-sql';
import {
  bgnbdConditionalExpected, bgnbdExpected, bgnbdExpectedHistogram, bgnbdPAlive, fitBgNbd, type BgNbdParams,
} from '../models/bgnbd';
import { fitParetoNbd, paretoNbdPAlive, type ParetoNbdParams } from '../models/pareto-nbd';
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaPopulationMean, type GammaGammaParams } from '../models/gamma-gamma';
import {
  DAYS_PER_UNIT, bgnbdDiscountedPurchases, checkUnit, resolveSchedule, type ClvSchedule, type TimeUnit,
} from '../models/clv';
import {
  calibrationHoldoutTable, chiSquareTest, cumulativeTracking, histogramCells, pAliveMatrix, repeatCountHistogram,
  spendFrequencyCorrelation, type HoldoutRow,
} from '../models/checks';
import { isModelRefusal } from '../models/refusals';
import { SeriesNotConverged } from '../models/special';
import type { SpendRow } from '../models/summary';

export * from './clv-types';
import type {
  ChurnTier, ChurnTierThresholds, ClvCustomer, ClvCustomerBase, ClvOptions, ClvResult, GammaGammaResult, RefusedModel, FittedModel,
} from './clv-types';
import { CHURN_TIERS, DEFAULT_TIERS } from './clv-types';

interface Resolved<U extends TimeUnit> {
  unit: U;
  days: ClvSqlDays;
  hasHoldout: boolean;
  schedule: ClvSchedule;
  horizon: number;
  tiers: ChurnTierThresholds;
  customerLimit: number | undefined;
  buckets: number;
  curveStepDays: number;
}

function resolve<U extends TimeUnit>(o: ClvOptions<U>): Resolved<U> {
  const unit = checkUnit(o.unit) as U;
  if (o.asOf === undefined) throw new RangeError('asOf is required (the end of observation, YYYY-MM-DD)');
  const asOf = checkDay(o.asOf, 'asOf');
  const calibrationEnd = o.calibrationEnd === undefined ? asOf : checkDay(o.calibrationEnd, 'calibrationEnd');
  if (calibrationEnd > asOf) throw new RangeError(`calibrationEnd (${calibrationEnd}) is after asOf (${asOf})`);
  const schedule = resolveSchedule({ unit, months: o.months, monthlyDiscount: o.monthlyDiscount, unitsPerMonth: o.unitsPerMonth });
  const horizon = o.horizon ?? schedule.months * schedule.unitsPerMonth;
  if (!Number.isFinite(horizon) || horizon <= 0) throw new RangeError(`horizon must be > 0 (in ${unit}s), got ${horizon}`);
  const tiers = { ...DEFAULT_TIERS, ...Object.fromEntries(Object.entries(o.tiers ?? {}).filter(([, v]) => v !== undefined)) };
  if (!(tiers.atRiskFrom >= 0 && tiers.atRiskFrom <= tiers.activeFrom && tiers.activeFrom <= 1)) {
    throw new RangeError(`tiers need 0 ≤ atRiskFrom ≤ activeFrom ≤ 1, got ${tiers.atRiskFrom}, ${tiers.activeFrom}`);
  }
  if (!Number.isInteger(tiers.inactivityDays) || tiers.inactivityDays < 1) throw new RangeError(`tiers.inactivityDays must be a positive integer, got ${tiers.inactivityDays}`);
  const { customerLimit } = o;
  if (customerLimit !== undefined && (!Number.isInteger(customerLimit) || customerLimit < 0)) {
    throw new RangeError(`customerLimit must be a non-negative integer, got ${customerLimit}`);
  }
  const buckets = o.buckets ?? 7;
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > 100) throw new RangeError(`buckets must be an integer 1..100, got ${buckets}`);
  const curveStepDays = o.curveStepDays ?? 7;
  if (!Number.isInteger(curveStepDays) || curveStepDays < 1) throw new RangeError(`curveStepDays must be a positive integer, got ${curveStepDays}`);
  return {
    unit, days: { asOf, calibrationEnd }, hasHoldout: calibrationEnd < asOf, schedule, horizon, tiers, customerLimit, buckets, curveStepDays,
  };
}

const now = () => performance.now();

function refused(e: unknown): RefusedModel {
  if (isModelRefusal(e)) return { status: 'refused', model: e.model, code: e.code, message: e.message };
  throw e;
}

interface GroupedRow { x: number; recency_days: number; age_days: number; n: number; holdout: number }

/** Per-distinct-summary scores, memoised by (x, recency_days, age_days). */
class Scorer {
  private memo = new Map<string, { pAlive: number; pAlivePnbd: number | null; expected: number; discounted: number }>();
  constructor(
    private unitDays: number,
    private bg: BgNbdParams,
    private pnbd: ParetoNbdParams | null,
    private horizon: number,
    private schedule: ClvSchedule,
  ) {}
  score(x: number, recencyDays: number, ageDays: number) {
    const key = `${x}|${recencyDays}|${ageDays}`;
    let s = this.memo.get(key);
    if (!s) {
      const tx = recencyDays / this.unitDays;
      const T = ageDays / this.unitDays;
      s = {
        pAlive: bgnbdPAlive(this.bg, x, tx, T),
        pAlivePnbd: this.pnbd ? paretoNbdPAlive(this.pnbd, x, tx, T) : null,
        expected: bgnbdConditionalExpected(this.bg, this.horizon, x, tx, T),
        discounted: bgnbdDiscountedPurchases(this.bg, x, tx, T, this.schedule),
      };
      this.memo.set(key, s);
    }
    return s;
  }
}

function tierOf(t: ChurnTierThresholds, x: number, ageDays: number, pAlive: number): ChurnTier {
  if (x === 0) return ageDays <= t.inactivityDays ? 'one-time-new' : 'one-time-lapsed';
  return pAlive >= t.activeFrom ? 'active' : pAlive >= t.atRiskFrom ? 'at-risk' : 'likely-lost';
}

interface PageRow { customer_id: string; x: number; recency_days: number; age_days: number; repeat_spend: number; holdout: number }

function customerRow<U extends TimeUnit>(
  unit: U, unitDays: number, r: PageRow, hasHoldout: boolean, scorer: Scorer, gg: GammaGammaParams | null, tiers: ChurnTierThresholds,
): ClvCustomer<U> {
  const s = scorer.score(r.x, r.recency_days, r.age_days);
  const zbar = r.x > 0 ? r.repeat_spend / r.x : null;
  // Excluded non-positive spenders are valued as if their mean repeat spend were 0 (shrunk towards nothing).
  const aov = gg ? gammaGammaExpectedSpend(gg, r.x, Math.max(zbar ?? 0, 0)) : null;
  const base: ClvCustomerBase = {
    customerId: r.customer_id,
    frequency: r.x,
    meanRepeatSpend: zbar,
    holdoutPurchases: hasHoldout ? r.holdout : null,
    pAlive: s.pAlive,
    pAliveParetoNbd: s.pAlivePnbd,
    expectedPurchases: s.expected,
    expectedOrderValue: aov,
    clv: aov === null ? null : aov * s.discounted,
    tier: tierOf(tiers, r.x, r.age_days, s.pAlive),
  };
  const times = unit === 'day'
    ? { recencyDays: r.recency_days, ageDays: r.age_days }
    : { recencyWeeks: r.recency_days / unitDays, ageWeeks: r.age_days / unitDays };
  return { ...base, ...times } as ClvCustomer<U>;
}

/** Pages through the materialised summary table, scoring each customer. */
async function scorePages<U extends TimeUnit>(
  engine: Engine, unit: U, hasHoldout: boolean, scorer: Scorer, gg: GammaGammaParams | null, tiers: ChurnTierThresholds,
  onBatch: (rows: ClvCustomer<U>[]) => void | Promise<void>, limit: number, batchSize: number, signal?: AbortSignal,
): Promise<number> {
  const unitDays = DAYS_PER_UNIT[unit];
  let after: string | null = null;
  let done = 0;
  while (done < limit) {
    const take = Math.min(batchSize, limit - done);
    const page: PageRow[] = await queryRows<PageRow>(engine, clvCustomerPageSql(after, take), { signal });
    if (page.length === 0) break;
    await onBatch(page.map((r) => customerRow(unit, unitDays, r, hasHoldout, scorer, gg, tiers)));
    done += page.length;
    after = page[page.length - 1].customer_id;
    if (page.length < take) break;
  }
  return done;
}

/**
 * Runs the whole analysis. Throws a typed refusal (TooFewCustomers, TooFewRepeatBuyers,
 * NotConverged) when BG/NBD cannot be fitted; Pareto/NBD and Gamma-Gamma refusals are reported
 * in the result (`status: 'refused'`) and the rest still runs.
 */
export async function runClv<U extends TimeUnit>(engine: Engine, options: ClvOptions<U>): Promise<ClvResult<U>> {
  const o = resolve(options);
  const { unit, days, signal } = { ...o, signal: options.signal };
  const unitDays = DAYS_PER_UNIT[unit];
  const t0 = now();
  await engine.query(clvSummaryTableSql(days), { signal });
  const grouped = await queryRows<GroupedRow>(engine, CLV_GROUPED_SQL, { signal });
  const spendAll = await queryRows<SpendRow>(engine, CLV_SPEND_SQL, { signal });
  const late = (await queryRows<{ n: number }>(engine, clvLateCustomersSql(days), { signal }))[0]?.n ?? 0;
  const rows: HoldoutRow[] = grouped.map((g) => ({ x: g.x, tx: g.recency_days / unitDays, T: g.age_days / unitDays, n: g.n, holdout: g.holdout }));
  const summaryMs = now() - t0;
  signal?.throwIfAborted();

  // Fits.
  const minCustomers = options.minCustomers;
  const minRepeatBuyers = options.minRepeatBuyers;
  let t = now();
  const bgFit = fitBgNbd(rows, { minCustomers, minRepeatBuyers });
  const bgnbd: FittedModel<BgNbdParams> = { status: 'fitted', unit, ...bgFit };
  const bgnbdMs = now() - t;
  signal?.throwIfAborted();

  t = now();
  let paretoNbd: FittedModel<ParetoNbdParams> | RefusedModel | null = null;
  if (options.paretoNbd !== false) {
    try {
      paretoNbd = { status: 'fitted', unit, ...fitParetoNbd(rows, { minCustomers, minRepeatBuyers }) };
    } catch (e) {
      paretoNbd = e instanceof SeriesNotConverged
        ? { status: 'refused', model: 'Pareto/NBD', code: 'not-converged', message: `Pareto/NBD: ${e.message}` }
        : refused(e);
    }
  }
  const paretoNbdMs = now() - t;
  signal?.throwIfAborted();

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
    gammaGamma = refused(e);
  }
  const gammaGammaMs = now() - t;

  // Checks.
  t = now();
  const bg = bgnbd.params;
  const buckets = o.buckets;
  const cells = histogramCells(repeatCountHistogram(rows, buckets), bgnbdExpectedHistogram(bg, rows, buckets));
  const holdoutLength = (epochDayOf(days.asOf) - epochDayOf(days.calibrationEnd)) / unitDays;
  const calibrationHoldout = o.hasHoldout
    ? calibrationHoldoutTable(rows, (x, tx, T) => bgnbdConditionalExpected(bg, holdoutLength, x, tx, T), buckets)
    : null;
  const maxAge = grouped.reduce((m, g) => Math.max(m, g.age_days), 0);
  const calDay = epochDayOf(days.calibrationEnd);
  const startDay = isoOfEpochDay(calDay - maxAge);
  const firstDays = new Map<number, number>();
  for (const g of grouped) firstDays.set(maxAge - g.age_days, (firstDays.get(maxAge - g.age_days) ?? 0) + g.n);
  const repeatDays = await queryRows<{ day: number; purchases: number }>(engine, clvRepeatDaysSql(days, startDay), { signal });
  const lastDay = epochDayOf(days.asOf) - (calDay - maxAge);
  const points = cumulativeTracking({
    firstDays: [...firstDays].map(([day, n]) => ({ day, n })), repeatDays, lastDay, stepDays: o.curveStepDays, daysPerUnit: unitDays,
    expected: (tt) => bgnbdExpected(bg, tt),
  });
  const maxX = Math.min(grouped.reduce((m, g) => Math.max(m, g.x), 0), 50);
  const matrix = pAliveMatrix((x, tx, T) => bgnbdPAlive(bg, x, tx, T), maxAge / unitDays, maxX);
  const curveEnd = Math.max(o.horizon, holdoutLength, (lastDay + 1) / unitDays);
  const step = o.curveStepDays / unitDays;
  const population: { t: number; expected: number }[] = [];
  for (let k = 0; k * step <= curveEnd + 1e-9; k++) population.push({ t: k * step, expected: bgnbdExpected(bg, k * step) });
  const checksMs = now() - t;

  // Scores: totals and tiers over everyone (per distinct summary), rows up to customerLimit.
  t = now();
  const gg = gammaGamma.status === 'fitted' ? gammaGamma.params : null;
  const scorer = new Scorer(unitDays, bg, paretoNbd?.status === 'fitted' ? paretoNbd.params : null, o.horizon, o.schedule);
  const tiers = Object.fromEntries(CHURN_TIERS.map((k) => [k, 0])) as Record<ChurnTier, number>;
  let expectedTotal = 0;
  let clvTotal: number | null = gg ? 0 : null;
  for (const g of grouped) {
    const s = scorer.score(g.x, g.recency_days, g.age_days);
    tiers[tierOf(o.tiers, g.x, g.age_days, s.pAlive)] += g.n;
    expectedTotal += g.n * s.expected;
  }
  if (gg) {
    // Σ CLV = Σ_customers AOV_i · D(x, t_x, T): AOV is linear in z̄, so per-(x, t_x, T) group sums of z̄ suffice.
    const spendByGroup = await queryRows<{ x: number; recency_days: number; age_days: number; n: number; zsum: number }>(engine, CLV_GROUP_SPEND_SQL, { signal });
    let total = 0;
    for (const g of spendByGroup) {
      const s = scorer.score(g.x, g.recency_days, g.age_days);
      const aovSum = g.x === 0
        ? g.n * (gammaGammaExpectedSpend(gg, 0, 0) ?? NaN)
        : (gg.p * (g.n * gg.gamma + g.x * g.zsum)) / (gg.p * g.x + gg.q - 1);
      total += aovSum * s.discounted;
    }
    clvTotal = Number.isFinite(total) ? total : null;
  }
  const out: ClvCustomer<U>[] = [];
  const limit = o.customerLimit ?? Number.MAX_SAFE_INTEGER;
  if (limit > 0) await scorePages(engine, unit, o.hasHoldout, scorer, gg, o.tiers, (b) => { for (const c of b) out.push(c); }, limit, 50_000, signal);
  const scoreMs = now() - t;

  const customers = rows.reduce((s, r) => s + r.n, 0);
  return {
    unit,
    asOf: days.asOf,
    calibrationEnd: days.calibrationEnd,
    customers,
    repeatBuyers: rows.reduce((s, r) => s + (r.x > 0 ? r.n : 0), 0),
    distinctSummaries: rows.length,
    customersAfterCalibration: late,
    holdout: o.hasHoldout ? { unit, length: holdoutLength } : null,
    horizon: { unit, length: o.horizon },
    clvSchedule: o.schedule,
    bgnbd,
    paretoNbd,
    gammaGamma,
    checks: {
      histogram: { cells, chiSquare: chiSquareTest(cells, 4) },
      calibrationHoldout,
      tracking: { unit, stepDays: o.curveStepDays, startDay, points },
      pAlive: { ...matrix, unit },
    },
    population: { unit, points: population },
    tierThresholds: o.tiers,
    tiers,
    totals: { expectedPurchases: expectedTotal, clv: clvTotal },
    rows: out,
    timings: { summaryMs, bgnbdMs, paretoNbdMs, gammaGammaMs, checksMs, scoreMs },
  };
}

/**
 * Streams every scored customer (by customer_id, `batchSize` per call) with the parameters of a
 * finished `runClv` — for populations too large to hold as one array. Rebuilds the summary table
 * from the result's asOf / calibrationEnd, so it reflects the `orders` table as it is now.
 * Resolves to the number of customers streamed.
 */
export async function streamClvCustomers<U extends TimeUnit>(
  engine: Engine, result: ClvResult<U>, onBatch: (rows: ClvCustomer<U>[]) => void | Promise<void>,
  options: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 50_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  await engine.query(clvSummaryTableSql({ asOf: result.asOf, calibrationEnd: result.calibrationEnd }), { signal: options.signal });
  const scorer = new Scorer(DAYS_PER_UNIT[result.unit], result.bgnbd.params,
    result.paretoNbd?.status === 'fitted' ? result.paretoNbd.params : null, result.horizon.length, result.clvSchedule);
  const gg = result.gammaGamma.status === 'fitted' ? result.gammaGamma.params : null;
  return scorePages(engine, result.unit, result.holdout !== null, scorer, gg, result.tierThresholds, onBatch,
    Number.MAX_SAFE_INTEGER, batchSize, options.signal);
}
