import type { Engine } from '../engine/engine';
import { runKpiSummary, type KpiSummary } from '../analyses/kpis';
import { runCohorts, type CohortMode, type CohortResult } from '../analyses/cohorts';
import type { Period } from '../analyses/options';

/**
 * The headline analyses shown as soon as data is loaded (the full notebook builds on the same
 * analysis functions). Re-runs when the data or a parameter changes; a newer run supersedes an
 * older one that is still in flight.
 */
export class ReportStore {
  kpis = $state<KpiSummary | null>(null);
  cohorts = $state<CohortResult | null>(null);
  running = $state(false);
  error = $state<string | null>(null);
  period = $state<Period>('month');
  mode = $state<CohortMode>('on');
  ms = $state(0);
  private generation = 0;

  async refresh(engine: Engine, hasOrders: boolean) {
    const gen = ++this.generation;
    if (!hasOrders) {
      this.kpis = null;
      this.cohorts = null;
      return;
    }
    this.running = true;
    this.error = null;
    const t0 = performance.now();
    try {
      const kpis = await runKpiSummary(engine, { period: this.period });
      const cohorts = await runCohorts(engine, { period: this.period, mode: this.mode });
      if (gen !== this.generation) return;
      this.kpis = kpis;
      this.cohorts = cohorts;
      this.ms = performance.now() - t0;
    } catch (e) {
      if (gen === this.generation) this.error = (e as Error).message;
    } finally {
      if (gen === this.generation) this.running = false;
    }
  }
}
