import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import GoalCard from '../../src/components/goals/GoalCard.svelte';
import GoalEditor from '../../src/components/goals/GoalEditor.svelte';
import GoalsPanel from '../../src/components/goals/GoalsPanel.svelte';
import { GoalsStore } from '../../src/app/goals-store.svelte';
import { goalStatus } from '../../src/goals/status';
import { formatGoalValue } from '../../src/goals/view';
import { SAMPLE_GOALS } from '../../src/goals/samples';
import type { GoalSeries } from '../../src/analyses/goal-series';

// Server-side rendering (no DOM needed): the markup and its accessibility attributes.
const goal = SAMPLE_GOALS[0];
const series: GoalSeries = {
  goalId: goal.id, baseline: { day: '2026-04-30', value: 0, from: null, to: '2026-04-30', count: 0, of: 100 },
  points: [{ day: '2026-07-31', value: 0.12, from: '2026-05-01', to: '2026-07-31', count: 12, of: 100 }],
  lastDataDay: '2026-07-31', end: '2026-07-31', windowDays: 184, churnDays: 90,
};
const status = goalStatus(goal, series, (v) => formatGoalValue(v, 'share'));
const noop = () => {};

describe('goal components (rendered on the server)', () => {
  it('GoalCard: figures with units, an accessible progress bar, the status and its rule', () => {
    const { body } = render(GoalCard, { props: { goal, result: { running: false, series, status, error: null }, onedit: noop, ondelete: noop } });
    expect(status.state).toBe('at risk'); // 92 days of 184: projection 24% covers 80% of the required 30%
    expect(body).toMatch(/data-testid="goal-status"[^>]*>at risk</);
    expect(body).toMatch(/data-testid="goal-baseline"[^>]*>0\.0%</);
    expect(body).toMatch(/data-testid="goal-current"[^>]*>12\.0%</);
    expect(body).toMatch(/data-testid="goal-target"[^>]*>30\.0%</);
    expect(body).toMatch(/role="progressbar"[^>]*aria-valuenow="40"/);
    expect(body).toMatch(/aria-valuetext="40% of the way: 12\.0% of 30\.0% \(from 0\.0%\)"/);
    expect(body).toContain('At risk: the projection to 2026-10-31 is 24.0%');
    expect(body).toContain('data-testid="goal-chart"');
    expect(body).toContain('aria-label="Edit goal Bring 30%');
  });

  it('GoalCard: an error is announced', () => {
    const { body } = render(GoalCard, { props: { goal, result: { running: false, series: null, status: null, error: 'boom' } } });
    expect(body).toMatch(/role="alert"[^>]*>This goal could not be computed: boom/);
  });

  it('GoalEditor: labelled inputs, channels from the prop, percent target, segments from the prop', () => {
    const { body } = render(GoalEditor, { props: {
      goal, channels: ['website', 'instagram', 'mobile_app'], segments: [{ label: 'Saeeds', sql: 'SELECT customer_id FROM customers' }],
      onsave: noop, oncancel: noop,
    } });
    // every input and select is inside a <label> (or the channel fieldset's labels)
    const controls = body.match(/<(input|select)\b/g) ?? [];
    expect(controls.length).toBeGreaterThanOrEqual(8); // name, metric, 3 channels, target, start, deadline, segment
    for (const m of body.matchAll(/<(input|select)\b/g)) {
      const before = body.slice(0, m.index);
      expect(before.lastIndexOf('<label')).toBeGreaterThan(before.lastIndexOf('</label>'));
    }
    expect(body).toMatch(/<input type="checkbox" value="website" checked/);
    expect(body).toMatch(/<input type="checkbox" value="instagram"(?! checked)/);
    expect(body).toMatch(/data-testid="goal-target-input"[^>]*value="30"|value="30"[^>]*data-testid="goal-target-input"/);
    expect(body).toContain('% (e.g. 30 for 30%)');
    expect(body).toContain('>Saeeds</option>');
  });

  it('GoalsPanel: one card per goal, add button, status rules', () => {
    const store = new GoalsStore(SAMPLE_GOALS.map((g) => ({ ...g })));
    store.results[goal.id] = { running: false, series, status, error: null };
    const { body } = render(GoalsPanel, { props: { store, engine: null } });
    expect(body.match(/data-testid="goal-card"/g)?.length).toBe(2);
    expect(body).toContain('data-testid="goal-add"');
    expect(body).toContain('How the status is decided');
  });
});

describe('GoalsStore', () => {
  it('saves (add / replace), validates, removes', () => {
    const store = new GoalsStore();
    store.save({ ...goal });
    store.save({ ...goal, target: 0.4 });
    expect(store.goals.length).toBe(1);
    expect(store.goals[0].target).toBe(0.4);
    expect(() => store.save({ ...goal, id: 'x', name: ' ' })).toThrow(/name/);
    expect(store.newId()).toBe('goal-2');
    store.remove(goal.id);
    expect(store.goals).toEqual([]);
  });
});
