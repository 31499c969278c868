/** Option checking of the predictive CLV analysis, shared by the data phase and the compute phase. */
import { checkDay } from './options';
import type { ClvSqlDays } from './clv-sql';
import { checkUnit, resolveSchedule, type ClvSchedule, type TimeUnit } from '../models/clv';
import { isModelRefusal } from '../models/refusals';
import { DEFAULT_TIERS, type ChurnTier, type ChurnTierThresholds, type ClvOptions, type RefusedModel } from './clv-types';

export interface ResolvedClvOptions<U extends TimeUnit> {
  unit: U;
  days: ClvSqlDays;
  hasHoldout: boolean;
  schedule: ClvSchedule;
  horizon: number;
  tiers: ChurnTierThresholds;
  customerLimit: number | undefined;
  buckets: number;
  curveStepDays: number;
  distributionBins: number;
  topCustomers: number;
}

const positiveInt = (v: number, name: string, max = Number.MAX_SAFE_INTEGER) => {
  if (!Number.isInteger(v) || v < 1 || v > max) throw new RangeError(`${name} must be an integer 1..${max}, got ${v}`);
  return v;
};

/** Validates and completes the options (RangeError on a bad value). */
export function resolveClvOptions<U extends TimeUnit>(o: ClvOptions<U>): ResolvedClvOptions<U> {
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
  const distributionBins = positiveInt(o.distributionBins ?? 30, 'distributionBins', 1000);
  const topCustomers = o.topCustomers === 0 ? 0 : positiveInt(o.topCustomers ?? 100, 'topCustomers', 100_000);
  return {
    unit, days: { asOf, calibrationEnd }, hasHoldout: calibrationEnd < asOf, schedule, horizon, tiers, customerLimit, buckets, curveStepDays,
    distributionBins, topCustomers,
  };
}

export function refusedModel(e: unknown): RefusedModel {
  if (isModelRefusal(e)) return { status: 'refused', model: e.model, code: e.code, message: e.message };
  throw e;
}

export function tierOf(t: ChurnTierThresholds, x: number, ageDays: number, pAlive: number): ChurnTier {
  if (x === 0) return ageDays <= t.inactivityDays ? 'one-time-new' : 'one-time-lapsed';
  return pAlive >= t.activeFrom ? 'active' : pAlive >= t.atRiskFrom ? 'at-risk' : 'likely-lost';
}
