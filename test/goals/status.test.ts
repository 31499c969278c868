import { describe, expect, it } from 'vitest';
import type { GoalPoint, GoalSeries } from '../../src/analyses/goal-series';
import type { Goal, GoalMetric } from '../../src/goals/goal';
import { AT_RISK_SHARE, goalStatus, STATUS_RULES } from '../../src/goals/status';

// Goal: 2024-01-01 … 2024-04-09 → T = 100 days. A value measured on D sits at t = D − start + 1
// (2024-01-10 → 10, 2024-02-19 → 50, 2024-04-09 → 100).
const goal = (metric: GoalMetric = 'repeat_customer_rate', target = 0.5, extra: Partial<Goal> = {}): Goal => ({
  id: 'g', name: 'g', metric, target, start: '2024-01-01', deadline: '2024-04-09', ...extra,
});
const pt = (day: string, value: number | null): GoalPoint => ({ day, value, from: null, to: day });
const series = (baseline: number | null, points: [string, number | null][], lastDataDay = points.at(-1)?.[0] ?? '2023-12-20'): GoalSeries => ({
  goalId: 'g', baseline: pt('2023-12-31', baseline), points: points.map(([d, v]) => pt(d, v)),
  lastDataDay, end: points.length ? points.at(-1)![0] : null, windowDays: 100, churnDays: 90,
});

describe('goal status', () => {
  it('no data yet: no evaluation day after the start', () => {
    const st = goalStatus(goal(), series(0.2, []));
    expect(st.state).toBe('no data yet');
    expect(st.current).toBeNull();
    expect(st.progress).toBeNull();
    expect(st.projection).toBeNull();
    expect(st.requiredPath).toEqual([{ t: 0, day: '2024-01-01', value: 0.2 }, { t: 100, day: '2024-04-09', value: 0.5 }]);
    expect(st.rule).toMatch(/^No data yet/);
  });

  it('no data yet: a value without a denominator', () => {
    expect(goalStatus(goal(), series(0.2, [['2024-01-31', null]])).state).toBe('no data yet');
  });

  it('progress and required path: raw and clamped', () => {
    // baseline 0.2, target 0.5, current 0.35 at t = 50: half the way, required now 0.35.
    const st = goalStatus(goal(), series(0.2, [['2024-01-31', 0.3], ['2024-02-19', 0.35]]));
    expect(st.progressRaw).toBeCloseTo(0.5, 12);
    expect(st.progress).toBeCloseTo(0.5, 12);
    expect(st.elapsedDays).toBe(50);
    expect(st.totalDays).toBe(100);
    expect(st.requiredNow).toBeCloseTo(0.35, 12);
    expect(st.achieved.map((p) => [p.t, p.value])).toEqual([[0, 0.2], [31, 0.3], [50, 0.35]]);
    // moved away from the target: raw negative, clamped 0
    const away = goalStatus(goal(), series(0.2, [['2024-02-19', 0.1]]));
    expect(away.progressRaw).toBeCloseTo(-1 / 3, 12);
    expect(away.progress).toBe(0);
  });

  it('achieved (before the deadline) and past the deadline: achieved / missed', () => {
    expect(goalStatus(goal(), series(0.2, [['2024-02-19', 0.5]])).state).toBe('achieved');
    const over = goalStatus(goal(), series(0.2, [['2024-02-19', 0.6]]));
    expect(over.state).toBe('achieved');
    expect(over.progressRaw).toBeCloseTo(4 / 3, 12);
    expect(over.progress).toBe(1);
    expect(goalStatus(goal(), series(0.2, [['2024-04-09', 0.55]], '2024-06-30')).state).toBe('achieved');
    const missed = goalStatus(goal(), series(0.2, [['2024-03-31', 0.45], ['2024-04-09', 0.49]], '2024-06-30'));
    expect(missed.state).toBe('missed');
    expect(missed.rule).toMatch(/deadline 2024-04-09 has passed/);
  });

  it('on track / at risk / off track at their boundaries (linear projection)', () => {
    // t = 50 of 100: projection = baseline + 2 × (current − baseline). Baseline 0.2, target 0.5 (required change 0.3).
    const at = (current: number) => goalStatus(goal(), series(0.2, [['2024-02-19', current]]));
    expect(at(0.35).projection).toBeCloseTo(0.5, 12);
    expect(at(0.35).state).toBe('on track'); // projection exactly the target
    expect(at(0.349).state).toBe('at risk'); // projection 0.498
    // at risk down to 75% of the required change: projection 0.2 + 0.225 = 0.425 ⇔ current 0.3125
    expect(AT_RISK_SHARE).toBe(0.75);
    expect(at(0.3125).state).toBe('at risk');
    expect(at(0.3124).state).toBe('off track');
    expect(at(0.2).state).toBe('off track'); // no movement
    expect(at(0.3124).rule).toMatch(/^Off track: the projection to 2024-04-09 is/);
  });

  it('decreasing is better (churn): comparisons inverted', () => {
    const at = (current: number) => goalStatus(goal('churn_rate', 0.3), series(0.5, [['2024-02-19', current]]));
    expect(at(0.3).state).toBe('achieved');
    expect(at(0.4).state).toBe('on track'); // projection 0.3
    expect(at(0.4).progressRaw).toBeCloseTo(0.5, 12);
    expect(at(0.425).state).toBe('at risk'); // projection 0.35: 75% of the required 0.2 fall
    expect(at(0.43).state).toBe('off track'); // projection 0.36: 70%
    expect(at(0.55).state).toBe('off track'); // rising churn
    expect(at(0.55).progressRaw).toBeCloseTo(-0.25, 12);
    expect(at(0.45).higherIsBetter).toBe(false);
    const missed = goalStatus(goal('churn_rate', 0.3), series(0.5, [['2024-04-09', 0.31]], '2024-04-09'));
    expect(missed.state).toBe('missed');
    expect(missed.rule).toMatch(/not at most the target/);
  });

  it('target equal to the baseline', () => {
    const met = goalStatus(goal('repeat_customer_rate', 0.2), series(0.2, [['2024-02-19', 0.2]]));
    expect(met.state).toBe('achieved');
    expect(met.progressRaw).toBe(1);
    const below = goalStatus(goal('repeat_customer_rate', 0.2), series(0.2, [['2024-02-19', 0.19]]));
    expect(below.state).toBe('off track'); // no required change to cover: at risk does not apply
    expect(below.progressRaw).toBe(0);
  });

  it('no baseline value: no pace, no projection', () => {
    const st = goalStatus(goal(), series(null, [['2024-02-19', 0.3]]));
    expect(st.state).toBe('no data yet');
    expect(st.requiredPath).toEqual([]);
    expect(goalStatus(goal(), series(null, [['2024-02-19', 0.6]])).state).toBe('achieved');
  });

  it('formats numbers in the rule text with the given formatter', () => {
    const st = goalStatus(goal(), series(0.2, [['2024-04-09', 0.3]]), (v) => `${(v * 100).toFixed(1)}%`);
    expect(st.rule).toBe('Missed: the deadline 2024-04-09 has passed and the value there, 30.0%, is not at least the target 50.0%.');
    expect(STATUS_RULES.map((r) => r.state)).toEqual(['no data yet', 'achieved', 'missed', 'on track', 'at risk', 'off track']);
  });
});
