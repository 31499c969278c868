/**
 * Profiles every analysis on synthetic data (perf-data.ts). Not a test (Vitest only picks up
 * *.test.ts); run it by hand:
 *
 *   npx tsx test/analyses/profile.ts --orders 1000000            # DuckDB-WASM (Node, blocking build)
 *   npx tsx test/analyses/profile.ts --orders 1000000 --native   # + native DuckDB 1.4.3, 1 thread
 *   npx tsx test/analyses/profile.ts --orders 10000000 --runs 1 --only kpis,cohorts
 *
 * Options: --orders N (default 1000000), --runs R (median of R, default 3), --only a,b (names or
 * substrings), --queries (per-query timings of the median cold run), --min-ms M (hide faster
 * queries, default 5), --native (same analyses, same SQL, in native DuckDB with threads=1 for
 * comparison), --no-lines (no order_lines table), --warm (also time each analysis with the
 * shared per-customer tables already built), --json FILE (write everything as JSON), --check
 * (compare the wasm and native results; implies --native).
 *
 * "cold": each run starts without the shared tables of base.ts (dropAnalysisCache), as the first
 * analysis after a load does; "warm": they exist (any later analysis on the same data). "set":
 * every analysis once in a row from a cold start, the way a report runs them.
 * Per-query times come from an Engine wrapper that times every `query` call.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tableFromIPC, tableFromJSON, tableToIPC, type Table } from 'apache-arrow';
import type { Engine, FileSource, QueryOptions } from '../../src/engine/engine';
import { OPEN_SETTINGS } from '../../src/engine/settings';
import {
  dropAnalysisCache, runChannels, runChurn, runChurnSegments, runCohorts, runGeography, runInterpurchase, runKpiSummary, runKpis,
  runLifecycle, runLoyalty, runNps, runProducts, runRfm, runSales, runSeasonality, runWinback,
} from '../../src/analyses';
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
const NATIVE = flag('--native') || CHECK;

/** The analyses as the report would call them. */
const ANALYSES: [string, (e: Engine) => Promise<unknown>][] = [
  ['kpiSummary', (e) => runKpiSummary(e)],
  ['kpis (month)', (e) => runKpis(e)],
  ['kpis (week)', (e) => runKpis(e, { period: 'week' })],
  ['cohorts (on)', (e) => runCohorts(e, { mode: 'on' })],
  ['cohorts (on-or-after, week)', (e) => runCohorts(e, { mode: 'on-or-after', period: 'week' })],
  ['cohorts (breakdown channel)', (e) => runCohorts(e, { breakdown: 'channel' })],
  ['churn', (e) => runChurn(e)],
  ['churn (week)', (e) => runChurn(e, { period: 'week' })],
  ['interpurchase', (e) => runInterpurchase(e)],
  ['churnSegments (cohort)', (e) => runChurnSegments(e, { by: 'cohort' })],
  ['churnSegments (channel)', (e) => runChurnSegments(e, { by: 'channel' })],
  ['lifecycle', (e) => runLifecycle(e)],
  ['lifecycle (week)', (e) => runLifecycle(e, { period: 'week' })],
  ['winback (all)', (e) => runWinback(e)],
  ['rfm (summary)', (e) => runRfm(e, { customerLimit: 0 })],
  ['rfm (all customers)', (e) => runRfm(e)],
  ['nps (by rfm)', (e) => runNps(e, { by: 'rfm' })],
  ['nps (by channel)', (e) => runNps(e, { by: 'channel' })],
  ['sales', (e) => runSales(e)],
  ['geography (city)', (e) => runGeography(e, { column: 'city' })],
  ['products', (e) => runProducts(e)],
  ['seasonality', (e) => runSeasonality(e)],
  ['channels', (e) => runChannels(e)],
  ['loyalty', (e) => runLoyalty(e)],
  ['kpis (jalali month)', (e) => runKpis(e, { calendar: 'jalali' })],
  ['cohorts (jalali month)', (e) => runCohorts(e, { calendar: 'jalali' })],
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
  const engine: Engine = {
    kind: 'node',
    async query(sql: string): Promise<Table> {
      const reader = await conn.runAndReadAll(sql);
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

interface AnalysisTiming { name: string; runs: number[]; median: number; warm?: number; queries: QueryTiming[]; error?: string; result?: unknown }
const WARM = flag('--warm');

async function profile(label: string, base: Engine, heapBytes?: () => number): Promise<AnalysisTiming[]> {
  const gen = await createSyntheticTables(base, { orders: ORDERS, orderLines: !flag('--no-lines') });
  console.log(`\n[${label}] synthetic tables: ${gen.orders} orders, ${gen.customers} customers, ${gen.orderLines} order lines, ${gen.responses} responses in ${gen.seconds.toFixed(1)} s` +
    (heapBytes ? `; wasm heap ${(heapBytes() / 2 ** 30).toFixed(2)} GiB` : ''));
  const out: AnalysisTiming[] = [];
  const selected = ANALYSES.filter(([name]) => !ONLY || ONLY.some((o) => name.includes(o)));
  for (const [name, fn] of selected) {
    const runs: number[] = [];
    const logs: QueryTiming[][] = [];
    let error: string | undefined;
    let result: unknown;
    const once = async (): Promise<number | undefined> => {
      const e = timed(base);
      const t = performance.now();
      try {
        result = await fn(e);
      } catch (err) {
        error = (err as Error).message.split('\n')[0];
        return undefined;
      }
      logs.push(e.log);
      return (performance.now() - t) / 1000;
    };
    for (let r = 0; r < RUNS && !error; r++) {
      await dropAnalysisCache(base);
      const t = await once();
      if (t !== undefined) runs.push(t);
    }
    const m = runs.length ? median(runs) : NaN;
    const mi = runs.indexOf(m) >= 0 ? runs.indexOf(m) : 0;
    const cold = logs[mi] ?? [];
    let warm: number | undefined;
    if (WARM && !error) {
      const w: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t = await once();
        if (t !== undefined) w.push(t);
      }
      warm = median(w);
    }
    out.push({ name, runs, median: m, warm, queries: cold, error, result: CHECK ? result : undefined });
    const heap = heapBytes ? `  heap ${(heapBytes() / 2 ** 30).toFixed(2)} GiB` : '';
    console.log(`  ${name.padEnd(30)} ${error ? `ERROR ${error}` : `${m.toFixed(3)} s  (${runs.map((x) => x.toFixed(3)).join(', ')})${warm === undefined ? '' : `  warm ${warm.toFixed(3)} s`}`}${heap}`);
  }
  // The whole set once, in a row, from a cold start.
  await dropAnalysisCache(base);
  const t0 = performance.now();
  let setError: string | undefined;
  for (const [name, fn] of selected) {
    try {
      await fn(base);
    } catch (err) {
      setError = `${name}: ${(err as Error).message.split('\n')[0]}`;
      break;
    }
  }
  const set = (performance.now() - t0) / 1000;
  out.push({ name: 'set (all in a row, cold start)', runs: [set], median: set, queries: [], error: setError });
  console.log(`  whole set in a row: ${setError ? `ERROR ${setError}` : `${set.toFixed(3)} s`}${heapBytes ? `  heap ${(heapBytes() / 2 ** 30).toFixed(2)} GiB` : ''}`);
  return out;
}

function printQueries(rows: AnalysisTiming[]) {
  for (const r of rows) {
    console.log(`\n${r.name}: ${r.queries.length} queries, ${r.median.toFixed(3)} s`);
    for (const q of r.queries) if (q.ms >= MIN_MS) console.log(`  ${q.ms.toFixed(0).padStart(6)} ms  ${oneLine(q.sql)}`);
  }
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
await wasm.engine.close();

let nativeRows: AnalysisTiming[] = [];
if (NATIVE) {
  const native = await createNative();
  nativeRows = await profile('native, 1 thread', native);
  await native.close();
}

console.log(`\nOrders: ${ORDERS}; median of ${RUNS}; seconds`);
console.log(`${'analysis'.padEnd(32)} ${'wasm'.padStart(8)}${WARM ? 'warm'.padStart(8) : ''}${NATIVE ? `${'native'.padStart(9)}${'ratio'.padStart(7)}` : ''}  queries`);
for (const r of wasmRows) {
  const n = nativeRows.find((x) => x.name === r.name);
  const w = r.error ? 'ERROR' : r.median.toFixed(3);
  const warm = WARM ? (r.warm === undefined ? '' : r.warm.toFixed(3)).padStart(8) : '';
  const nat = n ? (n.error ? '   ERROR' : n.median.toFixed(3).padStart(9)) + (n.error || r.error ? '' : (r.median / n.median).toFixed(2).padStart(7)) : '';
  console.log(`${r.name.padEnd(32)} ${w.padStart(8)}${warm}${nat}  ${r.queries.length}`);
}
const sum = (rows: AnalysisTiming[]) => rows.filter((r) => !r.name.startsWith('set')).reduce((s, r) => s + (r.error ? 0 : r.median), 0);
const total = sum(wasmRows);
const totalNative = sum(nativeRows);
console.log(`${'sum of cold medians'.padEnd(32)} ${total.toFixed(3).padStart(8)}${WARM ? ''.padStart(8) : ''}${NATIVE ? `${totalNative.toFixed(3).padStart(9)}${(total / totalNative).toFixed(2).padStart(7)}` : ''}`);
console.log(`peak RSS (wasm phase) ${peakRss.toFixed(0)} MiB`);
if (flag('--queries')) printQueries(wasmRows);
if (CHECK) {
  for (const r of wasmRows) {
    const n = nativeRows.find((x) => x.name === r.name);
    if (!n || r.error || n.error) continue;
    const d = diff(r.result, n.result);
    console.log(`check ${r.name}: ${d ?? 'same'}`);
  }
}
const json = arg('--json');
if (json) writeFileSync(json, JSON.stringify({ orders: ORDERS, runs: RUNS, wasm: wasmRows, native: nativeRows, peakRssMiB: peakRss }, null, 1));
