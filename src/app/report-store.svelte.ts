import type { Engine } from '../engine/engine';
import { runKpis, type KpiPeriod, type KpiSummary } from '../analyses/kpis';
import { runCohorts, type CohortMode, type CohortResult } from '../analyses/cohorts';
import { runChurn, type ChurnResult } from '../analyses/churn';
import { runInterpurchase, type InterpurchaseResult } from '../analyses/interpurchase';
import { runLifecycle, type LifecyclePeriod } from '../analyses/lifecycle';
import { runChurnSegments, type ChurnSegment } from '../analyses/churn-segments';
import { runWinback, type WinbackRow } from '../analyses/winback';
import { runRfm, type RfmResult } from '../analyses/rfm';
import { runNps, type NpsResult } from '../analyses/nps';
import { runSales, type SalesResult } from '../analyses/sales';
import { runSubscriptions, type SubscriptionsResult } from '../analyses/subscriptions';
import { tableColumns, tableExists } from '../analyses/columns';
import type { Calendar, Period } from '../analyses/options';
import { Section } from './section.svelte';
import { buildPersonaGroups } from '../analyses/persona-groups';
import type { Persona } from '../personas/rules';
import { DEFAULT_PARAMS, type ParamName, type Params } from '../notebook/document';

/** Where the report's parameters live (the notebook document). */
export interface ParamAccess {
  get(): Params;
  set<K extends ParamName>(name: K, value: Params[K]): void;
}

/** Parameters kept in the store itself (tests, or a report without a notebook). */
function localParams(): ParamAccess {
  const p = $state<Params>({ ...DEFAULT_PARAMS });
  return { get: () => p, set: (k, v) => { p[k] = v; } };
}

/**
 * A `performance.measure` named `rn:section:<name>` around one section's run, for the benchmark
 * (bench/report-open.mjs: which panel finishes last). Timing only: the result and errors pass through.
 */
export async function measured<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    try {
      performance.measure(`rn:section:${name}`, { start, end: performance.now() });
    } catch {
      /* no User Timing (some test environments) */
    }
  }
}

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
  /** the same figures per period (sparklines, change vs the previous period) */
  kpiPeriods = $state<KpiPeriod[]>([]);
  cohorts = $state<CohortResult | null>(null);
  running = $state(false);
  error = $state<string | null>(null);
  mode = $state<CohortMode>('on');
  segmentBy = $state('cohort');
  /** breakdowns the loaded orders allow ('cohort' always) */
  segmentOptions = $state<string[]>(['cohort']);
  hasResponses = $state(false);
  ms = $state(0);

  churn = new Section<ChurnView>();
  /** churn by group, with the breakdown it was computed for (the chart is titled by the result, not the picker) */
  segments = new Section<{ by: string; rows: ChurnSegment[] }>();
  rfm = new Section<RfmResult>();
  nps = new Section<NpsResult>();
  subscriptions = new Section<SubscriptionsResult>();
  sales = new Section<SalesResult>();
  private generation = 0;

  /** The document's personas (for the breakdown by persona); set by the app. */
  personas: () => Persona[] = () => [];

  /** Period and churn window are the notebook's parameters: read from and written to it. */
  constructor(private params: ParamAccess = localParams()) {}
  get period(): Period { return this.params.get().period; }
  set period(v: Period) { this.params.set('period', v); }
  get churnDays(): number { return this.params.get().churnDays; }
  set churnDays(v: number) { this.params.set('churnDays', v); }
  get calendar(): Calendar { return this.params.get().calendar; }

  /** Options every analysis shares (reading them inside an effect makes it depend on them). */
  private options() {
    const p = this.params.get();
    return { period: p.period, calendar: p.calendar, churnDays: p.churnDays };
  }

  /** The reporting window (headline figures and cohorts): empty = the whole data. */
  private get range() {
    const p = this.params.get();
    return { from: p.from || undefined, to: p.to || undefined };
  }

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
      const p = this.options();
      const range = this.range;
      const mode = this.mode;
      // One after the other: both build the shared per-customer tables on first use.
      const { summary: kpis, periods } = await measured('kpis', () => runKpis(engine, { ...p, ...range }));
      const cohorts = await measured('cohorts', () => runCohorts(engine, { ...p, ...range, mode }));
      if (gen !== this.generation) return;
      this.kpis = kpis;
      this.kpiPeriods = periods;
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
    this.segmentOptions = ['cohort', ...(this.personas().length ? ['persona'] : []), ...SEGMENT_COLUMNS.filter((c) => columns.includes(c))];
    if (!this.segmentOptions.includes(this.segmentBy)) this.segmentBy = 'cohort';
    this.hasResponses = await tableExists(engine, 'responses');
  }

  /** Churn now and over time, the days-between-orders distribution, lifecycle (period, churn window). */
  refreshChurn(engine: Engine) {
    const o = this.options();
    return this.churn.run(() => measured('churn', async () => ({
      churn: await runChurn(engine, o),
      interpurchase: await runInterpurchase(engine, o),
      lifecycle: await runLifecycle(engine, o),
    })));
  }

  refreshSegments(engine: Engine) {
    const o = { ...this.options(), by: this.segmentBy };
    const personas = o.by === 'persona' ? $state.snapshot(this.personas()) as Persona[] : [];
    return this.segments.run(() => measured('churn segments', async () => {
      if (o.by === 'persona') await buildPersonaGroups(engine, personas);
      return { by: o.by, rows: await runChurnSegments(engine, o) };
    }));
  }

  refreshRfm(engine: Engine) {
    // Segments only: one row per customer (250k objects at 1M orders) is fetched when downloaded.
    return this.rfm.run(() => measured('rfm', () => runRfm(engine, { customerLimit: 0 })));
  }

  refreshNps(engine: Engine) {
    if (!this.hasResponses) {
      this.nps.clear();
      return Promise.resolve();
    }
    const o = { ...this.options(), by: 'rfm' };
    return this.nps.run(() => measured('nps', () => runNps(engine, o)));
  }

  /** The sales profile: geography, best sellers, seasonality, channel repeat rates, loyalty tiers (reporting window). */
  refreshSales(engine: Engine) {
    const o = { ...this.options(), ...this.range };
    return this.sales.run(() => runSales(engine, o));
  }

  /** MRR and its movements, when a subscriptions export is loaded (independent of orders). */
  refreshSubscriptions(engine: Engine, loaded: boolean) {
    if (!loaded) {
      this.subscriptions.clear();
      return Promise.resolve();
    }
    return this.subscriptions.run(() => measured('subscriptions', () => runSubscriptions(engine, {})));
  }

  /** Every customer's RFM scores and segment, for the CSV download. */
  async rfmCustomers(engine: Engine) {
    return (await runRfm(engine, {})).rows;
  }

  /** Every churned customer, most valuable first, for the win-back CSV. */
  winback(engine: Engine): Promise<WinbackRow[]> {
    return runWinback(engine, this.options());
  }
}
