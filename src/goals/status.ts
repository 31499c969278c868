import type { GoalSeries } from '../analyses/goal-series';
import { metricInfo, type Goal } from './goal';

/**
 * Where a goal stands, from its series (pure; rules in docs/metrics.md, "Goals").
 *
 * Time is counted in days from the start instant (start 00:00): the baseline is at t = 0, a value
 * measured on day D (data up to the end of D) at t = D − start + 1, the deadline at
 * T = deadline − start + 1.
 */
export type GoalState = 'no data yet' | 'achieved' | 'missed' | 'on track' | 'at risk' | 'off track';

/** Share of the required change a projection must reach to be "at risk" rather than "off track". */
export const AT_RISK_SHARE = 0.75;

export interface PathPoint {
  /** days since the start instant */
  t: number;
  day: string;
  value: number;
}

export interface GoalStatus {
  state: GoalState;
  /** the rule that decided the state, in words, with the numbers */
  rule: string;
  higherIsBetter: boolean;
  baseline: number | null;
  current: number | null;
  /** the day `current` was measured on */
  currentDay: string | null;
  target: number;
  /** (current − baseline) ÷ (target − baseline), unclamped (negative = moved away, > 1 = beyond) */
  progressRaw: number | null;
  /** progressRaw clamped to 0..1, for a progress bar */
  progress: number | null;
  /** days since the start instant at the current value / at the deadline */
  elapsedDays: number;
  totalDays: number;
  /** straight line from the baseline at the start to the target at the deadline (two points) */
  requiredPath: PathPoint[];
  /** the required path's value at the current day */
  requiredNow: number | null;
  /** linear from the baseline through the current value, extended to the deadline */
  projection: number | null;
  /** the method, in words */
  projectionMethod: string;
  /** [baseline point, …measured points] for charts */
  achieved: PathPoint[];
}

const day0 = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

export const PROJECTION_METHOD = 'Projection: the pace so far continued in a straight line — from the baseline at the start through the current value, extended to the deadline (baseline + (current − baseline) × days to the deadline ÷ days elapsed).';

export function goalStatus(goal: Goal, series: GoalSeries, fmt: (v: number) => string = (v) => String(v)): GoalStatus {
  const info = metricInfo(goal.metric);
  const up = info.higherIsBetter;
  const s0 = day0(goal.start);
  const tOf = (day: string) => day0(day) - s0 + 1;
  const totalDays = tOf(goal.deadline);
  const baseline = series.baseline.value;
  const last = series.points.length ? series.points[series.points.length - 1] : null;
  const current = last?.value ?? null;
  const currentDay = last?.day ?? null;
  const elapsedDays = currentDay === null ? 0 : tOf(currentDay);
  const target = goal.target;
  // A tolerance of 1e-9 (relative to the target's size) so that a projection computed as exactly
  // the target does not miss it by a floating-point rounding error.
  const eps = 1e-9 * Math.max(1, Math.abs(target));
  const meets = (v: number) => (up ? v >= target - eps : v <= target + eps);
  const better = up ? 'at least' : 'at most';

  const requiredPath: PathPoint[] = baseline === null ? [] : [
    { t: 0, day: goal.start, value: baseline },
    { t: totalDays, day: goal.deadline, value: target },
  ];
  const requiredNow = baseline === null || currentDay === null ? null : baseline + (target - baseline) * (elapsedDays / totalDays);

  let progressRaw: number | null = null;
  if (baseline !== null && current !== null) {
    progressRaw = target === baseline ? (meets(current) ? 1 : 0) : (current - baseline) / (target - baseline);
  }
  const progress = progressRaw === null ? null : Math.min(1, Math.max(0, progressRaw));
  const projection = baseline === null || current === null || elapsedDays <= 0 ? null
    : baseline + (current - baseline) * (totalDays / elapsedDays);

  const achieved: PathPoint[] = [
    ...(baseline === null ? [] : [{ t: 0, day: goal.start, value: baseline }]),
    ...series.points.filter((p) => p.value !== null).map((p) => ({ t: tOf(p.day), day: p.day, value: p.value as number })),
  ];
  const base = { higherIsBetter: up, baseline, current, currentDay, target, progressRaw, progress, elapsedDays, totalDays, requiredPath, requiredNow, projection, projectionMethod: PROJECTION_METHOD, achieved };
  const done = (state: GoalState, rule: string): GoalStatus => ({ ...base, state, rule });

  if (currentDay === null) {
    return done('no data yet', `No data yet: the data ends before the start (${goal.start}), so there is no day to measure after it.`);
  }
  if (current === null) {
    return done('no data yet', `No data yet: on ${currentDay} the metric has no value (nobody to measure: its denominator is 0).`);
  }
  if (meets(current)) {
    return done('achieved', `Achieved: on ${currentDay} (deadline ${goal.deadline}) the value ${fmt(current)} is ${better} the target ${fmt(target)}.`);
  }
  if (currentDay >= goal.deadline) {
    return done('missed', `Missed: the deadline ${goal.deadline} has passed and the value there, ${fmt(current)}, is not ${better} the target ${fmt(target)}.`);
  }
  if (baseline === null || projection === null) {
    return done('no data yet', `No data yet: there is no baseline (nobody to measure before ${goal.start}), so no pace can be computed; current ${fmt(current)}.`);
  }
  const sign = up ? 1 : -1;
  const required = sign * (target - baseline);
  const projected = sign * (projection - baseline);
  const proj = `the projection to ${goal.deadline} is ${fmt(projection)}`;
  if (meets(projection)) {
    return done('on track', `On track: ${proj}, ${better} the target ${fmt(target)} (linear from the baseline ${fmt(baseline)} through the current ${fmt(current)}).`);
  }
  if (required > 0 && projected >= AT_RISK_SHARE * required - eps) {
    return done('at risk', `At risk: ${proj}; it misses the target ${fmt(target)} but covers ${Math.round((projected / required) * 100)}% of the required change from the baseline ${fmt(baseline)} (at least ${AT_RISK_SHARE * 100}%).`);
  }
  const share = required > 0 ? ` covers only ${Math.round((projected / required) * 100)}% of the required change from the baseline ${fmt(baseline)} (less than ${AT_RISK_SHARE * 100}%)` : ` misses the target ${fmt(target)}`;
  return done('off track', `Off track: ${proj}, which${share}.`);
}

/** Every status rule in words, in the order they are applied (for help text and docs). */
export const STATUS_RULES: { state: GoalState; rule: string }[] = [
  { state: 'no data yet', rule: 'no evaluation day after the start (the data ends before it), or no value to measure' },
  { state: 'achieved', rule: 'the current value (latest evaluation day, at most the deadline) meets the target' },
  { state: 'missed', rule: 'the deadline has passed (the data reaches it) and the value there does not meet the target' },
  { state: 'on track', rule: 'the projection at the deadline meets the target' },
  { state: 'at risk', rule: `the projection covers at least ${AT_RISK_SHARE * 100}% of the required change (baseline → target)` },
  { state: 'off track', rule: 'otherwise' },
];
