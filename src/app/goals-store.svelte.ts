import type { Engine } from '../engine/engine';
import { runGoalSeries, type GoalSeries } from '../analyses/goal-series';
import { metricInfo, validateGoal, type Goal } from '../goals/goal';
import { goalStatus, type GoalStatus } from '../goals/status';
import { formatGoalValue } from '../goals/view';

export interface GoalResult {
  running: boolean;
  series: GoalSeries | null;
  status: GoalStatus | null;
  error: string | null;
}

const EMPTY: GoalResult = { running: false, series: null, status: null, error: null };

/**
 * The goals panel's state: the goals (saved by the notebook document through `goals`), and per
 * goal the last result. `run` evaluates goals one after the other (one engine, no parallel
 * queries); a newer run supersedes an older one still in flight.
 */
/** Where the goals live: the store itself, or the notebook document (so they save and share with it). */
export interface GoalsAccess {
  get(): Goal[];
  set(goals: Goal[]): void;
}

export class GoalsStore {
  private local = $state<Goal[]>([]);
  private access: GoalsAccess | null = null;
  get goals(): Goal[] { return this.access ? this.access.get() : this.local; }
  set goals(v: Goal[]) { if (this.access) this.access.set(v); else this.local = v; }
  results = $state<Record<string, GoalResult>>({});
  /** inactivity window for churn and CRR goals (the report's setting) */
  churnDays = $state(90);
  /** whose month ends the goals are evaluated on (the notebook's calendar) */
  calendar = $state<'gregorian' | 'jalali'>('gregorian');
  /** currency for money goals and their labels */
  currency = $state<string | null>(null);
  private generation = 0;

  constructor(goals: Goal[] | GoalsAccess = []) {
    if (Array.isArray(goals)) this.local = goals;
    else this.access = goals;
  }

  result(id: string): GoalResult {
    return this.results[id] ?? EMPTY;
  }

  /** Adds or replaces (same id) a goal. Throws with the reasons when it is invalid. */
  save(goal: Goal): void {
    const problems = validateGoal(goal);
    if (problems.length) throw new RangeError(problems.join(' '));
    const i = this.goals.findIndex((g) => g.id === goal.id);
    this.goals = i < 0 ? [...this.goals, goal] : this.goals.map((g, k) => (k === i ? goal : g));
  }

  remove(id: string): void {
    this.goals = this.goals.filter((g) => g.id !== id);
    const { [id]: _, ...rest } = this.results;
    this.results = rest;
  }

  newId(): string {
    let n = this.goals.length + 1;
    while (this.goals.some((g) => g.id === `goal-${n}`)) n++;
    return `goal-${n}`;
  }

  async run(engine: Engine, goals: Goal[] = this.goals): Promise<void> {
    const gen = ++this.generation;
    for (const g of goals) this.results[g.id] = { ...this.result(g.id), running: true, error: null };
    for (const g of goals) {
      if (gen !== this.generation) return;
      try {
        const series = await runGoalSeries(engine, g, { churnDays: this.churnDays, calendar: this.calendar });
        if (gen !== this.generation) return;
        const unit = metricInfo(g.metric).unit;
        const status = goalStatus(g, series, (v) => formatGoalValue(v, unit, this.currency));
        this.results[g.id] = { running: false, series, status, error: null };
      } catch (e) {
        if (gen !== this.generation) return;
        this.results[g.id] = { running: false, series: null, status: null, error: e instanceof Error ? e.message : String(e) };
      }
    }
  }
}
