/**
 * Types of the predictive CLV analysis (clv.ts): options, per-customer rows and the result.
 * Every span carries its time unit; customer rows name their unit (`…Days` / `…Weeks`).
 */
import type { BgNbdParams } from '../models/bgnbd';
import type { ParetoNbdParams } from '../models/pareto-nbd';
import type { GammaGammaParams } from '../models/gamma-gamma';
import type { ClvSchedule, TimeUnit } from '../models/clv';
import type { ChiSquareResult, HistogramCell, HoldoutCell, PAliveMatrix, TrackingPoint } from '../models/checks';
import type { RefusalCode } from '../models/refusals';
import type { ModelFit } from '../models/fit';

export type { TimeUnit } from '../models/clv';

/** A span of time with its unit. */
export interface Span<U extends TimeUnit = TimeUnit> {
  unit: U;
  length: number;
}

export type ChurnTier = 'active' | 'at-risk' | 'likely-lost' | 'one-time-new' | 'one-time-lapsed';
export const CHURN_TIERS: readonly ChurnTier[] = ['active', 'at-risk', 'likely-lost', 'one-time-new', 'one-time-lapsed'];

/**
 * Churn-risk tiers. Repeat buyers (x ≥ 1) by BG/NBD P(alive): ≥ activeFrom → active,
 * ≥ atRiskFrom → at-risk, below → likely-lost. One-time buyers (x = 0) have P(alive) = 1 under
 * BG/NBD, so they are tiered by an inactivity rule instead: first (only) purchase at most
 * `inactivityDays` days before the calibration end → one-time-new, else one-time-lapsed.
 */
export interface ChurnTierThresholds {
  activeFrom: number;
  atRiskFrom: number;
  inactivityDays: number;
}

export const DEFAULT_TIERS: ChurnTierThresholds = { activeFrom: 0.7, atRiskFrom: 0.3, inactivityDays: 90 };

export interface ClvOptions<U extends TimeUnit = TimeUnit> {
  /** Time unit of the models: α, β, t_x, T, horizons are all in this unit. */
  unit: U;
  /** End of observation, inclusive (YYYY-MM-DD). Required: "now" for the model is explicit. */
  asOf: string;
  /** End of the calibration period, inclusive; orders after it up to asOf form the holdout. Default: asOf (no holdout). */
  calibrationEnd?: string;
  /** Horizon of `expectedPurchases`, in `unit` (default: the CLV span, months × unitsPerMonth). */
  horizon?: number;
  /** CLV: monthly steps (default 12). */
  months?: number;
  /** CLV: discount rate per month (default 0.01). */
  monthlyDiscount?: number;
  /** CLV: length of a month step in `unit` (default 30.4375 days = 30.4375 / 7 = 4.348214… weeks; lifetimes uses 4.345 weeks). */
  unitsPerMonth?: number;
  /** Also fit Pareto/NBD (default true). */
  paretoNbd?: boolean;
  /** Repeat buyers with a mean repeat spend ≤ 0: refuse Gamma-Gamma (default) or leave them out of its fit. */
  nonPositiveSpend?: 'refuse' | 'exclude';
  /** Per-customer rows to return, by customer_id (default all; 0 = none; stream with streamClvCustomers). */
  customerLimit?: number;
  tiers?: Partial<ChurnTierThresholds>;
  /** Fit refusal thresholds (defaults 50 customers, 20 repeat buyers). */
  minCustomers?: number;
  minRepeatBuyers?: number;
  /** Histogram / holdout-table buckets: 0 … buckets−1 and buckets+ (default 7). */
  buckets?: number;
  /** Spacing of the tracking and population curves in days (default 7). */
  curveStepDays?: number;
  /** CLV distribution: equal-width histogram bins from 0 to the 99th percentile (default 30), top customers listed (default 100). */
  distributionBins?: number;
  topCustomers?: number;
  signal?: AbortSignal;
}

/** Steps of a CLV run, in order (`summary` is the DuckDB data phase, the rest the compute phase). */
export type ClvPhase = 'summary' | 'bgnbd' | 'pareto-nbd' | 'gamma-gamma' | 'checks' | 'scoring';
export const CLV_PHASE_LABELS: Readonly<Record<ClvPhase, string>> = {
  summary: 'summary', bgnbd: 'fitting BG/NBD', 'pareto-nbd': 'fitting Pareto/NBD', 'gamma-gamma': 'fitting Gamma-Gamma',
  checks: 'checks', scoring: 'scoring',
};
export interface ClvProgress {
  phase: ClvPhase;
  label: string;
}

/**
 * A column of strings as UTF-8 bytes + offsets (string i = bytes[offsets[i] .. offsets[i+1])):
 * two transferable buffers instead of a million JS strings. Decode with `packedString`.
 */
export interface PackedStrings {
  offsets: Int32Array;
  bytes: Uint8Array;
}

/**
 * What the data phase (`fetchClvData`, DuckDB only) hands the compute phase (`computeClv`, pure
 * JS): plain objects and typed arrays, every array owning its buffer, so it can be posted to a
 * Web Worker with the buffers transferred (`clvDataTransferables`). Times in whole days.
 */
export interface ClvData {
  asOf: string;
  calibrationEnd: string;
  /** distinct (x, recency_days, age_days), ordered by x, recency, age, with customers, summed holdout purchases and Σ max(z̄, 0) */
  grouped: { x: Int32Array; recencyDays: Int32Array; ageDays: Int32Array; n: Float64Array; holdout: Float64Array; zsum: Float64Array };
  /** distinct (x, z̄) of repeat buyers with their count (Gamma-Gamma input; z̄ may be ≤ 0) */
  spend: { x: Float64Array; zbar: Float64Array; n: Float64Array };
  customersAfterCalibration: number;
  /** repeat purchase days of the calibration cohort per day offset from startDay (the earliest first purchase) */
  repeatDays: { startDay: string; day: Int32Array; purchases: Float64Array };
  /** every customer of the calibration cohort, ordered by customer_id */
  customers: {
    length: number;
    customerId: PackedStrings;
    x: Int32Array;
    recencyDays: Int32Array;
    ageDays: Int32Array;
    /** summed amounts of the calibration purchase days after the first */
    repeatSpend: Float64Array;
    holdout: Int32Array;
  };
  /** wall time of the data phase */
  ms: number;
}

/** One of the highest-CLV customers. */
export interface ClvTopCustomer {
  customerId: string;
  clv: number;
  pAlive: number;
  expectedPurchases: number;
  tier: ChurnTier;
}

/**
 * Distribution of predicted CLV over every scored customer (not only the returned rows).
 * Quantiles are linear interpolations between order statistics (type 7, numpy's default).
 * Histogram: `counts[k]` customers with edges[k] ≤ CLV < edges[k+1] (the last bin includes
 * p99), edges equal-width from 0 to p99; `overflow` counts the customers above p99.
 */
export interface ClvDistribution {
  /** customers with a CLV (those whose expected order value is undefined are left out, see `missing`) */
  customers: number;
  /** scored customers without a CLV (one-time buyers when Gamma-Gamma's q ≤ 1) */
  missing: number;
  quantiles: { p10: number; p25: number; p50: number; p75: number; p90: number; p99: number; max: number; mean: number };
  histogram: { edges: number[]; counts: number[]; overflow: number };
  /** highest CLV first (ties by customer_id) */
  top: ClvTopCustomer[];
}

/**
 * Per-customer scores as columns, aligned with `ClvData.customers` (by customer_id); tiers as
 * indexes into CHURN_TIERS. Only with `scoreColumns: true` (computeClv).
 */
export interface ClvScoreColumns {
  pAlive: Float64Array;
  pAliveParetoNbd: Float64Array | null;
  expectedPurchases: Float64Array;
  expectedOrderValue: Float64Array | null;
  /** NaN where undefined */
  clv: Float64Array | null;
  tier: Uint8Array;
}

export interface FittedModel<P> extends ModelFit<P> {
  status: 'fitted';
  /** the unit α (and β) are rates in */
  unit: TimeUnit;
}

export interface RefusedModel {
  status: 'refused';
  model: string;
  code: RefusalCode;
  message: string;
}

export interface GammaGammaResult extends FittedModel<GammaGammaParams> {
  /** repeat buyers left out for a mean repeat spend ≤ 0 (nonPositiveSpend: 'exclude') */
  excludedNonPositive: number;
  /** Pearson correlation of x and mean repeat spend (the model assumes ~0) */
  spendFrequencyCorrelation: number | null;
  /** pγ / (q − 1), the expected order value of a customer without repeat purchases */
  populationMeanSpend: number | null;
}

export interface ClvCustomerBase {
  customerId: string;
  /** x: repeat purchase days in the calibration period */
  frequency: number;
  /** mean amount of the repeat purchase days (calibration), null when x = 0 */
  meanRepeatSpend: number | null;
  /** purchase days in the holdout period, null without calibrationEnd */
  holdoutPurchases: number | null;
  /** BG/NBD P(alive) at the calibration end (1 for x = 0: see `tier`) */
  pAlive: number;
  /** Pareto/NBD P(alive), null when Pareto/NBD was not fitted */
  pAliveParetoNbd: number | null;
  /** BG/NBD expected purchases over result.horizon */
  expectedPurchases: number;
  /** Gamma-Gamma expected order value (null when Gamma-Gamma refused) */
  expectedOrderValue: number | null;
  /** discounted CLV over result.clvSchedule (null when Gamma-Gamma refused) */
  clv: number | null;
  tier: ChurnTier;
}

/** One scored customer; time fields carry their unit in the name. */
export type ClvCustomer<U extends TimeUnit = TimeUnit> = U extends 'day'
  ? ClvCustomerBase & { recencyDays: number; ageDays: number }
  : U extends 'week' ? ClvCustomerBase & { recencyWeeks: number; ageWeeks: number } : never;

export interface ClvResult<U extends TimeUnit = TimeUnit> {
  unit: U;
  asOf: string;
  /** inclusive; equals asOf when there is no holdout */
  calibrationEnd: string;
  /** customers with a first purchase on or before calibrationEnd: the fitted and scored population */
  customers: number;
  repeatBuyers: number;
  /** distinct (x, t_x, T): the size of the fit */
  distinctSummaries: number;
  /** customers whose first purchase is after calibrationEnd (not fitted, not scored) */
  customersAfterCalibration: number;
  /** calibration end → asOf; null without a holdout */
  holdout: Span<U> | null;
  horizon: Span<U>;
  clvSchedule: ClvSchedule;
  bgnbd: FittedModel<BgNbdParams>;
  paretoNbd: FittedModel<ParetoNbdParams> | RefusedModel | null;
  gammaGamma: GammaGammaResult | RefusedModel;
  checks: {
    /** calibration repeat-count histogram, actual vs BG/NBD expected, unpooled; χ² on pooled cells (4 parameters) */
    histogram: { cells: HistogramCell[]; chiSquare: ChiSquareResult };
    /** mean holdout purchases by calibration frequency, actual vs BG/NBD E[Y(holdout) | x, t_x, T]; null without holdout */
    calibrationHoldout: HoldoutCell[] | null;
    /** cumulative repeat purchases of the cohort from its first purchase day to asOf; t in `unit` */
    tracking: { unit: U; stepDays: number; startDay: string; points: TrackingPoint[] };
    /** BG/NBD P(alive) over (x, t_x) at the largest T; T and recencies in `unit` */
    pAlive: PAliveMatrix & { unit: U };
  };
  /** BG/NBD E[X(t)] of a new customer, t in `unit` */
  population: { unit: U; points: { t: number; expected: number }[] };
  tierThresholds: ChurnTierThresholds;
  tiers: Record<ChurnTier, number>;
  totals: {
    /** Σ expected purchases over the horizon */
    expectedPurchases: number;
    /** Σ CLV, null when Gamma-Gamma refused */
    clv: number | null;
  };
  rows: ClvCustomer<U>[];
  /** CLV over all scored customers; null when Gamma-Gamma refused */
  distribution: ClvDistribution | null;
  timings: { summaryMs: number; bgnbdMs: number; paretoNbdMs: number; gammaGammaMs: number; checksMs: number; scoreMs: number };
}

