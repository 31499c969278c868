import type { LineSeries } from '../charts/lines';
import { currencyLabel, fmtDay, fmtMoney, fmtPct } from '../app/format';
import { numberFormat } from '../i18n/numbers';
import { prefs } from '../i18n/prefs.svelte';
import { t } from '../i18n/t';
import {
  DEFINITION_PARAMS, isChannelMetric, metricInfo, metricKind,
  type Goal, type GoalMetric, type GoalMetricKind, type GoalText, type GoalUnit,
} from './goal';
import type { GoalStatus } from './status';

/**
 * Display helpers for goals (pure, no DOM): value formatting by unit, the target as the user
 * types it (percent for shares), the chart's three lines, and the goal texts in the reader's
 * language and digits (src/i18n: read at display time, so they follow a change of language).
 */

/** One decimal, always ("12.0%", "33.3"), in the reader's digits. */
const oneDecimal = (style?: 'percent') =>
  numberFormat(prefs.lang, prefs.digits, { style, minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A value in its unit: shares as %, scores as points, money with the currency. */
export function formatGoalValue(v: number | null, unit: GoalUnit, currency: string | null = null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (unit === 'share') return oneDecimal('percent').format(v);
  if (unit === 'score') return oneDecimal().format(v);
  return fmtMoney(v, currency);
}

/** What the user types for a target: shares in percent (30 → 0.30), other units as is. */
export function targetFromInput(input: number, unit: GoalUnit): number {
  return unit === 'share' ? input / 100 : input;
}

export function targetToInput(target: number, unit: GoalUnit): number {
  return unit === 'share' ? Math.round(target * 100 * 1e6) / 1e6 : target;
}

export function unitHint(unit: GoalUnit, currency: string | null = null): string {
  if (unit === 'share') return t('goals.unit.share', { n: 30, pct: fmtPct(0.3, 0) });
  if (unit === 'score') return t('goals.unit.score');
  return currency ? currencyLabel(currency) : t('goals.unit.money');
}

/** A metric's name in the reader's language ("Churn rate" → «نرخ ریزش»). */
export function metricName(kind: GoalMetricKind): string {
  return t(`goals.metric.${kind}`);
}

/** A metric's one-line definition in the reader's language. */
export function metricDefinition(kind: GoalMetricKind): string {
  return t(`goals.def.${kind}`, DEFINITION_PARAMS[kind]);
}

/** The metric with its channels ("Existing customers who ordered again on website"), in the reader's language. */
export function metricText(m: GoalMetric): string {
  if (!isChannelMetric(m)) return metricName(metricKind(m));
  const channels = m.channels.length ? m.channels.join(t('goals.or')) : t('goals.noChannel');
  return t(`goals.metricOn.${m.kind}`, { channels });
}

/** A validation problem (src/goals/goal.ts goalProblems) in the reader's language. */
export const goalProblemText = (p: GoalText) => t(p.key, p.params);

/**
 * The chart: the required path (baseline at the start → target at the deadline), the achieved
 * values (baseline, then each evaluation day) and the projection (dashed: from the current value
 * to the projected value at the deadline). x = days since the start.
 */
export function goalChartSeries(st: GoalStatus): LineSeries[] {
  const out: LineSeries[] = [
    { name: t('goals.chart.required'), points: st.requiredPath.map((p) => ({ x: p.t, y: p.value })) },
    { name: t('goals.chart.achieved'), points: st.achieved.map((p) => ({ x: p.t, y: p.value })) },
  ];
  if (st.projection !== null && st.current !== null && st.elapsedDays < st.totalDays) {
    out.push({ name: t('goals.chart.projection'), dashed: true, points: [{ x: st.elapsedDays, y: st.current }, { x: st.totalDays, y: st.projection }] });
  }
  return out;
}

export function goalSummary(goal: Goal): string {
  const info = metricInfo(goal.metric);
  return t(info.higherIsBetter ? 'goals.summaryUp' : 'goals.summaryDown', { start: fmtDay(goal.start), deadline: fmtDay(goal.deadline) });
}
