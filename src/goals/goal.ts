/**
 * Goals (DOMAIN.md, "Goals"): a metric, a target, a start (the baseline day) and a deadline,
 * optionally restricted to a segment of customers. Exact definitions: docs/metrics.md, "Goals".
 * Texts here are English (this module also runs in the CLI, without the reader's preferences);
 * the components word them in the reader's language through src/goals/view.ts.
 */
import { GOAL_MESSAGES } from './messages';

/** Metrics whose value is one number computed by an existing analysis. */
export type KpiGoalMetric =
  | 'repeat_customer_rate'
  | 'retention_rate'
  | 'churn_rate'
  | 'nps'
  | 'csat'
  | 'aov'
  | 'historic_cltv';

/** Share of the customers who existed at the start who ordered on one of `channels` since the start. */
export interface ChannelGoalMetric {
  kind: 'existing_reordered_on_channel' | 'existing_reached_on_channel';
  /** values of `orders.channel`, matched exactly */
  channels: string[];
}

export type GoalMetric = KpiGoalMetric | ChannelGoalMetric;
export type GoalMetricKind = KpiGoalMetric | ChannelGoalMetric['kind'];

export interface Goal {
  id: string;
  name: string;
  metric: GoalMetric;
  /** in the metric's unit: shares as 0..1 (0.30 = 30%), NPS −100..100, CSAT 0..100, money as is */
  target: number;
  /** baseline day, YYYY-MM-DD: the baseline is measured at its start (data before this day) */
  start: string;
  /** last day of the goal, YYYY-MM-DD (inclusive) */
  deadline: string;
  /** a trusted `SELECT customer_id …` subquery restricting the customers (built elsewhere, e.g. personas) */
  segmentSql?: string | null;
  segmentLabel?: string;
}

/** share: 0..1 shown as %; score: NPS (−100..100) or CSAT (0..100) points; money: the data's currency. */
export type GoalUnit = 'share' | 'score' | 'money';

export interface MetricInfo {
  kind: GoalMetricKind;
  label: string;
  unit: GoalUnit;
  /** false: lower is better (churn) */
  higherIsBetter: boolean;
  /** one-line definition for the UI (full text in docs/metrics.md) */
  definition: string;
}

/** Channels the sample shop counts as "online service" (our reading of the seeds' goal). */
export const ONLINE_SERVICE_CHANNELS = ['website', 'mobile_app'];

export type GoalMessageKey = keyof typeof GOAL_MESSAGES.en;
type Params = Record<string, string | number>;

/** An English message of this module (the components word it in the reader's language: src/goals/view.ts). */
export function englishGoalText(key: GoalMessageKey, params?: Params): string {
  return (GOAL_MESSAGES.en[key] as string).replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

/** The numbers in the definitions' text (NPS and CSAT scales). */
export const DEFINITION_PARAMS: Partial<Record<GoalMetricKind, Params>> = {
  nps: { hundred: 100, p1: 9, p2: 10, d1: 0, d2: 6 },
  csat: { hundred: 100, s1: 4, s2: 5 },
};

const metric = (kind: GoalMetricKind, unit: GoalUnit, higherIsBetter: boolean): MetricInfo => ({
  kind, label: englishGoalText(`goals.metric.${kind}`), unit, higherIsBetter,
  definition: englishGoalText(`goals.def.${kind}`, DEFINITION_PARAMS[kind]),
});

export const METRICS: Record<GoalMetricKind, MetricInfo> = {
  repeat_customer_rate: metric('repeat_customer_rate', 'share', true),
  retention_rate: metric('retention_rate', 'share', true),
  churn_rate: metric('churn_rate', 'share', false),
  nps: metric('nps', 'score', true),
  csat: metric('csat', 'score', true),
  aov: metric('aov', 'money', true),
  historic_cltv: metric('historic_cltv', 'money', true),
  existing_reordered_on_channel: metric('existing_reordered_on_channel', 'share', true),
  existing_reached_on_channel: metric('existing_reached_on_channel', 'share', true),
};

export function metricKind(m: GoalMetric): GoalMetricKind {
  return typeof m === 'string' ? m : m.kind;
}

export function metricInfo(m: GoalMetric): MetricInfo {
  return METRICS[metricKind(m)];
}

export function isChannelMetric(m: GoalMetric): m is ChannelGoalMetric {
  return typeof m !== 'string';
}

/** "Existing customers who ordered again on website" — the metric with its channels. */
export function metricLabel(m: GoalMetric): string {
  const info = metricInfo(m);
  return isChannelMetric(m) ? `${info.label.replace(/ on channels$/, '')} on ${m.channels.join(' or ') || '(no channel)'}` : info.label;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function realDay(s: string): boolean {
  if (!ISO_DAY.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === s;
}

/** A message and its parameters (worded in English by validateGoal, in the reader's language by the editor). */
export interface GoalText {
  key: GoalMessageKey;
  params?: Params;
}

/** Problems that make a goal impossible to evaluate, as messages (empty = valid). */
export function goalProblems(g: Goal): GoalText[] {
  const out: GoalText[] = [];
  if (!g.name.trim()) out.push({ key: 'goals.v.noName' });
  if (!(metricKind(g.metric) in METRICS)) out.push({ key: 'goals.v.unknownMetric', params: { metric: JSON.stringify(metricKind(g.metric)) } });
  else if (isChannelMetric(g.metric) && g.metric.channels.length === 0) out.push({ key: 'goals.v.noChannel' });
  if (!Number.isFinite(g.target)) out.push({ key: 'goals.v.target' });
  const okStart = realDay(g.start);
  const okDeadline = realDay(g.deadline);
  if (!okStart) out.push({ key: 'goals.v.start' });
  if (!okDeadline) out.push({ key: 'goals.v.deadline' });
  if (okStart && okDeadline && g.deadline < g.start) out.push({ key: 'goals.v.order' });
  return out;
}

/** Problems that make a goal impossible to evaluate (empty = valid), in English. */
export function validateGoal(g: Goal): string[] {
  return goalProblems(g).map((p) => englishGoalText(p.key, p.params));
}
