/**
 * Goals (DOMAIN.md, "Goals"): a metric, a target, a start (the baseline day) and a deadline,
 * optionally restricted to a segment of customers. Exact definitions: docs/metrics.md, "Goals".
 */

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

export const METRICS: Record<GoalMetricKind, MetricInfo> = {
  repeat_customer_rate: {
    kind: 'repeat_customer_rate', label: 'Repeat customer rate', unit: 'share', higherIsBetter: true,
    definition: 'customers who ordered in the window and have more than one order by its end ÷ customers who ordered in the window',
  },
  retention_rate: {
    kind: 'retention_rate', label: 'Customer retention rate (CRR)', unit: 'share', higherIsBetter: true,
    definition: '(active customers at the window end − new customers in the window) ÷ active customers at the window start',
  },
  churn_rate: {
    kind: 'churn_rate', label: 'Churn rate', unit: 'share', higherIsBetter: false,
    definition: 'customers old enough to churn with no order in the last churnDays days ÷ customers old enough to churn, on the day',
  },
  nps: {
    kind: 'nps', label: 'NPS', unit: 'score', higherIsBetter: true,
    definition: '100 × (promoters 9–10 − detractors 0–6) ÷ NPS answers in the window',
  },
  csat: {
    kind: 'csat', label: 'CSAT', unit: 'score', higherIsBetter: true,
    definition: '100 × answers of 4–5 ÷ CSAT answers in the window',
  },
  aov: {
    kind: 'aov', label: 'Average order value', unit: 'money', higherIsBetter: true,
    definition: 'revenue ÷ orders in the window',
  },
  historic_cltv: {
    kind: 'historic_cltv', label: 'Historic CLTV', unit: 'money', higherIsBetter: true,
    definition: 'customer value per year over the window × average customer lifespan in years',
  },
  existing_reordered_on_channel: {
    kind: 'existing_reordered_on_channel', label: 'Existing customers who ordered again on channels', unit: 'share', higherIsBetter: true,
    definition: 'customers whose first order is before the start who ordered on one of the channels between the start and the day ÷ those customers',
  },
  existing_reached_on_channel: {
    kind: 'existing_reached_on_channel', label: 'Existing customers reached on channels', unit: 'share', higherIsBetter: true,
    definition: 'customers whose first order is before the start who were active (ordered) on one of the channels between the start and the day ÷ those customers',
  },
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

/** Problems that make a goal impossible to evaluate (empty = valid). */
export function validateGoal(g: Goal): string[] {
  const out: string[] = [];
  if (!g.name.trim()) out.push('The goal needs a name.');
  if (!(metricKind(g.metric) in METRICS)) out.push(`Unknown metric ${JSON.stringify(metricKind(g.metric))}.`);
  else if (isChannelMetric(g.metric) && g.metric.channels.length === 0) out.push('Pick at least one channel.');
  if (!Number.isFinite(g.target)) out.push('The target must be a number.');
  const okStart = realDay(g.start);
  const okDeadline = realDay(g.deadline);
  if (!okStart) out.push('The start must be a day (YYYY-MM-DD).');
  if (!okDeadline) out.push('The deadline must be a day (YYYY-MM-DD).');
  if (okStart && okDeadline && g.deadline < g.start) out.push('The deadline must be on or after the start.');
  return out;
}
