/**
 * The report without any I/O of its own beyond reading the input files: engine + options →
 * one plain object (docs/report-json.md). Loads through the app's path (load-files.ts), runs the
 * analyses of src/analyses with the same options the app uses, and maps their results to
 * snake_case sections. The engine's canonical tables are replaced (one report per engine at a time).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { queryRows, type Engine } from '../engine/engine';
import { literal } from '../engine/sql';
import { DataSession } from '../data/session';
import type { RefundRule } from '../data/load/plan';
import { rejectCounts, REJECTS_TABLE, type RejectCount } from '../data/load/rejects';
import {
  resolveOptions, runChurn, runChurnSegments, runCohorts, runInterpurchase, runKpis, runLifecycle, runNps, runRfm, runSales, runSubscriptions,
  type AnalysisOptions, type Calendar, type ChurnSegment, type Period,
} from '../analyses';
import { EXIT, ReportError, inputError, usageError } from './errors';
import { loadPrepared, prepareInputs, type InputSpec, type LoadedInput, type PreparedInput } from './load-files';
import type { MappingFile } from './mapping-file';
import { churnJson, cohortsJson, isoDay, isoDayOrNull, kpisJson, npsJson, rfmJson } from './sections';
import { salesJson } from './sales-section';
import { subscriptionsJson } from './subscriptions-section';
import { checkClvOptions, runClvSection, type ClvReportOptions } from './clv-section';

export interface ReportOptions extends ClvReportOptions {
  files: InputSpec[];
  mapping?: MappingFile | null;
  /** how the mapping file is named in messages (its path) */
  mappingSource?: string;
  asOf?: string;
  period?: Period;
  calendar?: Calendar;
  churnDays?: number;
  refundRule?: RefundRule;
  /** analyse this currency (ISO code); default: the currency with the most orders */
  currency?: string | null;
  /** the files already inspected and planned (`prepareInputs(files, mapping)`), to fail fast before the engine starts */
  prepared?: PreparedInput[];
}

export type Report = Awaited<ReturnType<typeof buildReport>>;

/** Columns of `orders` whose value on the first order splits churn (when the data has them). */
const SEGMENT_COLUMNS = ['channel', 'city', 'product'] as const;

async function versions(engine: Engine): Promise<{ app: string; engine: string; duckdb: string }> {
  const require = createRequire(import.meta.url);
  const read = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  let version = 'unknown';
  try {
    version = read(join(dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs')), '..', 'package.json'));
  } catch {
    /* keep 'unknown' */
  }
  let app = 'unknown';
  try {
    app = read(fileURLToPath(new URL('../../package.json', import.meta.url)));
  } catch {
    /* keep 'unknown' */
  }
  const [{ v }] = await queryRows<{ v: string }>(engine, 'SELECT version() AS v');
  return { app: `retention-notebook ${app}`, engine: `duckdb-wasm ${version}`, duckdb: v };
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw new ReportError(EXIT.analysis, `The ${name} analysis failed: ${(e as Error).message}`, { cause: e });
  }
}

/** Neither orders nor subscriptions: nothing to report on. */
export const NO_INPUT = 'No input file: give at least one --orders FILE, or --subscriptions FILE for a subscriptions-only report.';

export const CUSTOMERS_OUT_NEEDS_ORDERS = '--customers-out needs --orders: it lists the customers the CLV models score.';

/** Validates the options (usage errors, exit code 2) and returns the analyses' options. Without
 *  an orders file only subscriptions can be reported on (`buildSubscriptionsReport`). */
export function checkOptions(options: ReportOptions): AnalysisOptions {
  const has = (table: string) => options.files.some((f) => f.table === table);
  if (!has('orders')) {
    if (!has('subscriptions')) throw usageError(NO_INPUT);
    const others = (['responses', 'customers'] as const).filter(has);
    if (others.length > 0) {
      throw usageError(`${others.map((t) => `--${t}`).join(' and ')} need${others.length === 1 ? 's' : ''} --orders: ` +
        'their analyses are about the customers who ordered. Without --orders only --subscriptions is reported on.');
    }
    if (options.customersCsv) throw usageError(CUSTOMERS_OUT_NEEDS_ORDERS);
  }
  if (options.refundRule !== undefined && options.refundRule !== 'net' && options.refundRule !== 'exclude') {
    throw usageError(`--refund-rule must be net or exclude, got ${JSON.stringify(options.refundRule)}.`);
  }
  if (options.currency && !/^[A-Z]{3}$/.test(options.currency)) throw usageError(`--currency must be a three-letter code such as EUR, got ${JSON.stringify(options.currency)}.`);
  let o: AnalysisOptions;
  try {
    o = resolveOptions({ asOf: options.asOf, period: options.period, calendar: options.calendar, churnDays: options.churnDays });
  } catch (e) {
    throw usageError(`${(e as Error).message}.`);
  }
  checkClvOptions(options, o.asOf);
  return o;
}

function fileRow(f: LoadedInput, counts: RejectCount[], kept: number | undefined) {
  return {
    file: f.label, path: f.path, table: f.table, detected_table: f.detectedTable, preset: f.report.preset,
    read: f.report.rowsRead, loaded: kept ?? f.report.loaded, rejected: Object.fromEntries(counts.map((c) => [c.reason, c.count])),
    rejected_total: counts.reduce((n, c) => n + c.count, 0), row_mode: f.report.rowMode ?? null, notes: f.notes, warnings: f.warnings,
  };
}

async function rowsSection(engine: Engine, inputs: LoadedInput[]) {
  const files: ReturnType<typeof fileRow>[] = [];
  // Counted again at the end: a later file's order ids already loaded from an earlier file are
  // rejected there when the canonical tables are rebuilt, after its load report was made.
  const kept = new Map((await queryRows<{ file: string; n: number }>(engine,
    'SELECT source_file AS file, count(*)::INTEGER AS n FROM orders_all GROUP BY source_file')).map((r) => [r.file, r.n]));
  for (const f of inputs) files.push(fileRow(f, await rejectCounts(engine, f.label), f.table === 'orders' ? kept.get(f.label) ?? 0 : undefined));
  const byReason: Record<string, number> = {};
  for (const f of files) for (const [reason, n] of Object.entries(f.rejected)) byReason[reason] = (byReason[reason] ?? 0) + n;
  const sum = (k: 'read' | 'loaded' | 'rejected_total') => files.reduce((n, f) => n + f[k], 0);
  return { files, totals: { files: files.length, read: sum('read'), loaded: sum('loaded'), rejected: sum('rejected_total'), rejected_by_reason: byReason } };
}

function noOrdersMessage(inputs: LoadedInput[], notCounted: { reason: string; orders: number }[]): string {
  const files = inputs.filter((f) => f.table === 'orders').map((f) => {
    const rejected = f.report.rejected.map((x) => `${x.count} ${x.reason}`).join(', ');
    return `“${f.label}” loaded ${f.report.loaded} of ${f.report.rowsRead} rows${rejected ? ` (rejected: ${rejected})` : ''}`;
  });
  const set = notCounted.map((n) => `${n.orders} ${n.reason}`).join(', ');
  return `No orders to analyse: ${files.join('; ')}${set ? `; not counted: ${set}` : ''}.`;
}

/**
 * MRR when a subscriptions file was loaded (null otherwise): as of --as-of when given, else the
 * subscriptions' own latest day; in --currency when the subscriptions have it, else their main one.
 */
async function subscriptionsSection(engine: Engine, inputs: LoadedInput[], asOf: string | undefined, currency: string | null) {
  if (!inputs.some((f) => f.table === 'subscriptions')) return null;
  const [{ has }] = currency === null ? [{ has: false }]
    : await queryRows<{ has: boolean }>(engine, `SELECT count(*) FILTER (WHERE currency = ${literal(currency)}) > 0 AS has FROM subscriptions`);
  const result = await step('subscriptions (MRR)', () => runSubscriptions(engine, { asOf, currency: has ? currency : null }));
  return subscriptionsJson(result);
}

/** A clean slate (this report owns the engine's canonical tables and rejects), then every file loaded. */
async function loadInputs(engine: Engine, options: ReportOptions, refundRule: RefundRule) {
  await engine.query(`DROP TABLE IF EXISTS ${REJECTS_TABLE}`);
  const session = new DataSession(engine);
  session.settings = { refundRule, currency: options.currency ?? null };
  await session.init();
  const prepared = options.prepared ?? await prepareInputs(options.files, options.mapping ?? null, options.mappingSource);
  return { session, inputs: await loadPrepared(session, prepared) };
}

/** The full report: orders (required), and responses, customers, subscriptions when given. */
export async function buildReport(engine: Engine, options: ReportOptions) {
  if (!options.files.some((f) => f.table === 'orders')) {
    throw usageError(options.files.some((f) => f.table === 'subscriptions')
      ? 'No orders file: give at least one --orders FILE (a subscriptions-only report is built by buildSubscriptionsReport).'
      : NO_INPUT);
  }
  const o = checkOptions(options);
  const clvOptions = checkClvOptions(options, o.asOf);
  const refundRule = options.refundRule ?? 'net';
  const { session, inputs } = await loadInputs(engine, options, refundRule);
  const summary = session.summary!;
  const known = summary.currencies.filter((c) => c.currency !== null);
  if (options.currency && known.length > 0 && !known.some((c) => c.currency === options.currency)) {
    throw inputError(`No orders in ${options.currency}: the loaded orders are in ${known.map((c) => `${c.currency} (${c.orders})`).join(', ')}. ` +
      'Leave out --currency or choose one of those.');
  }
  if (summary.orders === 0) throw inputError(noOrdersMessage(inputs, summary.notCounted));
  const first = isoDayOrNull(summary.firstOrder);
  if (o.asOf !== undefined && first !== null && o.asOf < first) {
    throw inputError(`No orders on or before --as-of ${o.asOf}: the first order is on ${first}.`);
  }
  const counts = await session.tableCounts();

  const kpis = await step('KPI', () => runKpis(engine, o));
  const asOf = isoDay(kpis.summary.asOf);
  if (!options.noClv && clvOptions.calibrationEnd !== undefined && clvOptions.calibrationEnd > asOf) {
    throw inputError(`--calibration-end ${clvOptions.calibrationEnd} is after the as-of day ${asOf} (the day of the latest order): ` +
      'give an earlier --calibration-end or a later --as-of.');
  }
  const cohorts = await step('cohort', () => runCohorts(engine, { ...o, mode: 'on' }));
  const churn = await step('churn', () => runChurn(engine, o));
  const interpurchase = await step('inter-purchase time', () => runInterpurchase(engine, o));
  const [filled] = await queryRows<Record<string, number>>(engine,
    `SELECT ${SEGMENT_COLUMNS.map((c) => `count(${c}) AS ${c}`).join(', ')} FROM orders`);
  const bySegment: Record<string, ChurnSegment[] | null> = { cohort: await step('churn by cohort', () => runChurnSegments(engine, { ...o, by: 'cohort' })) };
  for (const c of SEGMENT_COLUMNS) bySegment[c] = filled[c] > 0 ? await step(`churn by ${c}`, () => runChurnSegments(engine, { ...o, by: c })) : null;
  const lifecycle = await step('lifecycle', () => runLifecycle(engine, o));
  const rfm = await step('RFM', () => runRfm(engine, { ...o, customerLimit: 0 }));
  const nps = counts.responses > 0 ? await step('NPS', () => runNps(engine, { ...o, by: 'rfm' })) : null;
  const sales = await step('sales', () => runSales(engine, o, kpis.summary)); // same options: reuse the KPI summary
  const subscriptions = await subscriptionsSection(engine, inputs, o.asOf, options.currency ?? null);
  const clv = options.noClv ? null
    : await step('predictive CLV', () => runClvSection(engine, asOf, clvOptions, o.churnDays, options.customersCsv));

  return {
    schema_version: 1 as const,
    generated_with: await versions(engine),
    options: {
      as_of: asOf, as_of_given: o.asOf !== undefined, period: o.period, calendar: o.calendar,
      churn_days: o.churnDays, refund_rule: refundRule, currency: summary.currency,
    },
    data: {
      currency: summary.currency, orders: summary.orders, customers: summary.customers, revenue: summary.revenue,
      first_order_day: first, last_order_day: isoDayOrNull(summary.lastOrder),
      currencies: summary.currencies.map((c) => ({ currency: c.currency, orders: c.orders })),
      not_counted: Object.fromEntries(summary.notCounted.map((n) => [n.reason, n.orders])),
      order_lines: counts.order_lines, responses: counts.responses, customer_records: counts.customers,
    },
    rows: await rowsSection(engine, inputs),
    kpis: kpisJson(kpis),
    cohorts: cohortsJson(cohorts, o.period),
    churn: churnJson(churn, interpurchase, bySegment, lifecycle),
    rfm: rfmJson(rfm),
    nps: nps === null ? null : npsJson(nps),
    sales: salesJson(sales),
    subscriptions,
    clv,
  };
}

function noSubscriptionsMessage(inputs: LoadedInput[]): string {
  const files = inputs.filter((f) => f.table === 'subscriptions').map((f) => {
    const rejected = f.report.rejected.map((x) => `${x.count} ${x.reason}`).join(', ');
    return `“${f.label}” loaded ${f.report.loaded} of ${f.report.rowsRead} rows${rejected ? ` (rejected: ${rejected})` : ''}`;
  });
  return `No subscriptions to analyse: ${files.join('; ')}.`;
}

/**
 * The report of subscriptions alone (`--subscriptions` without `--orders`): the same document
 * with the order sections (`data`, `kpis`, `cohorts`, `churn`, `rfm`, `nps`, `sales`, `clv`)
 * null, `subscriptions` filled, and `options.as_of` / `options.currency` those of the MRR analysis.
 */
export async function buildSubscriptionsReport(engine: Engine, options: ReportOptions) {
  if (options.files.some((f) => f.table === 'orders')) throw usageError('Orders were given: build the full report (buildReport).');
  const o = checkOptions(options);
  const refundRule = options.refundRule ?? 'net';
  const { inputs } = await loadInputs(engine, options, refundRule);
  const currencies = await queryRows<{ currency: string | null; n: number }>(engine,
    'SELECT currency, count(*)::INTEGER AS n FROM subscriptions GROUP BY currency ORDER BY n DESC, currency NULLS LAST');
  if (currencies.length === 0) throw inputError(noSubscriptionsMessage(inputs));
  const known = currencies.filter((c) => c.currency !== null);
  if (options.currency && known.length > 0 && !known.some((c) => c.currency === options.currency)) {
    throw inputError(`No subscriptions in ${options.currency}: the loaded subscriptions are in ${known.map((c) => `${c.currency} (${c.n})`).join(', ')}. ` +
      'Leave out --currency or choose one of those.');
  }
  const result = await step('subscriptions (MRR)', () => runSubscriptions(engine, { asOf: o.asOf, currency: options.currency ?? undefined }));
  if (result.asOf === '') throw inputError(noSubscriptionsMessage(inputs));
  const subscriptions = subscriptionsJson(result);
  return {
    schema_version: 1 as const,
    generated_with: await versions(engine),
    options: {
      as_of: result.asOf, as_of_given: o.asOf !== undefined, period: o.period, calendar: o.calendar,
      churn_days: o.churnDays, refund_rule: refundRule, currency: result.currency,
    },
    data: null,
    rows: await rowsSection(engine, inputs),
    kpis: null, cohorts: null, churn: null, rfm: null, nps: null, sales: null,
    subscriptions,
    clv: null,
  };
}

export type SubscriptionsReport = Awaited<ReturnType<typeof buildSubscriptionsReport>>;
/** Either document: the full report or the subscriptions-only one (its order sections null). */
export type AnyReport = Report | SubscriptionsReport;
