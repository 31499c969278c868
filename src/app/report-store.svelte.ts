import type { Engine } from '../engine/engine';
import { runKpiSummary, type KpiSummary } from '../analyses/kpis';
import { runCohorts, type CohortMode, type CohortResult } from '../analyses/cohorts';
import { runChurn, type ChurnResult } from '../analyses/churn';
import { runInterpurchase, type InterpurchaseResult } from '../analyses/interpurchase';
import { runLifecycle, type LifecyclePeriod } from '../analyses/lifecycle';
import { runChurnSegments, type ChurnSegment } from '../analyses/churn-segments';
import { runWinback, type WinbackRow } from '../analyses/winback';
import { runRfm, type RfmResult } from '../analyses/rfm';
import { runNps, type NpsResult } from '../analyses/nps';
import { runSubscriptions, type SubscriptionsResult } from '../analyses/subscriptions';
import { tableColumns, tableExists } from '../analyses/columns';
import type { Period } from '../analyses/options';
import { Section } from './section.svelte';

/** Columns of `orders` a churn breakdown can use, in the order they are offered. */
const SEGMENT_COLUMNS = ['channel', 'city', 'region', 'product', 'category'];

export interface ChurnView {
  churn: ChurnResult;
  interpurchase: InterpurchaseResult;
  lifecycle: LifecyclePeriod[];
}

/**
 * The built-in report's analyses. Each section runs and shows on its own as soon as it is ready;
 * a parameter change re-runs only the sections that depend on it (App.svelte's effects).
 */
export class ReportStore {
  kpis = $state<KpiSummary | null>(null);
  cohorts = $state<CohortResult | null>(null);
  running = $state(false);
  error = $state<string | null>(null);
  period = $state<Period>('month');
  mode = $state<CohortMode>('on');
  churnDays = $state(90);
  segmentBy = $state('cohort');
  /** breakdowns the loaded orders allow ('cohort' always) */
  segmentOptions = $state<string[]>(['cohort']);
  hasResponses = $state(false);
  ms = $state(0);

  churn = new Section<ChurnView>();
  segments = new Section<ChurnSegment[]>();
  rfm = new Section<RfmResult>();
  nps = new Section<NpsResult>();
  subscriptions = new Section<SubscriptionsResult>();
  private generation = 0;

  /** Headline figures and cohorts (period, cohort mode, churn window). */
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
      const kpis = await runKpiSummary(engine, { period: this.period, churnDays: this.churnDays });
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

  /** What the loaded data offers: breakdown columns, survey answers. Once per data version. */
  async inspect(engine: Engine) {
    const columns = await tableColumns(engine, 'orders');
    this.segmentOptions = ['cohort', ...SEGMENT_COLUMNS.filter((c) => columns.includes(c))];
    if (!this.segmentOptions.includes(this.segmentBy)) this.segmentBy = 'cohort';
    this.hasResponses = await tableExists(engine, 'responses');
  }

  /** Churn now and over time, the days-between-orders distribution, lifecycle (period, churn window). */
  refreshChurn(engine: Engine) {
    const o = { period: this.period, churnDays: this.churnDays };
    return this.churn.run(async () => ({
      churn: await runChurn(engine, o),
      interpurchase: await runInterpurchase(engine, o),
      lifecycle: await runLifecycle(engine, o),
    }));
  }

  refreshSegments(engine: Engine) {
    const o = { period: this.period, churnDays: this.churnDays, by: this.segmentBy };
    return this.segments.run(() => runChurnSegments(engine, o));
  }

  refreshRfm(engine: Engine) {
    return this.rfm.run(() => runRfm(engine, {}));
  }

  refreshNps(engine: Engine) {
    if (!this.hasResponses) {
      this.nps.clear();
      return Promise.resolve();
    }
    const o = { period: this.period, churnDays: this.churnDays, by: 'rfm' };
    return this.nps.run(() => runNps(engine, o));
  }

  /** MRR and its movements, when a subscriptions export is loaded (independent of orders). */
  refreshSubscriptions(engine: Engine, loaded: boolean) {
    if (!loaded) {
      this.subscriptions.clear();
      return Promise.resolve();
    }
    return this.subscriptions.run(() => runSubscriptions(engine, {}));
  }

  /** Every churned customer, most valuable first, for the win-back CSV. */
  winback(engine: Engine): Promise<WinbackRow[]> {
    return runWinback(engine, { churnDays: this.churnDays });
  }
}
