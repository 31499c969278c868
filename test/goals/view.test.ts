import { describe, expect, it } from 'vitest';
import { formatGoalValue, goalChartSeries, targetFromInput, targetToInput } from '../../src/goals/view';
import { goalStatus } from '../../src/goals/status';
import type { Goal } from '../../src/goals/goal';

describe('goal view helpers', () => {
  it('formats values by unit and converts percent targets', () => {
    expect(formatGoalValue(0.1619, 'share')).toBe('16.2%');
    expect(formatGoalValue(33.333, 'score')).toBe('33.3');
    expect(formatGoalValue(null, 'money')).toBe('—');
    expect(formatGoalValue(1500, 'money', 'IRT')).toMatch(/Toman$/);
    expect(targetFromInput(30, 'share')).toBe(0.3);
    expect(targetToInput(0.3, 'share')).toBe(30);
    expect(targetFromInput(50, 'score')).toBe(50);
  });

  it('chart: required path, achieved, dashed projection to the deadline', () => {
    const goal: Goal = { id: 'g', name: 'g', metric: 'aov', target: 150, start: '2024-01-01', deadline: '2024-04-09' };
    const st = goalStatus(goal, {
      goalId: 'g', baseline: { day: '2023-12-31', value: 100, from: null, to: '2023-12-31' },
      points: [{ day: '2024-02-19', value: 120, from: null, to: '2024-02-19' }],
      lastDataDay: '2024-02-19', end: '2024-02-19', windowDays: 100, churnDays: 90,
    });
    const s = goalChartSeries(st);
    expect(s.map((x) => [x.name, x.dashed ?? false])).toEqual([['Required path', false], ['Achieved', false], ['Projection (pace so far)', true]]);
    expect(s[0].points).toEqual([{ x: 0, y: 100 }, { x: 100, y: 150 }]);
    expect(s[1].points).toEqual([{ x: 0, y: 100 }, { x: 50, y: 120 }]);
    expect(s[2].points).toEqual([{ x: 50, y: 120 }, { x: 100, y: 140 }]);
    expect(st.state).toBe('at risk'); // projection 140: 40 of the required 50 = 80% ≥ 75%
  });
});
