/**
 * The headless report command: `npm run report -- --orders FILE … --json OUT.json [--html OUT.html]`.
 * Same detection, loader, analyses and engine (DuckDB-WASM) as the app; writes one JSON document
 * (docs/report-json.md) and prints a short summary. `--html` drives the built app in headless
 * Chromium and saves its "Export report (.html)" (html-export.ts). Exit codes: errors.ts.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNodeEngine } from '../engine/node';
import { rejectsCsv } from '../data/rejects-csv';
import type { RefundRule, TargetTable } from '../data/load/plan';
import { checkDay, type Calendar, type Period } from '../analyses/options';
import { EXIT, ReportError, inputError, q, usageError } from './errors';
import {
  CUSTOMERS_OUT_NEEDS_ORDERS, NO_INPUT, buildReport, buildSubscriptionsReport, checkOptions, type AnyReport, type ReportOptions,
} from './build-report';
import { checkReadable, prepareInputs, type InputSpec, type PreparedInput } from './load-files';
import { parseMappingFile, type MappingFile } from './mapping-file';
import type { ClvMonth } from './clv-section';
import type { TimeUnit } from '../analyses/clv';
import { DEFAULT_HTML_TIMEOUT_S, checkDist, checkDistinctNames, checkNotebookFile, findChromium, type HtmlLang, type HtmlTheme } from './html-export';

export const USAGE = `Usage: npm run report -- --orders FILE [--orders FILE2 …] [options] --json OUT.json
   or: npm run report -- --orders FILE [options] --html OUT.html [--notebook NB.json]   (static HTML report)
   or: npm run report -- --subscriptions FILE [options] --json OUT.json   (subscriptions only)
   or: npx tsx src/cli/report.ts --orders FILE [options] --json OUT.json

Loads the files exactly as the app does (same detection, loader and DuckDB-WASM engine), runs the
analyses and writes one JSON document (fields and units: docs/report-json.md); with --html, also
(or only) the app's "Export report (.html)" file, made in headless Chromium.

Input files (CSV/TSV/whitespace text, .csv.gz, Parquet, JSON, NDJSON)
  --orders FILE        orders export; repeat the flag for several files (required, unless
                       --subscriptions is given: then the report has only the subscriptions)
  --responses FILE     survey answers (NPS 0–10 or CSAT 1–5)
  --customers FILE     customer attributes
  --subscriptions FILE subscriptions export (Stripe → Subscriptions, or billing periods): adds MRR,
                       its movements and revenue churn ("subscriptions" in the JSON); alone, without
                       --orders, it gives a subscriptions-only report (the order sections are null)
  --mapping FILE       JSON that names the columns detection cannot map (docs/report-json.md)

Analysis options
  --as-of YYYY-MM-DD   last observed day, inclusive (default: the day of the latest order)
  --period P           week | month | quarter | year (default: month)
  --calendar C         gregorian | jalali (default: gregorian)
  --churn-days N       inactivity window in days (default: 90)
  --refund-rule R      net (revenue minus refunds, default) | exclude (leave refunded/cancelled orders out)
  --currency XXX       analyse the orders in this currency (default: the one with the most orders);
                       subscriptions too when they have it (default: the one with the most subscriptions)

Predictive CLV (BG/NBD, Pareto/NBD, Gamma-Gamma; docs/clv.md)
  --unit U             day | week: unit of the models, of recency, T and every span (default: week)
  --calibration-end D  fit on orders up to D (YYYY-MM-DD), check on D+1 … as-of (default: no holdout)
  --clv-months N       CLV over N months (default: 12)
  --discount-monthly R discount rate per month, as a fraction (default: 0.01 = 1 %)
  --clv-month M        month step: calendar (30.4375 days, default) | lifetimes (4.345 weeks) | N days
  --non-positive-spend S  refuse (default) | exclude: repeat buyers whose mean repeat spend is ≤ 0
                       make Gamma-Gamma refuse, or are left out of its fit
  --no-clv             skip the models ("clv": null)

Output (at least one of --json and --html)
  --json OUT.json      where to write the JSON report
  --rejects-out FILE   also write every rejected row as CSV
  --customers-out FILE also write one CSV row per customer (P(alive), expected purchases, CLV, tier)
  --debug              print stack traces with errors
  -h, --help           print this text

HTML report (the app's "Export report (.html)": one self-contained file, no script, no URL out)
  --html OUT.html      drive the built app (dist/) in headless Chromium ($CHROMIUM_PATH, else
                       /usr/bin/chromium) on 127.0.0.1 only, load the files through its drop zone and
                       save the export; needs --orders. Of the analysis options it applies --period,
                       --calendar, --churn-days (notebook parameters), --refund-rule and --currency
                       (data settings) and --mapping; the others are for the JSON only
  --notebook NB.json   open this notebook (a saved .json) instead of the built-in report
  --html-include-rows  keep SQL result tables and the top-customers list (may hold customer rows)
  --html-theme T       light (default) | dark
  --lang L             en | fa | ar: the app's language (?lang=)
  --html-timeout S     give up after S seconds (default: ${DEFAULT_HTML_TIMEOUT_S})
  --dist DIR           the built app (default: dist/ of this repository; \`npm run build\` makes it)

Exit codes: 0 done, 2 usage error (also: no Chromium, no built app), 3 an input file cannot be read
or recognised (or the mapping file or notebook is invalid), 4 an analysis or the HTML export failed.`;

export interface HtmlCli {
  out: string;
  notebookPath: string | null;
  includeRows: boolean;
  theme: HtmlTheme | undefined;
  lang: HtmlLang | undefined;
  timeoutSeconds: number;
  dist: string;
  distIsDefault: boolean;
  /** analysis flags given that the HTML report cannot apply */
  jsonOnly: string[];
}

interface Cli extends ReportOptions {
  json: string | null;
  html: HtmlCli | null;
  rejectsOut: string | null;
  customersOut: string | null;
  mappingPath: string | null;
}

/** The repository's dist/ (not the working folder's: `npm run report` runs where it was typed). */
export const DEFAULT_DIST = fileURLToPath(new URL('../../dist', import.meta.url));

/** Flags that only mean something with --html. */
const HTML_ONLY = ['notebook', 'html-include-rows', 'html-theme', 'lang', 'html-timeout', 'dist'] as const;
/** Analysis flags the HTML report cannot take (the app has no such setting): they shape the JSON only. */
const JSON_ONLY = ['as-of', 'unit', 'calibration-end', 'clv-months', 'discount-monthly', 'clv-month', 'non-positive-spend', 'no-clv'] as const;

const TABLE_FLAGS: TargetTable[] = ['orders', 'responses', 'customers', 'subscriptions'];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  throw usageError(`--${flag} must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, got ${JSON.stringify(value)}.`);
}

function outputPath(flag: string, path: string): string {
  const abs = resolve(path);
  if (!existsSync(dirname(abs)) || !statSync(dirname(abs)).isDirectory()) throw usageError(`--${flag} ${path}: the folder ${q(dirname(abs))} does not exist.`);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw usageError(`--${flag} ${path} is a folder; give a file name.`);
  return abs;
}

/** Flags → options; throws usage errors (exit 2). */
export function parseCli(argv: string[]): Cli | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv, strict: true, allowPositionals: false,
      options: {
        orders: { type: 'string', multiple: true }, responses: { type: 'string', multiple: true }, customers: { type: 'string', multiple: true },
        subscriptions: { type: 'string', multiple: true },
        mapping: { type: 'string' }, 'as-of': { type: 'string' }, period: { type: 'string' }, calendar: { type: 'string' },
        'churn-days': { type: 'string' }, 'refund-rule': { type: 'string' }, currency: { type: 'string' },
        unit: { type: 'string' }, 'calibration-end': { type: 'string' }, 'clv-months': { type: 'string' },
        'discount-monthly': { type: 'string' }, 'clv-month': { type: 'string' }, 'customers-out': { type: 'string' }, 'no-clv': { type: 'boolean' },
        'non-positive-spend': { type: 'string' },
        json: { type: 'string' }, 'rejects-out': { type: 'string' }, debug: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        html: { type: 'string' }, notebook: { type: 'string' }, 'html-include-rows': { type: 'boolean' }, 'html-theme': { type: 'string' },
        lang: { type: 'string' }, 'html-timeout': { type: 'string' }, dist: { type: 'string' },
      },
    }));
  } catch (e) {
    // Node's messages carry a hint about '--' that does not apply here: keep the first sentence.
    throw usageError((e as Error).message.split(/\. /)[0].replace(/\.?$/, '.'));
  }
  if (values.help) return 'help';
  if (!values.orders?.length && !values.subscriptions?.length) throw usageError(NO_INPUT);
  if (!values.json && !values.html) throw usageError('No output file: give --json OUT.json and/or --html OUT.html.');
  if (!values.html) {
    const stray = HTML_ONLY.find((f) => values[f] !== undefined);
    if (stray) throw usageError(`--${stray} is an option of the HTML report: give --html OUT.html too.`);
  }
  if (values.html && !values.orders?.length) throw usageError('--html needs --orders: the report\'s panels are computed from orders.');
  const timeout = values['html-timeout'];
  if (timeout !== undefined && !/^[0-9]*\.?[0-9]+$/.test(timeout)) throw usageError(`--html-timeout must be a number of seconds, got ${JSON.stringify(timeout)}.`);
  if (timeout !== undefined && Number(timeout) <= 0) throw usageError(`--html-timeout must be more than 0 seconds, got ${JSON.stringify(timeout)}.`);
  const asOf = values['as-of'];
  if (asOf !== undefined) {
    try {
      checkDay(asOf, '--as-of');
    } catch {
      throw usageError(`--as-of must be a real day written YYYY-MM-DD, got ${JSON.stringify(asOf)}.`);
    }
  }
  const churn = values['churn-days'];
  if (churn !== undefined && !/^[1-9][0-9]*$/.test(churn)) throw usageError(`--churn-days must be a whole number of days ≥ 1, got ${JSON.stringify(churn)}.`);
  const currency = values.currency;
  if (currency !== undefined && !/^[A-Za-z]{3}$/.test(currency)) throw usageError(`--currency must be a three-letter code such as EUR, got ${JSON.stringify(currency)}.`);
  const clvMonths = values['clv-months'];
  if (clvMonths !== undefined && !/^[1-9][0-9]*$/.test(clvMonths)) throw usageError(`--clv-months must be a whole number of months ≥ 1, got ${JSON.stringify(clvMonths)}.`);
  const discount = values['discount-monthly'];
  if (discount !== undefined && !/^[0-9]*\.?[0-9]+$/.test(discount)) {
    throw usageError(`--discount-monthly must be a rate per month as a fraction such as 0.01 (= 1 %), got ${JSON.stringify(discount)}.`);
  }
  const month = values['clv-month'];
  let clvMonth: ClvMonth | undefined;
  if (month === 'calendar' || month === 'lifetimes' || month === undefined) clvMonth = month;
  else if (/^[0-9]+(\.[0-9]+)?$/.test(month)) clvMonth = Number(month);
  else throw usageError(`--clv-month must be calendar, lifetimes or a number of days, got ${JSON.stringify(month)}.`);
  const files: InputSpec[] = TABLE_FLAGS.flatMap((table) => (values[table] ?? []).map((path) => ({ path, table })));
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(resolve(f.path))) throw usageError(`${q(f.path)} is given twice.`);
    seen.add(resolve(f.path));
  }
  const cli: Cli = {
    files, asOf, churnDays: churn === undefined ? undefined : Number(churn), currency: currency?.toUpperCase(),
    period: oneOf<Period>('period', values.period, ['week', 'month', 'quarter', 'year']),
    calendar: oneOf<Calendar>('calendar', values.calendar, ['gregorian', 'jalali']),
    refundRule: oneOf<RefundRule>('refund-rule', values['refund-rule'], ['net', 'exclude']),
    json: values.json === undefined ? null : outputPath('json', values.json),
    html: values.html === undefined ? null : {
      out: outputPath('html', values.html),
      notebookPath: values.notebook ?? null,
      includeRows: values['html-include-rows'] ?? false,
      theme: oneOf<HtmlTheme>('html-theme', values['html-theme'], ['light', 'dark']),
      lang: oneOf<HtmlLang>('lang', values.lang, ['en', 'fa', 'ar']),
      timeoutSeconds: timeout === undefined ? DEFAULT_HTML_TIMEOUT_S : Number(timeout),
      dist: resolve(values.dist ?? DEFAULT_DIST),
      distIsDefault: values.dist === undefined,
      jsonOnly: JSON_ONLY.filter((f) => values[f] !== undefined).map((f) => `--${f}`),
    },
    rejectsOut: values['rejects-out'] === undefined ? null : outputPath('rejects-out', values['rejects-out']),
    mappingPath: values.mapping ?? null,
    noClv: values['no-clv'] ?? false,
    unit: oneOf<TimeUnit>('unit', values.unit, ['day', 'week']),
    calibrationEnd: values['calibration-end'],
    clvMonths: clvMonths === undefined ? undefined : Number(clvMonths),
    discountMonthly: discount === undefined ? undefined : Number(discount),
    clvMonth,
    nonPositiveSpend: oneOf<'refuse' | 'exclude'>('non-positive-spend', values['non-positive-spend'], ['refuse', 'exclude']),
    customersOut: values['customers-out'] === undefined ? null : outputPath('customers-out', values['customers-out']),
  };
  if (cli.customersOut && !files.some((f) => f.table === 'orders')) throw usageError(CUSTOMERS_OUT_NEEDS_ORDERS);
  if (cli.noClv && cli.customersOut) throw usageError('--customers-out needs the CLV models: leave out --no-clv.');
  if (cli.html) checkDistinctNames(files.map((f) => f.path));
  const outputs = [['json', cli.json], ['html', cli.html?.out ?? null], ['rejects-out', cli.rejectsOut], ['customers-out', cli.customersOut]]
    .filter((x): x is [string, string] => x[1] !== null);
  for (let i = 1; i < outputs.length; i++) {
    const twice = outputs.slice(0, i).find(([, p]) => p === outputs[i][1]);
    if (twice) throw usageError(`--${twice[0]} and --${outputs[i][0]} name the same file ${q(outputs[i][1])}.`);
  }
  checkOptions(cli);
  return cli;
}

function readMapping(path: string): MappingFile {
  checkReadable(path, '--mapping');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw inputError(`Cannot read the mapping file ${q(path)}: ${(e as Error).message}`, e);
  }
  return parseMappingFile(text, path);
}

const num = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits });
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);

const unitWords = (unit: string, n: number) => `${num(n, 1)} ${unit}${n === 1 ? '' : 's'}`;

/** The CLV lines: the fit and its totals, or the refusal (a note, not an error). */
export function clvLines(r: AnyReport): string[] {
  const c = r.clv;
  if (c === null) return [];
  if (c.status === 'refused') return [`Predictive CLV not computed (${c.code}): ${c.message}`];
  const cur = r.data?.currency ? ` ${r.data.currency}` : '';
  const holdout = c.holdout ? `calibration to ${c.calibration_end}, holdout to ${c.as_of}` : `observed to ${c.as_of}, no holdout`;
  const out = [`Predictive CLV (${c.time_unit}s, ${holdout}): BG/NBD r ${num(c.bgnbd.r, 3)}, α ${num(c.bgnbd.alpha, 3)}, ` +
    `a ${num(c.bgnbd.a, 3)}, b ${num(c.bgnbd.b, 3)} on ${num(c.customers)} customers (${num(c.repeat_buyers)} repeat buyers); ` +
    `expected purchases in the next ${unitWords(c.horizon.unit, c.horizon.length)} ${num(c.totals.expected_purchases, 1)}, ` +
    `${c.clv_schedule.months}-month CLV ${num(c.totals.clv)}${c.totals.clv === null ? '' : cur}.`];
  const t = c.tiers;
  out.push(`  tiers: ${num(t.active)} active, ${num(t.at_risk)} at risk, ${num(t.likely_lost)} likely lost, ` +
    `${num(t.one_time_new)} one-time new, ${num(t.one_time_lapsed)} one-time lapsed.`);
  for (const [name, m] of [['Pareto/NBD', c.pareto_nbd], ['Gamma-Gamma', c.gamma_gamma]] as const) {
    if (m?.status === 'refused') out.push(`  ${name} refused (${m.code}): ${m.message}`);
  }
  return out;
}

/** The MRR line, when a subscriptions file was given. */
export function subscriptionLines(r: AnyReport): string[] {
  const s = r.subscriptions;
  if (s === null) return [];
  const cur = s.currency ? ` ${s.currency}` : '';
  const l = s.latest;
  return [`MRR as of ${s.as_of}: ${num(s.mrr_as_of)}${cur}` + (l === null ? ' (no complete month yet).'
    : `; ${l.month}: MRR ${num(l.mrr)}${cur} of ${num(l.customers)} customers, net revenue churn ${pct(l.net_revenue_churn_rate)}, ` +
      `NRR ${pct(l.net_revenue_retention)}, customer churn ${pct(l.customer_churn_rate)}.`)];
}

/** The few lines printed on stdout. */
export function summaryLines(r: AnyReport, jsonPath: string, seconds: number, rejectsPath: string | null, customersPath: string | null = null): string[] {
  const out = [`Loaded ${r.rows.totals.files} file(s) with ${r.generated_with.engine} in ${seconds.toFixed(1)} s:`];
  const width = Math.max(...r.rows.files.map((f) => f.file.length));
  for (const f of r.rows.files) {
    const reasons = Object.entries(f.rejected).map(([reason, n]) => `${num(n)} ${reason}`).join(', ');
    out.push(`  ${f.table.padEnd(9)} ${f.file.padEnd(width)}  ${num(f.read)} rows read, ${num(f.loaded)} loaded, ${num(f.rejected_total)} rejected${reasons ? ` (${reasons})` : ''}`);
  }
  const d = r.data;
  const k = r.kpis;
  if (d !== null && k !== null) {
    const cur = d.currency ? ` ${d.currency}` : '';
    const notCounted = Object.entries(d.not_counted).map(([reason, n]) => `${num(n)} ${reason}`).join(', ');
    out.push(`Counted ${num(d.orders)} orders of ${num(d.customers)} customers, revenue ${num(d.revenue)}${cur}${notCounted ? ` (not counted: ${notCounted})` : ''}.`);
    out.push(`As of ${r.options.as_of} (${r.options.period} periods, churn after ${r.options.churn_days} days): AOV ${num(k.aov)}${cur}, ` +
      `purchase frequency ${num(k.purchase_frequency)}, repeat customer rate ${pct(k.repeat_customer_rate)}, churn rate ${pct(k.churn_rate)}` +
      `${r.nps ? `, NPS ${num(r.nps.score, 1)} (${num(r.nps.responses)} answers)` : ''}.`);
  }
  out.push(...clvLines(r));
  out.push(...subscriptionLines(r));
  out.push(`Report written to ${jsonPath}`);
  if (rejectsPath) out.push(`Rejected rows written to ${rejectsPath}`);
  if (customersPath) {
    out.push(r.clv?.status === 'fitted'
      ? `Customers (${num(r.clv.customers)} rows) written to ${customersPath}`
      : `Customers written to ${customersPath} (header only: the models refused)`);
  }
  return out;
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** A file written in chunks to a temporary name, renamed into place by `commit` (removed by `discard`). */
function chunkedFile(path: string) {
  const tmp = `${path}.${process.pid}.tmp`;
  let fd: number | null = null;
  return {
    write(chunk: string) {
      fd ??= openSync(tmp, 'w');
      writeSync(fd, chunk);
    },
    commit() {
      if (fd === null) return false;
      closeSync(fd);
      fd = null;
      renameSync(tmp, path);
      return true;
    },
    discard() {
      if (fd !== null) closeSync(fd);
      fd = null;
      rmSync(tmp, { force: true });
    },
  };
}

/** The JSON report (and --rejects-out / --customers-out); returns the summary lines. */
async function writeJsonReport(cli: Cli & { json: string }, mapping: MappingFile | null, prepared: PreparedInput[], t0: number): Promise<string[]> {
  const engine = await createNodeEngine();
  const customers = cli.customersOut ? chunkedFile(cli.customersOut) : null;
  let report: AnyReport;
  try {
    report = cli.files.some((f) => f.table === 'orders')
      ? await buildReport(engine, { ...cli, mapping, prepared, customersCsv: customers ? (chunk) => customers.write(chunk) : undefined })
      : await buildSubscriptionsReport(engine, { ...cli, mapping, prepared });
    writeAtomically(cli.json, `${JSON.stringify(report, null, 2)}\n`);
    customers?.commit();
  } finally {
    customers?.discard();
  }
  if (cli.rejectsOut) writeAtomically(cli.rejectsOut, await rejectsCsv(engine));
  for (const f of report.rows.files) for (const w of f.warnings) process.stderr.write(`warning: ${f.file}: ${w}\n`);
  return summaryLines(report, cli.json, (performance.now() - t0) / 1000, cli.rejectsOut, cli.customersOut);
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const t0 = performance.now();
  try {
    if (argv.length === 0) {
      process.stderr.write(`${USAGE}\n`);
      return EXIT.usage;
    }
    const cli = parseCli(argv);
    if (cli === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (cli.html) {
      // What --html needs from the machine, before any work: exit 2 with what to do.
      findChromium();
      checkDist(cli.html.dist, cli.html.distIsDefault);
    }
    const mapping = cli.mappingPath ? readMapping(cli.mappingPath) : null;
    if (cli.html?.notebookPath) checkNotebookFile(cli.html.notebookPath);
    for (const table of TABLE_FLAGS) {
      if (mapping?.[table] && !cli.files.some((f) => f.table === table)) {
        process.stderr.write(`warning: the mapping file has a "${table}" section but no --${table} file was given.\n`);
      }
    }
    // Inspect and plan before starting the engine: bad input fails in a fraction of a second.
    const prepared = await prepareInputs(cli.files, mapping, cli.mappingPath ?? '--mapping');
    const lines: string[] = [];
    if (cli.json) lines.push(...await writeJsonReport({ ...cli, json: cli.json }, mapping, prepared, t0));
    if (cli.html) {
      const h = cli.html;
      if (h.jsonOnly.length) {
        process.stderr.write(`warning: ${h.jsonOnly.join(', ')} ${h.jsonOnly.length === 1 ? 'shapes' : 'shape'} the JSON report only; ` +
          'the HTML report has the app\'s own settings for them.\n');
      }
      const { exportHtml } = await import('./html-export');
      const r = await exportHtml({
        out: h.out, dist: h.dist, notebookPath: h.notebookPath, prepared, period: cli.period, calendar: cli.calendar, churnDays: cli.churnDays,
        refundRule: cli.refundRule, currency: cli.currency ?? undefined, theme: h.theme, includeRows: h.includeRows, lang: h.lang,
        timeoutSeconds: h.timeoutSeconds, debug, log: (line) => process.stderr.write(`${line}\n`),
      });
      for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      lines.push(`HTML report written to ${r.path} (${Math.round(r.bytes / 1024)} KiB, ${r.charts} charts, ${r.seconds.toFixed(1)} s)`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  } catch (e) {
    const known = e instanceof ReportError;
    const message = known ? e.message : `The report failed: ${(e as Error)?.message ?? String(e)}`;
    process.stderr.write(`error: ${message}\n`);
    if (known && e.exitCode === EXIT.usage) process.stderr.write('Run with --help for the usage.\n');
    if (debug) {
      process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
      const cause = (e as Error)?.cause;
      if (cause instanceof Error && cause.stack) process.stderr.write(`caused by: ${cause.stack}\n`);
    }
    return known ? e.exitCode : EXIT.analysis;
  }
}

// Run when executed (tsx src/cli/report.ts …), not when imported by tests.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `npm run report` runs in the package root; file paths are meant from where it was typed.
  if (process.env.npm_lifecycle_event === 'report' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
