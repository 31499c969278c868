import type { LineSeries } from '../charts/lines';
import { metricInfo, type Goal, type GoalUnit } from './goal';
import type { GoalStatus } from './status';

/**
 * Display helpers for goals (pure, no DOM): value formatting by unit, the target as the user
 * types it (percent for shares), and the chart's three lines.
 */

/** A value in its unit: shares as %, scores as points, money with the currency. */
export function formatGoalValue(v: number | null, unit: GoalUnit, currency: string | null = null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  if (unit === 'share') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'score') return v.toFixed(1);
  const num = new Intl.NumberFormat(undefined, { maximumFractionDigits: Math.abs(v) >= 1000 ? 0 : 2 }).format(v);
  return !currency ? num : currency === 'IRT' ? `${num} Toman` : `${num} ${currency}`;
}

/** What the user types for a target: shares in percent (30 → 0.30), other units as is. */
export function targetFromInput(input: number, unit: GoalUnit): number {
  return unit === 'share' ? input / 100 : input;
}

export function targetToInput(target: number, unit: GoalUnit): number {
  return unit === 'share' ? Math.round(target * 100 * 1e6) / 1e6 : target;
}

export function unitHint(unit: GoalUnit, currency: string | null = null): string {
  return unit === 'share' ? '% (e.g. 30 for 30%)' : unit === 'score' ? 'points' : currency === 'IRT' ? 'Toman' : (currency ?? 'money');
}

/**
 * The chart: the required path (baseline at the start → target at the deadline), the achieved
 * values (baseline, then each evaluation day) and the projection (dashed: from the current value
 * to the projected value at the deadline). x = days since the start.
 */
export function goalChartSeries(st: GoalStatus): LineSeries[] {
  const out: LineSeries[] = [
    { name: 'Required path', points: st.requiredPath.map((p) => ({ x: p.t, y: p.value })) },
    { name: 'Achieved', points: st.achieved.map((p) => ({ x: p.t, y: p.value })) },
  ];
  if (st.projection !== null && st.current !== null && st.elapsedDays < st.totalDays) {
    out.push({ name: 'Projection (pace so far)', dashed: true, points: [{ x: st.elapsedDays, y: st.current }, { x: st.totalDays, y: st.projection }] });
  }
  return out;
}

export function goalSummary(goal: Goal): string {
  const info = metricInfo(goal.metric);
  return `${info.higherIsBetter ? 'Higher' : 'Lower'} is better; ${goal.start} → ${goal.deadline}`;
}
