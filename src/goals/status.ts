import type { GoalSeries } from '../analyses/goal-series';
import { fmtDay, fmtPct } from '../app/format';
import { t, type MessageKey, type Params } from '../i18n/t';
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

/**
 * The rule that decided a state, as a message and its raw parameters: days (ISO), values in the
 * metric's unit, shares (0..1, shown as whole percentages) and plain numbers. Worded by
 * statusRuleText at display time, so it follows the reader's language, digits and calendar.
 */
export interface StatusReason {
  key: MessageKey;
  params: Record<string, { day: string } | { value: number } | { share: number } | { n: number }>;
}

export interface GoalStatus {
  state: GoalState;
  /** the rule that decided the state, in words, with the numbers (in the language of the moment it was computed) */
  rule: string;
  /** the same rule as a message, to word it again when the language changes */
  reason: StatusReason;
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
  /** the method, in words (the reader's language: t('goals.projectionMethod')) */
  projectionMethod: string;
  /** [baseline point, …measured points] for charts */
  achieved: PathPoint[];
}

const day0 = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** The state in the reader's language ("at risk" → «در خطر»). */
export function stateLabel(state: GoalState): string {
  return t(STATE_KEYS[state]);
}
const STATE_KEYS: Record<GoalState, MessageKey> = {
  'no data yet': 'goals.state.noData', achieved: 'goals.state.achieved', missed: 'goals.state.missed',
  'on track': 'goals.state.onTrack', 'at risk': 'goals.state.atRisk', 'off track': 'goals.state.offTrack',
};

/** A status rule in words, in the reader's language; values through `fmt` (the metric's unit). */
export function statusRuleText(reason: StatusReason, fmt: (v: number) => string): string {
  const p: Params = {};
  for (const [k, v] of Object.entries(reason.params)) {
    p[k] = 'day' in v ? fmtDay(v.day) : 'value' in v ? fmt(v.value) : 'share' in v ? fmtPct(v.share, 0) : v.n;
  }
  return t(reason.key, p);
}

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
  const base = { higherIsBetter: up, baseline, current, currentDay, target, progressRaw, progress, elapsedDays, totalDays, requiredPath, requiredNow, projection, projectionMethod: t('goals.projectionMethod'), achieved };
  const done = (state: GoalState, key: MessageKey, params: StatusReason['params']): GoalStatus => {
    const reason = { key, params };
    return { ...base, state, reason, rule: statusRuleText(reason, fmt) };
  };
  const day = (d: string) => ({ day: d });
  const value = (v: number) => ({ value: v });

  if (currentDay === null) {
    return done('no data yet', 'goals.rule.beforeStart', { start: day(goal.start) });
  }
  if (current === null) {
    return done('no data yet', 'goals.rule.noValue', { day: day(currentDay), zero: { n: 0 } });
  }
  if (meets(current)) {
    return done('achieved', up ? 'goals.rule.achievedUp' : 'goals.rule.achievedDown',
      { day: day(currentDay), deadline: day(goal.deadline), value: value(current), target: value(target) });
  }
  if (currentDay >= goal.deadline) {
    return done('missed', up ? 'goals.rule.missedUp' : 'goals.rule.missedDown', { deadline: day(goal.deadline), value: value(current), target: value(target) });
  }
  if (baseline === null || projection === null) {
    return done('no data yet', 'goals.rule.noBaseline', { start: day(goal.start), current: value(current) });
  }
  const sign = up ? 1 : -1;
  const required = sign * (target - baseline);
  const projected = sign * (projection - baseline);
  const proj = { deadline: day(goal.deadline), projection: value(projection) };
  // Whole percentages, rounded as Math.round does (half up, also for negative shares).
  const covered = { share: Math.round((projected / required) * 100) / 100 };
  if (meets(projection)) {
    return done('on track', up ? 'goals.rule.onTrackUp' : 'goals.rule.onTrackDown',
      { ...proj, target: value(target), baseline: value(baseline), current: value(current) });
  }
  if (required > 0 && projected >= AT_RISK_SHARE * required - eps) {
    return done('at risk', 'goals.rule.atRisk', { ...proj, target: value(target), share: covered, baseline: value(baseline), min: { share: AT_RISK_SHARE } });
  }
  return required > 0
    ? done('off track', 'goals.rule.offTrackShare', { ...proj, share: covered, baseline: value(baseline), min: { share: AT_RISK_SHARE } })
    : done('off track', 'goals.rule.offTrackMiss', { ...proj, target: value(target) });
}

const statusRule = (state: GoalState, key: MessageKey, params?: () => Params) => ({
  state,
  /** in the reader's language, read at display time */
  get rule() { return t(key, params?.()); },
});

/** Every status rule in words, in the order they are applied (for help text and docs). */
export const STATUS_RULES: { readonly state: GoalState; readonly rule: string }[] = [
  statusRule('no data yet', 'goals.statusRule.noData'),
  statusRule('achieved', 'goals.statusRule.achieved'),
  statusRule('missed', 'goals.statusRule.missed'),
  statusRule('on track', 'goals.statusRule.onTrack'),
  statusRule('at risk', 'goals.statusRule.atRisk', () => ({ min: fmtPct(AT_RISK_SHARE, 0) })),
  statusRule('off track', 'goals.statusRule.offTrack'),
];
