/**
 * Predictive CLV in the report (issue 4): options, `runClv` → the `clv` section (snake_case,
 * every time in the chosen unit and labelled with it) and the per-customer CSV
 * (`--customers-out`), streamed page by page with `streamClvCustomers`. See docs/clv.md for the
 * models and docs/report-json.md for the fields.
 */
import type { Engine } from '../engine/engine';
import {
  runClv, streamClvCustomers, type ChurnTier, type ClvResult, type FittedModel, type GammaGammaResult,
  type RefusedModel, type TimeUnit,
} from '../analyses/clv';
import { checkDay } from '../analyses/options';
import { isModelRefusal } from '../models/refusals';
import { LIFETIMES_WEEKS_PER_MONTH, MONTH_IN_UNITS } from '../models/clv';
import type { HistogramCell } from '../models/checks';
import { usageError } from './errors';
import { CUSTOMERS_CSV_HEADER, TIER_KEY, clvCustomersCsvRows } from '../share/clv-csv';

export { CUSTOMERS_CSV_FIELDS, csvNumber } from '../share/clv-csv';

/** Length of the CLV month step: a calendar month (30.4375 days), lifetimes' 4.345 weeks (30.415 days), or N days. */
export type ClvMonth = 'calendar' | 'lifetimes' | number;

export interface ClvReportOptions {
  /** skip the section (`clv: null`) */
  noClv?: boolean;
  /** time unit of the models (default week) */
  unit?: TimeUnit;
  /** end of the calibration period, inclusive (default: as_of, no holdout) */
  calibrationEnd?: string;
  /** CLV months (default 12) */
  clvMonths?: number;
  /** discount rate per month (default 0.01) */
  discountMonthly?: number;
  /** length of a CLV month (default calendar) */
  clvMonth?: ClvMonth;
  /** Gamma-Gamma with repeat buyers whose mean repeat spend is ≤ 0: refuse (default) or leave them out of the fit */
  nonPositiveSpend?: 'refuse' | 'exclude';
  /** receives the per-customer CSV in chunks (header first); none = no CSV */
  customersCsv?: (chunk: string) => void | Promise<void>;
}

export interface ResolvedClvOptions {
  unit: TimeUnit;
  calibrationEnd: string | undefined;
  months: number;
  monthlyDiscount: number;
  /** days in one CLV month step */
  monthDays: number;
  monthName: 'calendar' | 'lifetimes' | 'days';
  nonPositiveSpend: 'refuse' | 'exclude';
}

/** Validates the CLV options (usage errors, exit 2). `asOf`: the --as-of given, if any. */
export function checkClvOptions(o: ClvReportOptions, asOf: string | undefined): ResolvedClvOptions {
  const unit = o.unit ?? 'week';
  if (unit !== 'day' && unit !== 'week') throw usageError(`--unit must be day or week, got ${JSON.stringify(unit)}.`);
  const calibrationEnd = o.calibrationEnd;
  if (calibrationEnd !== undefined) {
    try {
      checkDay(calibrationEnd, '--calibration-end');
    } catch {
      throw usageError(`--calibration-end must be a real day written YYYY-MM-DD, got ${JSON.stringify(calibrationEnd)}.`);
    }
    if (asOf !== undefined && calibrationEnd > asOf) {
      throw usageError(`--calibration-end ${calibrationEnd} is after --as-of ${asOf}: the holdout runs from the calibration end to the as-of day.`);
    }
  }
  const months = o.clvMonths ?? 12;
  if (!Number.isInteger(months) || months < 1 || months > 1200) throw usageError(`--clv-months must be a whole number of months 1..1200, got ${JSON.stringify(o.clvMonths)}.`);
  const monthlyDiscount = o.discountMonthly ?? 0.01;
  if (!Number.isFinite(monthlyDiscount) || monthlyDiscount < 0 || monthlyDiscount >= 1) {
    throw usageError(`--discount-monthly must be a rate per month as a fraction, 0 ≤ rate < 1 (0.01 = 1 %), got ${JSON.stringify(o.discountMonthly)}.`);
  }
  const m = o.clvMonth ?? 'calendar';
  let monthDays: number;
  if (m === 'calendar') monthDays = MONTH_IN_UNITS.day;
  else if (m === 'lifetimes') monthDays = LIFETIMES_WEEKS_PER_MONTH * 7;
  else if (typeof m === 'number' && Number.isFinite(m) && m > 0 && m <= 366) monthDays = m;
  else throw usageError(`--clv-month must be calendar, lifetimes or a number of days (0 < N ≤ 366), got ${JSON.stringify(m)}.`);
  const nonPositiveSpend = o.nonPositiveSpend ?? 'refuse';
  if (nonPositiveSpend !== 'refuse' && nonPositiveSpend !== 'exclude') {
    throw usageError(`--non-positive-spend must be refuse or exclude, got ${JSON.stringify(nonPositiveSpend)}.`);
  }
  if (o.noClv && o.customersCsv) throw usageError('--customers-out needs the CLV models: leave out --no-clv.');
  return { unit, calibrationEnd, months, monthlyDiscount, monthDays, monthName: typeof m === 'number' ? 'days' : m, nonPositiveSpend };
}

const span = (unit: TimeUnit, length: number) => ({ unit, length });


const refusedJson = (m: RefusedModel) => ({ status: 'refused' as const, code: m.code, message: m.message });

const fitJson = <P extends object>(f: FittedModel<P>) => ({
  log_likelihood: f.logLikelihood, converged: f.report.converged, standard_errors: f.standardErrors,
  customers: f.customers, distinct_rows: f.distinctRows, iterations: f.report.iterations, gradient_norm: f.report.gradientNorm,
});

const cellJson = (c: HistogramCell) => ({ label: c.label, actual: c.actual, expected: c.expected });

function gammaGammaJson(g: GammaGammaResult | RefusedModel) {
  if (g.status === 'refused') return refusedJson(g);
  return {
    status: 'fitted' as const, p: g.params.p, q: g.params.q, gamma: g.params.gamma, ...fitJson(g),
    excluded_non_positive: g.excludedNonPositive, spend_frequency_correlation: g.spendFrequencyCorrelation,
    population_mean_spend: g.populationMeanSpend,
  };
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** `runClv`'s result → the `clv` section. */
export function clvJson(r: ClvResult, o: ResolvedClvOptions) {
  const unit = r.unit;
  const bg = r.bgnbd;
  const pn = r.paretoNbd;
  const c = r.checks;
  const chi = c.histogram.chiSquare;
  return {
    status: 'fitted' as const,
    time_unit: unit,
    as_of: r.asOf,
    calibration_end: r.calibrationEnd,
    holdout: r.holdout,
    horizon: r.horizon,
    clv_schedule: {
      months: r.clvSchedule.months, monthly_discount: r.clvSchedule.monthlyDiscount,
      month: o.monthName, month_length: span(unit, r.clvSchedule.unitsPerMonth),
    },
    customers: r.customers,
    repeat_buyers: r.repeatBuyers,
    distinct_summaries: r.distinctSummaries,
    customers_after_calibration: r.customersAfterCalibration,
    bgnbd: { status: 'fitted' as const, r: bg.params.r, alpha: bg.params.alpha, a: bg.params.a, b: bg.params.b, ...fitJson(bg) },
    pareto_nbd: pn === null ? null : pn.status === 'refused' ? refusedJson(pn)
      : { status: 'fitted' as const, r: pn.params.r, alpha: pn.params.alpha, s: pn.params.s, beta: pn.params.beta, ...fitJson(pn) },
    gamma_gamma: gammaGammaJson(r.gammaGamma),
    tier_thresholds: {
      active_from: r.tierThresholds.activeFrom, at_risk_from: r.tierThresholds.atRiskFrom, inactivity_days: r.tierThresholds.inactivityDays,
    },
    tiers: Object.fromEntries(Object.entries(r.tiers).map(([k, n]) => [TIER_KEY[k as ChurnTier], n])) as Record<(typeof TIER_KEY)[ChurnTier], number>,
    totals: { expected_purchases: r.totals.expectedPurchases, clv: r.totals.clv },
    checks: {
      histogram: {
        cells: c.histogram.cells.map(cellJson),
        chi_square: { statistic: chi.statistic, df: chi.df, p_value: chi.pValue, cells: chi.cells.map(cellJson) },
      },
      calibration_holdout: c.calibrationHoldout === null ? null : {
        length: r.holdout,
        rows: c.calibrationHoldout.map((h) => ({
          frequency: h.frequency, label: h.label, customers: h.customers, actual_mean: h.actualMean, predicted_mean: h.predictedMean,
        })),
      },
      tracking: {
        unit, step_days: c.tracking.stepDays, start_day: c.tracking.startDay,
        points: c.tracking.points.map((p) => ({ day: addDays(c.tracking.startDay, p.endDay), t: p.t, actual: p.actual, predicted: p.predicted })),
      },
    },
    population: { unit, points: r.population.points.map((p) => ({ t: p.t, expected: p.expected })) },
  };
}

export type ClvSection = ReturnType<typeof clvJson> | { status: 'refused'; code: string; message: string } | null;


/**
 * Runs the models and, with a sink, streams the per-customer CSV (by customer_id, 50,000 per
 * page; just the header when the models refused). A BG/NBD refusal becomes the section
 * `{status: 'refused', code, message}`; anything else is thrown (an analysis failure).
 */
export async function runClvSection(
  engine: Engine, asOf: string, o: ResolvedClvOptions, inactivityDays: number, sink?: (chunk: string) => void | Promise<void>,
): Promise<ClvSection> {
  let result: ClvResult;
  try {
    result = await runClv(engine, {
      unit: o.unit, asOf, calibrationEnd: o.calibrationEnd, months: o.months, monthlyDiscount: o.monthlyDiscount,
      unitsPerMonth: o.unit === 'day' ? o.monthDays : o.monthDays / 7, customerLimit: 0, tiers: { inactivityDays }, nonPositiveSpend: o.nonPositiveSpend,
    });
  } catch (e) {
    if (!isModelRefusal(e)) throw e;
    if (sink) await sink(`${CUSTOMERS_CSV_HEADER}\r\n`);
    return { status: 'refused', code: e.code, message: e.message };
  }
  if (sink) {
    await sink(`${CUSTOMERS_CSV_HEADER}\r\n`);
    await streamClvCustomers(engine, result, async (batch) => {
      if (batch.length) await sink(`${clvCustomersCsvRows(batch)}\r\n`);
    }, { batchSize: 50_000 });
  }
  return clvJson(result, o);
}
