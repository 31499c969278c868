// DuckDB-WASM in Node (the blocking build the tests use): the app's full user path on one file,
// timed, with a per-SQL-statement breakdown. Run by bench/ingest.mjs in a child process (one per
// file, so the peak memory of one file is not mixed with another's):
//
//   npx tsx bench/node-ingest.ts --file bench/data/orders-1M.csv --runs 3 --out /tmp/r.json [--src DIR]
//
// Each run: a fresh DataSession on the one shared engine (all tables dropped first), then
// inspectFile (sniff + detect) → DataSession.load, exactly what test/data/load-helpers.ts does.
// --src: the app source to import (bench/run.mjs passes its snapshot, see bench/build.mjs, so
// the browser and Node measure the same code); default: the checkout's src/.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from '../src/engine/engine';

type App = typeof import('../src/engine/node') & typeof import('../src/engine/engine') &
  typeof import('../src/data/session') & typeof import('../src/data/inspect') & typeof import('../src/data/input-node');

async function loadApp(srcDir: string): Promise<App> {
  const mod = (p: string) => import(pathToFileURL(resolve(srcDir, p)).href);
  const parts = await Promise.all(['engine/node.ts', 'engine/engine.ts', 'data/session.ts', 'data/inspect.ts', 'data/input-node.ts'].map(mod));
  return Object.assign({}, ...parts) as App;
}

interface Step {
  /** The statement as sent, or `registerFile …`. */
  sql: string;
  ms: number;
  /** Set on the call that threw. */
  failed?: boolean;
  /** MiB DuckDB holds right after the statement (`duckdb_memory()`, measured outside the timing). */
  memMb?: number;
}

interface RunResult {
  inspectMs: number;
  loadMs: number;
  totalMs: number;
  reportMs: number;
  rowsRead: number;
  loaded: number;
  rejected: number;
  steps: Step[];
  /** Statements run by `DataSession.init()` before the load (replayed, untimed, by native-replay). */
  initSteps: Step[];
}

function args(): { file: string; runs: number; out: string | null; src: string } {
  const a = process.argv.slice(2);
  const get = (k: string) => {
    const i = a.indexOf(k);
    return i >= 0 ? a[i + 1] : undefined;
  };
  const file = get('--file');
  if (!file) throw new Error('usage: tsx bench/node-ingest.ts --file <csv> [--runs 3] [--out result.json]');
  return {
    file, runs: Number(get('--runs') ?? 3), out: get('--out') ?? null,
    src: get('--src') ?? new URL('../src/', import.meta.url).pathname,
  };
}

/** DuckDB's memory in use now (buffer manager: tables, hash tables…), MiB. */
async function heldMb(engine: Engine): Promise<number | undefined> {
  try {
    const t = await engine.query('SELECT sum(memory_usage_bytes)::DOUBLE / 1048576 AS mb FROM duckdb_memory()');
    return Number(t.get(0)?.toJSON().mb);
  } catch {
    return undefined;
  }
}

/** An Engine that times every call it passes on (the SQL steps of a load, in order). */
function timed(engine: Engine, steps: Step[]): Engine {
  const clock = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      const r = await f();
      const ms = performance.now() - t0;
      steps.push({ sql: label, ms, memMb: await heldMb(engine) });
      return r;
    } catch (e) {
      steps.push({ sql: label, ms: performance.now() - t0, failed: true });
      throw e;
    }
  };
  return {
    kind: engine.kind,
    // The statement verbatim: it is replayed later (bench/native-replay.mjs), and collapsing its
    // whitespace would turn the rest of a statement after a `--` comment into comment.
    query: (sql, options) => clock(sql, () => engine.query(sql, options)),
    registerFile: (name, source) => clock(`registerFile ${name}`, () => engine.registerFile(name, source)),
    dropFile: (name) => clock(`dropFile ${name}`, () => engine.dropFile(name)),
    insertArrow: (t, table, o) => clock(`insertArrow ${t}`, () => engine.insertArrow(t, table, o)),
    cancel: () => engine.cancel(),
    onProgress: (l) => engine.onProgress(l),
    close: () => engine.close(),
  };
}

/** Drop every table and view so each run starts from an empty database. */
async function reset(engine: Engine, queryRows: App['queryRows']): Promise<void> {
  const views = await queryRows<{ s: string; n: string }>(engine,
    `SELECT schema_name AS s, view_name AS n FROM duckdb_views() WHERE NOT internal`);
  for (const v of views) await engine.query(`DROP VIEW IF EXISTS "${v.s}"."${v.n}"`);
  const tables = await queryRows<{ d: string; s: string; n: string }>(engine,
    `SELECT database_name AS d, schema_name AS s, table_name AS n FROM duckdb_tables()`);
  for (const t of tables) await engine.query(`DROP TABLE IF EXISTS "${t.d}"."${t.s}"."${t.n}"`);
}

const rssMb = () => process.memoryUsage.rss() / 1e6;

async function main() {
  const { file, runs, out, src } = args();
  const { sharedNodeEngine, queryRows, DataSession, inspectFile, inputFromPath } = await loadApp(src);
  const t0 = performance.now();
  const base = await sharedNodeEngine();
  const startMs = performance.now() - t0;
  const baselineRssMb = rssMb();
  const results: RunResult[] = [];
  let error: string | null = null;
  /** When a load fails: its statements up to and including the one that failed (and the clean-up after). */
  let failedRun: { steps: Step[]; initSteps: Step[] } | null = null;
  for (let r = 0; r < runs; r++) {
    await reset(base, queryRows);
    const steps: Step[] = [];
    const engine = timed(base, steps);
    const session = new DataSession(engine);
    await session.init();
    const initSteps = steps.splice(0); // init is not part of loading a file
    try {
      const tStart = performance.now();
      const input = inputFromPath(file);
      const inspection = await inspectFile(input);
      const tInspected = performance.now();
      if (!inspection.plan) throw new Error(`not loadable: ${inspection.error ?? inspection.missing.join(', ')}`);
      const report = await session.load(input, inspection, inspection.plan);
      const tEnd = performance.now();
      results.push({
        inspectMs: tInspected - tStart, loadMs: tEnd - tInspected, totalMs: tEnd - tStart, reportMs: report.ms,
        rowsRead: report.rowsRead, loaded: report.loaded, rejected: report.rejectedTotal, steps, initSteps,
      });
      process.stderr.write(`  node-wasm run ${r + 1}/${runs}: ${((tEnd - tInspected) / 1000).toFixed(2)} s\n`);
    } catch (e) {
      error = (e as Error).message;
      failedRun = { steps, initSteps };
      break;
    }
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // KiB → MiB-ish; close enough for MB
  const result = { file, src, runs: results, error, failedRun, startMs, baselineRssMb, peakRssMb };
  const json = JSON.stringify(result);
  if (out) writeFileSync(out, json);
  else process.stdout.write(json + '\n');
  await base.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
