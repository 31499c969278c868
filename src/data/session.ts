import type { Engine } from '../engine/engine';
import { queryRows } from '../engine/engine';
import { UPLOAD_DIR } from '../engine/settings';
import type { InputFile } from './input';
import type { Inspection } from './inspect';
import { DEFAULT_SETTINGS, type LoadPlan, type LoadSettings } from './load/plan';

import { ensureRejectsTable, clearRejects, rejectCounts, type RejectCount } from './load/rejects';
import { collectCsvRejects, createCsvRaw } from './load/raw-csv';
import { recordsToRaw } from './load/raw-records';
import { normaliseOrders, type OrderRowMode } from './load/normalise-orders';
import { normaliseResponses } from './load/normalise-responses';
import { normaliseCustomers } from './load/normalise-customers';
import { normaliseSubscriptions, type SubscriptionRowMode } from './load/normalise-subscriptions';
import { rebuildSubscriptions } from './load/canonical-subscriptions';
import { rebuildOrders, type CanonicalSummary } from './load/canonical';
import { rebuildSimple } from './load/canonical-simple';
import { validatePlan } from './validate-plan';
import { parquetRecords } from './load/parquet';
import { ident, literal } from '../engine/sql';

export class LoadCancelled extends Error {
  constructor() {
    super('Loading was cancelled; nothing from this file was kept.');
    this.name = 'LoadCancelled';
  }
}

export type LoadStage = 'reading' | 'normalising' | 'combining' | 'done';
export interface LoadProgress {
  stage: LoadStage;
  /** 0..1 within the stage when known. */
  fraction: number | null;
}

/** What happened to one file, in numbers the user sees in the load report. */
export interface FileReport {
  id: string;
  fileName: string;
  table: LoadPlan['table'];
  preset: string | null;
  rowsRead: number;
  /** Orders, responses, customers or subscription rows (subscriptions or billing periods) that made it into the table. */
  loaded: number;
  rejected: RejectCount[];
  rejectedTotal: number;
  rowMode?: OrderRowMode | SubscriptionRowMode;
  notes: string[];
  ms: number;
}

interface LoadedFile {
  report: FileReport;
  stage: string;
  lines: string | null;
  /** Orders files: the canonical columns the stage stores, and the plan's currency. */
  columns: string[];
  currency: string | null;
}

/**
 * The loaded data of one notebook: files in, canonical tables out. Each load reads the file into
 * a raw text table, normalises it into a per-file stage table (rejects counted with reasons),
 * then rebuilds the canonical tables from all stages, so removing a file or changing the refund
 * rule never needs the file again.
 */
export class DataSession {
  readonly files: LoadedFile[] = [];
  settings: LoadSettings = { ...DEFAULT_SETTINGS };
  summary: CanonicalSummary | null = null;
  private seq = 0;

  constructor(readonly engine: Engine) {}

  async init(): Promise<void> {
    await ensureRejectsTable(this.engine);
    await this.rebuild();
  }

  async load(
    input: InputFile, inspection: Inspection, plan: LoadPlan,
    onProgress: (p: LoadProgress) => void = () => {}, signal?: AbortSignal,
  ): Promise<FileReport> {
    const problems = validatePlan(plan);
    if (problems.length) throw new Error(problems.join(' '));
    const t0 = performance.now();
    const id = `f${++this.seq}`;
    const label = plan.fileName;
    // Re-loading a file of the same name replaces it.
    const previous = this.files.findIndex((f) => f.report.fileName === label);
    if (previous >= 0) await this.remove(this.files[previous].report.id, false);
    await clearRejects(this.engine, label);

    const onAbort = () => void this.engine.cancel();
    signal?.addEventListener('abort', onAbort);
    try {
      return await this.loadSteps(input, inspection, plan, id, onProgress, signal, t0);
    } catch (e) {
      // Leave nothing half-loaded behind: the session stays as it was before this file.
      await this.discard(id, plan).catch(() => undefined);
      throw signal?.aborted ? new LoadCancelled() : e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private async discard(id: string, plan: LoadPlan): Promise<void> {
    await this.engine.query(`DROP VIEW IF EXISTS ${ident(`raw_${id}`)}`).catch(() => undefined);
    for (const t of [`raw_${id}`, `raw_${id}_typed`, `stage_${plan.table}_${id}`, `lines_${id}`]) {
      await this.engine.query(`DROP TABLE IF EXISTS ${ident(t)}`).catch(() => undefined);
    }
    await clearRejects(this.engine, plan.fileName);
    for (const f of ['data.csv', 'data.csv.gz']) await this.engine.dropFile(`${UPLOAD_DIR}${id}-${f}`).catch(() => undefined);
  }

  private async loadSteps(
    input: InputFile, inspection: Inspection, plan: LoadPlan, id: string,
    onProgress: (p: LoadProgress) => void, signal: AbortSignal | undefined, t0: number,
  ): Promise<FileReport> {
    const raw = `raw_${id}`;
    const label = plan.fileName;
    onProgress({ stage: 'reading', fraction: null });
    const stopProgress = this.engine.onProgress((f) => onProgress({ stage: 'reading', fraction: f }));
    const registered = `${UPLOAD_DIR}${id}-${plan.read.format === 'csv-gzip' ? 'data.csv.gz' : 'data.csv'}`;
    const isCsv = plan.read.format !== 'json' && plan.read.format !== 'ndjson' && plan.read.format !== 'parquet';
    // The orders file (the big one) is read through a view, scanned once by the normalising query;
    // Jalali dates need a second look at the dates, so then the raw text is materialised.
    const materialize = plan.table !== 'orders' || plan.date.calendar === 'jalali';
    const stage = `stage_${plan.table}_${id}`;
    let malformed = 0;
    let rowsRead: number;
    let loaded: number;
    let lines: string | null = null;
    let stageColumns: string[] = [];
    let rowMode: OrderRowMode | SubscriptionRowMode | undefined;
    let notes: string[] = [];
    try {
      if (!isCsv) {
        const parsed = plan.read.format === 'parquet' ? await parquetRecords(input) : inspection.parsed!;
        malformed = (await recordsToRaw(this.engine, parsed, raw, label)).malformed;
      } else {
        await this.engine.registerFile(registered, inspection.utf8 ? { kind: 'bytes', bytes: inspection.utf8 } : input.source);
        await createCsvRaw(this.engine, registered, raw, plan.read, materialize);
        if (materialize) malformed = await collectCsvRejects(this.engine, raw, plan.read, label);
      }
      if (signal?.aborted) throw new LoadCancelled();
      onProgress({ stage: 'normalising', fraction: null });
      if (plan.table === 'orders') {
        const r = await normaliseOrders(this.engine, plan, raw, stage, `lines_${id}`, plan.read.columns);
        rowsRead = r.rows;
        loaded = r.orders;
        lines = r.linesTable;
        stageColumns = r.columns;
        rowMode = r.rowMode;
        notes = r.notes;
      } else if (plan.table === 'responses') {
        const r = await normaliseResponses(this.engine, plan, raw, stage, plan.read.columns);
        rowsRead = r.rows;
        loaded = r.responses;
        notes = r.notes;
      } else if (plan.table === 'subscriptions') {
        const r = await normaliseSubscriptions(this.engine, plan, raw, stage, plan.read.columns);
        rowsRead = r.rows;
        loaded = r.kept;
        rowMode = r.rowMode;
        notes = r.notes;
      } else {
        const r = await normaliseCustomers(this.engine, plan, raw, stage, plan.read.columns);
        rowsRead = r.rows;
        loaded = r.customers;
        notes = [`Attributes: ${r.attributes.join(', ') || 'none'}.`];
      }
      if (isCsv && !materialize) malformed = await collectCsvRejects(this.engine, raw, plan.read, label);
      rowsRead += malformed;
    } finally {
      stopProgress();
    }
    await this.engine.query(`DROP ${isCsv && !materialize ? 'VIEW' : 'TABLE'} IF EXISTS ${ident(raw)}`);
    if (isCsv) await this.engine.dropFile(registered);
    const rejected = await rejectCounts(this.engine, label);
    const report: FileReport = {
      id, fileName: label, table: plan.table, preset: plan.preset, rowsRead, loaded, rejected,
      rejectedTotal: rejected.reduce((n, r) => n + r.count, 0), rowMode, notes, ms: 0,
    };
    this.files.push({ report, stage, lines, columns: stageColumns, currency: plan.currency });
    onProgress({ stage: 'combining', fraction: null });
    await this.rebuild();
    report.rejected = await rejectCounts(this.engine, label);
    if (plan.table === 'orders' || plan.table === 'subscriptions') {
      // Orders (subscriptions) already loaded from an earlier file were set aside by the rebuild.
      report.loaded = (await queryRows<{ n: number }>(this.engine,
        `SELECT count(*) AS n FROM ${plan.table === 'orders' ? 'orders_all' : 'subscriptions'} WHERE source_file = ${literal(label)}`))[0].n;
    }
    report.rejectedTotal = report.rejected.reduce((n, r) => n + r.count, 0);
    report.ms = performance.now() - t0;
    onProgress({ stage: 'done', fraction: 1 });
    return report;
  }

  async remove(id: string, rebuild = true): Promise<void> {
    const i = this.files.findIndex((f) => f.report.id === id);
    if (i < 0) return;
    const [f] = this.files.splice(i, 1);
    await this.engine.query(`DROP TABLE IF EXISTS ${ident(f.stage)}`);
    if (f.lines) await this.engine.query(`DROP TABLE IF EXISTS ${ident(f.lines)}`);
    await clearRejects(this.engine, f.report.fileName);
    if (rebuild) await this.rebuild();
  }

  async setSettings(settings: Partial<LoadSettings>): Promise<void> {
    this.settings = { ...this.settings, ...settings };
    await this.rebuild();
  }

  /** Rebuild every canonical table from the stage tables. */
  async rebuild(): Promise<void> {
    const of = (t: LoadPlan['table']) => this.files.filter((f) => f.report.table === t)
      .map((f) => ({ stage: f.stage, lines: f.lines, file: f.report.fileName, columns: f.columns, currency: f.currency }));
    this.summary = await rebuildOrders(this.engine, of('orders'), this.settings);
    await rebuildSimple(this.engine, 'responses', of('responses'));
    await rebuildSimple(this.engine, 'customers', of('customers'));
    await rebuildSubscriptions(this.engine, of('subscriptions'));
  }

  async tableCounts(): Promise<Record<'orders' | 'order_lines' | 'customers' | 'responses' | 'subscriptions' | 'load_rejects', number>> {
    const [r] = await queryRows<Record<string, number>>(this.engine, `SELECT
      (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS order_lines,
      (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM responses) AS responses,
      (SELECT count(*) FROM subscriptions) AS subscriptions, (SELECT count(*) FROM load_rejects) AS load_rejects`);
    return r as Record<'orders' | 'order_lines' | 'customers' | 'responses' | 'subscriptions' | 'load_rejects', number>;
  }
}
