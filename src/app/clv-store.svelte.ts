import type { Engine } from '../engine/engine';
import { runClv, streamClvCustomers, type ClvOptions, type ClvResult, type TimeUnit } from '../analyses/clv';
import { isModelRefusal } from '../models/refusals';
import { CUSTOMERS_CSV_HEADER, clvCustomersCsvRows } from '../share/clv-csv';
import { measured } from './report-store.svelte';

/** Runs the CLV analysis: in-process by default; the app passes the worker client. */
export type ClvRunner = (
  engine: Engine, options: ClvOptions, hooks: { signal: AbortSignal; onProgress?: (phase: string) => void },
) => Promise<ClvResult>;

const inProcess: ClvRunner = (engine, options, { signal }) => runClv(engine, { ...options, signal });

/**
 * The CLV section's state: the user's choices (time unit, as-of date, horizon, discount, holdout),
 * the run in flight (progress phase, cancel) and the last result or refusal. A newer run
 * supersedes (and cancels) one still in flight.
 */
export class ClvStore {
  unit = $state<TimeUnit>('week');
  /** end of observation (YYYY-MM-DD); '' = the last order day */
  asOf = $state('');
  months = $state(12);
  /** percent per month */
  discountPercent = $state(1);
  /** weeks held out at the end to check the model against (0 = none) */
  holdoutWeeks = $state(0);

  result = $state<ClvResult | null>(null);
  /** why the models could not be fitted (too few customers…): a message, not an error */
  refusal = $state<string | null>(null);
  error = $state<string | null>(null);
  running = $state(false);
  phase = $state('');
  ms = $state(0);
  private controller: AbortController | null = null;

  constructor(private runner: ClvRunner = inProcess) {}

  /** The options of a run on data whose last order day is `lastDay` (YYYY-MM-DD). */
  options(lastDay: string): ClvOptions {
    const asOf = this.asOf || lastDay;
    const calibrationEnd = this.holdoutWeeks > 0 ? shiftDay(asOf, -7 * this.holdoutWeeks) : undefined;
    return {
      unit: this.unit, asOf, calibrationEnd, months: this.months, monthlyDiscount: this.discountPercent / 100,
      // Pareto/NBD is the slow fit and only adds a second P(alive): left out of the interactive run.
      paretoNbd: false, customerLimit: 0,
    };
  }

  async run(engine: Engine, lastDay: string | null) {
    this.cancel();
    if (!lastDay) {
      this.result = null;
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.running = true;
    this.error = null;
    this.refusal = null;
    this.phase = 'Preparing per-customer summaries';
    const t0 = performance.now();
    try {
      const result = await this.exclusive(() => measured('clv', () => this.runner(engine, this.options(lastDay), {
        signal: controller.signal, onProgress: (p) => { mark('rn:clv-phase', p); if (this.controller === controller) this.phase = p; },
      })));
      mark('rn:clv-timings', result.timings);
      if (this.controller !== controller) return;
      this.result = result;
      this.ms = performance.now() - t0;
    } catch (e) {
      if (this.controller !== controller || controller.signal.aborted || (e as Error).name === 'AbortError') return;
      this.result = null;
      if (isModelRefusal(e)) this.refusal = (e as Error).message;
      else this.error = (e as Error).message;
    } finally {
      if (this.controller === controller) {
        this.running = false;
        this.controller = null;
      }
    }
  }

  /** Every scored customer of the current result as CSV (by customer_id), built page by page. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Runs `work` after every earlier CLV job. The CLV fit and everything that re-scores customers
   * (the CSV download, predicted CLV per persona) rebuild the same per-customer summary table in
   * DuckDB: run concurrently, one would read the other's table.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async customersCsv(engine: Engine): Promise<string> {
    if (!this.result) return CUSTOMERS_CSV_HEADER;
    const parts = [`${CUSTOMERS_CSV_HEADER}\r\n`];
    const result = this.result;
    await this.exclusive(() => streamClvCustomers(engine, result, (batch) => { if (batch.length) parts.push(`${clvCustomersCsvRows(batch)}\r\n`); }));
    return parts.join('');
  }

  cancel() {
    if (!this.controller) return;
    this.controller.abort();
    this.controller = null;
    this.running = false;
    this.phase = '';
  }
}

/** A performance mark for the benchmark (bench/report-open.mjs); nothing else reads it. */
function mark(name: string, detail: unknown) {
  try {
    performance.mark(name, { detail });
  } catch {
    /* no User Timing */
  }
}

/** YYYY-MM-DD shifted by whole days (UTC calendar arithmetic). */
export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
