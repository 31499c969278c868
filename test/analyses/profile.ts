/**
 * Profiles every analysis on synthetic data (perf-data.ts). Not a test (Vitest only picks up
 * *.test.ts); run it by hand:
 *
 *   npx tsx test/analyses/profile.ts --orders 1000000                 # DuckDB-WASM (Node, blocking build)
 *   npx tsx test/analyses/profile.ts --orders 1000000 --impl both     # before (legacy/) and after, interleaved
 *   npx tsx test/analyses/profile.ts --orders 1000000 --native        # + native DuckDB 1.4.3, 1 thread
 *   npx tsx test/analyses/profile.ts --orders 10000000 --runs 1 --only kpis,cohorts --no-lines
 *
 * Options:
 *   --orders N       synthetic orders (default 1000000)
 *   --runs R         runs per analysis, the median is reported (default 3)
 *   --only a,b       only analyses whose name contains one of these
 *   --impl X         new (src/analyses, default) | legacy (test/analyses/legacy, the code before the
 *                    performance work) | both (legacy and new alternately, run by run, so that a
 *                    busy machine slows both alike)
 *   --warm           also time the new code with its shared tables already built
 *   --native         the same analyses in native DuckDB (threads=1) for comparison (time spent in
 *                    DuckDB only; wasm times are wall times including Arrow decoding)
 *   --check          compare wasm and native results (implies --native)
 *   --same           with --impl both: compare the legacy and the new results (1e-9 relative)
 *   --view           `orders` as a view over `orders_all` (like the loader) instead of a table
 *   --no-lines       no `order_lines` table (10M orders + 15M lines do not fit the default memory_limit)
 *   --queries        per-query timings (median cold run); --min-ms M hides faster queries (default 5)
 *   --json FILE      everything as JSON
 *
 * "cold": each run of the new code starts without the shared tables of base.ts
 * (dropAnalysisCache), as the first analysis after a load does; "warm": they exist (any later
 * analysis on the same data). "set": every analysis once in a row from a cold start, the way a
 * report runs them. Per-query times come from an Engine wrapper that times every `query` call.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tableFromIPC, tableFromJSON, tableToIPC, type Table } from 'apache-arrow';
import type { Engine, FileSource, QueryOptions } from '../../src/engine/engine';
import { OPEN_SETTINGS } from '../../src/engine/settings';
import * as current from '../../src/analyses';
import { runKpiSummary, runKpis } from './legacy/kpis';
import { runCohorts } from './legacy/cohorts';
import { runChurn } from './legacy/churn';
import { runInterpurchase } from './legacy/interpurchase';
import { runChurnSegments } from './legacy/churn-segments';
import { runLifecycle } from './legacy/lifecycle';
import { runWinback } from './legacy/winback';
import { runRfm } from './legacy/rfm';
import { runNps } from './legacy/nps';
import { runSales } from './legacy/sales';
import { runGeography } from './legacy/geography';
import { runProducts } from './legacy/products';
import { runSeasonality } from './legacy/seasonality';
import { runChannels } from './legacy/channels';
import { runLoyalty } from './legacy/loyalty';
import { createSyntheticTables } from './perf-data';

const argv = process.argv.slice(2);
const flag = (k: string) => argv.includes(k);
const arg = (k: string, d?: string) => {
  const i = argv.indexOf(k);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : d;
};
const ORDERS = Number(arg('--orders', '1000000'));
const RUNS = Number(arg('--runs', '3'));
const ONLY = arg('--only')?.split(',').map((s) => s.trim()).filter(Boolean);
const MIN_MS = Number(arg('--min-ms', '5'));
const CHECK = flag('--check');
const SAME = flag('--same');
const NATIVE = flag('--native') || CHECK;
const WARM = flag('--warm');
const IMPL = arg('--impl', 'new') as 'new' | 'legacy' | 'both';
if (!['new', 'legacy', 'both'].includes(IMPL)) throw new Error(`--impl new|legacy|both, got ${IMPL}`);

const legacy = {
  runKpiSummary, runKpis, runCohorts, runChurn, runInterpurchase, runChurnSegments, runLifecycle, runWinback, runRfm, runNps,
  runSales, runGeography, runProducts, runSeasonality, runChannels, runLoyalty,
};
type Impl = typeof legacy;
const IMPLS: Record<'new' | 'legacy', Impl> = { new: current, legacy };

/** The analyses as the report would call them. */
const ANALYSES: [string, (i: Impl, e: Engine) => Promise<unknown>][] = [
  ['kpiSummary', (i, e) => i.runKpiSummary(e)],
  ['kpis (month)', (i, e) => i.runKpis(e)],
  ['kpis (week)', (i, e) => i.runKpis(e, { period: 'week' })],
  ['cohorts (on)', (i, e) => i.runCohorts(e, { mode: 'on' })],
  ['cohorts (on-or-after, week)', (i, e) => i.runCohorts(e, { mode: 'on-or-after', period: 'week' })],
  ['cohorts (breakdown channel)', (i, e) => i.runCohorts(e, { breakdown: 'channel' })],
  ['churn', (i, e) => i.runChurn(e)],
  ['churn (week)', (i, e) => i.runChurn(e, { period: 'week' })],
  ['interpurchase', (i, e) => i.runInterpurchase(e)],
  ['churnSegments (cohort)', (i, e) => i.runChurnSegments(e, { by: 'cohort' })],
  ['churnSegments (channel)', (i, e) => i.runChurnSegments(e, { by: 'channel' })],
  ['lifecycle', (i, e) => i.runLifecycle(e)],
  ['lifecycle (week)', (i, e) => i.runLifecycle(e, { period: 'week' })],
  ['winback (all)', (i, e) => i.runWinback(e)],
  ['rfm (summary)', (i, e) => i.runRfm(e, { customerLimit: 0 })],
  ['rfm (all customers)', (i, e) => i.runRfm(e)],
  ['nps (by rfm)', (i, e) => i.runNps(e, { by: 'rfm' })],
  ['nps (by channel)', (i, e) => i.runNps(e, { by: 'channel' })],
  ['sales', (i, e) => i.runSales(e)],
  ['geography (city)', (i, e) => i.runGeography(e, { column: 'city' })],
  ['products', (i, e) => i.runProducts(e)],
  ['seasonality', (i, e) => i.runSeasonality(e)],
  ['channels', (i, e) => i.runChannels(e)],
  ['loyalty', (i, e) => i.runLoyalty(e)],
  ['kpis (jalali month)', (i, e) => i.runKpis(e, { calendar: 'jalali' })],
  ['cohorts (jalali month)', (i, e) => i.runCohorts(e, { calendar: 'jalali' })],
];

interface QueryTiming { sql: string; ms: number }

/** Wraps an engine so that every query is timed and recorded. */
function timed(engine: Engine): Engine & { log: QueryTiming[] } {
  const log: QueryTiming[] = [];
  return {
    ...engine,
    kind: engine.kind,
    log,
    async query(sql: string, options?: QueryOptions) {
      const t = performance.now();
      try {
        return await engine.query(sql, options);
      } finally {
        log.push({ sql, ms: performance.now() - t });
      }
    },
    insertArrow: (n, t, o) => {
      const t0 = performance.now();
      return engine.insertArrow(n, t, o).finally(() => log.push({ sql: `insertArrow ${n}`, ms: performance.now() - t0 }));
    },
  };
}

/** DuckDB-WASM, blocking build, like src/engine/node.ts, but also reporting the wasm heap size. */
async function createWasm(): Promise<{ engine: Engine; heapBytes: () => number }> {
  const require = createRequire(import.meta.url);
  const duckdb: typeof import('@duckdb/duckdb-wasm/blocking') = require('@duckdb/duckdb-wasm/blocking');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  for (const s of OPEN_SETTINGS) conn.query(s);
  const engine: Engine = {
    kind: 'node',
    async query(sql: string): Promise<Table> {
      return tableFromIPC(conn.useUnsafe((b, id) => b.runQuery(id, sql)));
    },
    async registerFile(name: string, source: FileSource) {
      if (source.kind !== 'path') throw new Error('profile: path files only');
      db.registerFileURL(name, source.path, duckdb.DuckDBDataProtocol.NODE_FS, true);
    },
    async dropFile(name: string) { db.dropFile(name); },
    async insertArrow(tableName: string, table: Table, options?: { create?: boolean }) {
      conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name: tableName, create: options?.create ?? true });
    },
    async cancel() { return false; },
    onProgress() { return () => {}; },
    async close() { conn.close(); db.reset(); },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const heapBytes = () => conn.useUnsafe((b: any) => b.mod.HEAPU8.length as number);
  return { engine, heapBytes };
}

/** Native DuckDB (@duckdb/node-api 1.4.3 = the engine inside DuckDB-WASM 1.32), one thread. */
async function createNative(): Promise<Engine> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  for (const s of OPEN_SETTINGS) await conn.run(s);
  const toJs = (v: unknown): unknown => {
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Date) return v.getTime();
    return v;
  };
  const engine: Engine & { sqlSeconds: number } = {
    kind: 'node',
    sqlSeconds: 0,
    async query(sql: string): Promise<Table> {
      const t = performance.now();
      const reader = await conn.runAndReadAll(sql);
      engine.sqlSeconds += (performance.now() - t) / 1000;
      const rows = reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toJs(v)])));
      return tableFromJSON(rows);
    },
    async registerFile() { throw new Error('profile: native registerFile not supported'); },
    async dropFile() {},
    async insertArrow(tableName: string, table: Table) {
      // Small tables only (calendar_days): as VALUES.
      const names = table.schema.fields.map((f) => f.name);
      const lit = (v: unknown) => (v === null || v === undefined ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));
      const rows = [...table].map((r) => `(${names.map((n) => lit(r![n])).join(', ')})`);
      await conn.run(`CREATE TABLE "${tableName}" AS SELECT * FROM (VALUES ${rows.join(', ')}) t(${names.map((n) => `"${n}"`).join(', ')})`);
    },
    async cancel() { return false; },
    onProgress() { return () => {}; },
    async close() { conn.closeSync(); instance.closeSync(); },
  };
  return engine;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const oneLine = (sql: string, n = 110) => sql.replace(/\s+/g, ' ').trim().slice(0, n);

interface Timing { runs: number[]; median: number; queries: QueryTiming[]; error?: string; result?: unknown }
interface Row { name: string; legacy?: Timing; new?: Timing; warm?: number }

async function timeOnce(impl: 'new' | 'legacy', fn: (i: Impl, e: Engine) => Promise<unknown>, base: Engine):
  Promise<{ s?: number; log: QueryTiming[]; error?: string; result?: unknown }> {
  if (impl === 'new') await current.dropAnalysisCache(base);
  const e = timed(base);
  const t = performance.now();
  // Native: only the time DuckDB spends (the JS conversion of its rows into Arrow is this
  // script's, not the engine's); wasm: wall time, Arrow decoding included.
  const sql0 = (base as { sqlSeconds?: number }).sqlSeconds;
  try {
    const result = await fn(IMPLS[impl], e);
    const s = sql0 === undefined ? (performance.now() - t) / 1000 : (base as unknown as { sqlSeconds: number }).sqlSeconds - sql0;
    return { s, log: e.log, result };
  } catch (err) {
    return { log: e.log, error: (err as Error).message.split('\n')[0] };
  }
}

function summarise(runs: { s?: number; log: QueryTiming[]; error?: string; result?: unknown }[]): Timing {
  const ok = runs.filter((r) => r.s !== undefined);
  const error = runs.find((r) => r.error)?.error;
  const m = ok.length ? median(ok.map((r) => r.s!)) : NaN;
  const mid = ok.find((r) => r.s === m) ?? ok[0];
  return { runs: ok.map((r) => r.s!), median: m, queries: mid?.log ?? [], error, result: CHECK || SAME ? mid?.result : undefined };
}

async function profile(label: string, base: Engine, heapBytes?: () => number): Promise<Row[]> {
  const gen = await createSyntheticTables(base, { orders: ORDERS, orderLines: !flag('--no-lines'), layout: flag('--view') ? 'view' : 'table' });
  const heap = () => (heapBytes ? `  heap ${(heapBytes() / 2 ** 30).toFixed(2)} GiB` : '');
  console.log(`\n[${label}] synthetic tables: ${gen.orders} orders, ${gen.customers} customers, ${gen.orderLines} order lines, ${gen.responses} responses in ${gen.seconds.toFixed(1)} s${heap()}`);
  const impls: ('new' | 'legacy')[] = IMPL === 'both' ? ['legacy', 'new'] : [IMPL];
  const selected = ANALYSES.filter(([name]) => !ONLY || ONLY.some((o) => name.includes(o)));
  const out: Row[] = [];
  for (const [name, fn] of selected) {
    const runs: Record<string, Awaited<ReturnType<typeof timeOnce>>[]> = { new: [], legacy: [] };
    for (let r = 0; r < RUNS; r++) {
      for (const impl of impls) {
        if (runs[impl].some((x) => x.error)) continue;
        runs[impl].push(await timeOnce(impl, fn, base));
      }
    }
    const row: Row = { name };
    for (const impl of impls) row[impl] = summarise(runs[impl]);
    if (WARM && impls.includes('new') && !row.new!.error) {
      const w: number[] = [];
      await fn(current, base);
      for (let r = 0; r < RUNS; r++) {
        const t = performance.now();
        await fn(current, base);
        w.push((performance.now() - t) / 1000);
      }
      row.warm = median(w);
    }
    out.push(row);
    const show = (t?: Timing) => (t === undefined ? '' : t.error ? `ERROR ${t.error}` : `${t.median.toFixed(3)} s (${t.runs.map((x) => x.toFixed(3)).join(', ')})`);
    console.log(`  ${name.padEnd(30)} ${impls.map((i) => `${i} ${show(row[i])}`).join('   ')}${row.warm === undefined ? '' : `   warm ${row.warm.toFixed(3)} s`}${heap()}`);
  }
  // The whole set once, in a row, from a cold start.
  for (const impl of impls) {
    if (impl === 'new') await current.dropAnalysisCache(base);
    const t0 = performance.now();
    const sql0 = (base as { sqlSeconds?: number }).sqlSeconds;
    let error: string | undefined;
    for (const [name, fn] of selected) {
      try {
        await fn(IMPLS[impl], base);
      } catch (err) {
        error = `${name}: ${(err as Error).message.split('\n')[0]}`;
        break;
      }
    }
    const s = sql0 === undefined ? (performance.now() - t0) / 1000 : (base as unknown as { sqlSeconds: number }).sqlSeconds - sql0;
    let row = out.find((r) => r.name === SET);
    if (!row) out.push((row = { name: SET }));
    row[impl] = { runs: [s], median: s, queries: [], error };
    console.log(`  ${impl}: whole set in a row ${error ? `ERROR ${error}` : `${s.toFixed(3)} s`}${heap()}`);
  }
  return out;
}
const SET = 'whole set (in a row, cold)';

function printQueries(rows: Row[]) {
  for (const r of rows) {
    for (const impl of ['legacy', 'new'] as const) {
      const t = r[impl];
      if (!t || r.name === SET) continue;
      console.log(`\n${r.name} [${impl}]: ${t.queries.length} queries, ${t.median.toFixed(3)} s`);
      for (const q of t.queries) if (q.ms >= MIN_MS) console.log(`  ${q.ms.toFixed(0).padStart(6)} ms  ${oneLine(q.sql)}`);
    }
  }
}

/** Largest relative difference between the numbers of a and b (same shape). */
function maxRel(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    let m = 0;
    for (const k of Object.keys(a)) m = Math.max(m, maxRel((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
    return m;
  }
  return 0;
}

/** Deep comparison with a relative tolerance for floating-point sums (summation order). */
function diff(a: unknown, b: unknown, path = ''): string | null {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? null : `${path}: ${a} ≠ ${b}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

const wasm = await createWasm();
const wasmRows = await profile('duckdb-wasm', wasm.engine, wasm.heapBytes);
const peakRss = process.resourceUsage().maxRSS / 1024;
const peakHeap = wasm.heapBytes();
await wasm.engine.close();

let nativeRows: Row[] = [];
if (NATIVE) {
  const native = await createNative();
  nativeRows = await profile('native, 1 thread', native);
  await native.close();
}

const impls: ('legacy' | 'new')[] = IMPL === 'both' ? ['legacy', 'new'] : [IMPL];
const cell = (t?: Timing) => (t === undefined ? '' : t.error ? 'ERROR' : t.median.toFixed(3)).padStart(9);
console.log(`\nOrders: ${ORDERS}; ${flag('--view') ? '`orders` is a view' : '`orders` is a table'}; median of ${RUNS} cold runs; seconds`);
console.log([
  'analysis'.padEnd(30),
  ...impls.map((i) => `wasm ${i}`.padStart(12)),
  WARM ? 'warm'.padStart(9) : '',
  ...(NATIVE ? impls.map((i) => `native ${i}`.padStart(14)) : []),
  NATIVE ? 'wasm/native'.padStart(12) : '',
].join(''));
for (const r of wasmRows) {
  const n = nativeRows.find((x) => x.name === r.name);
  const last = impls[impls.length - 1];
  const ratio = n && r[last] && n[last] && !r[last]!.error && !n[last]!.error ? (r[last]!.median / n[last]!.median).toFixed(2) : '';
  console.log([
    r.name.padEnd(30),
    ...impls.map((i) => cell(r[i]).padStart(12)),
    WARM ? (r.warm === undefined ? '' : r.warm.toFixed(3)).padStart(9) : '',
    ...(NATIVE ? impls.map((i) => cell(n?.[i]).padStart(14)) : []),
    NATIVE ? ratio.padStart(12) : '',
  ].join(''));
}
console.log(`peak RSS (wasm phase) ${peakRss.toFixed(0)} MiB; wasm heap ${(peakHeap / 2 ** 30).toFixed(2)} GiB`);
if (flag('--queries')) printQueries(wasmRows);
if (CHECK) {
  for (const r of wasmRows) {
    const n = nativeRows.find((x) => x.name === r.name);
    for (const i of impls) {
      if (!n?.[i] || !r[i] || r[i]!.error || n[i]!.error) continue;
      console.log(`check ${r.name} [${i}]: ${diff(r[i]!.result, n[i]!.result) ?? 'same'}`);
    }
  }
}
if (SAME && IMPL === 'both') {
  for (const r of wasmRows) {
    if (!r.legacy || !r.new || r.legacy.error || r.new.error || r.name === SET) continue;
    const d = diff(r.legacy.result, r.new.result);
    const exact = JSON.stringify(r.legacy.result) === JSON.stringify(r.new.result);
    console.log(`legacy vs new ${r.name}: ${d ?? (exact ? 'identical' : `same up to ${maxRel(r.legacy.result, r.new.result).toExponential(1)} relative`)}`);
  }
}
const json = arg('--json');
const noResults = (rows: Row[]) => rows.map((r) => ({
  ...r,
  ...(r.legacy ? { legacy: { ...r.legacy, result: undefined } } : {}),
  ...(r.new ? { new: { ...r.new, result: undefined } } : {}),
}));
if (json) {
  writeFileSync(json, JSON.stringify({
    orders: ORDERS, runs: RUNS, view: flag('--view'), wasm: noResults(wasmRows), native: noResults(nativeRows), peakRssMiB: peakRss, peakHeapBytes: peakHeap,
  }, null, 1));
}
