// Analyses benchmark, DuckDB-WASM in Node (the blocking build the report command uses): the
// synthetic shop of test/analyses/perf-data.ts with N orders, then every analysis the headless
// report (src/cli/build-report.ts) runs (bench/analyses-list.ts), one after another from a cold start, each timed on its
// own. Every statement is recorded (grouped by analysis) so bench/analyses-native.mjs can replay
// the same SQL on native DuckDB. Run by bench/analyses.mjs in a child process:
//
//   npx tsx bench/analyses-node.ts --orders 1000000 --runs 3 --out /tmp/a.json [--no-lines] [--src DIR]
//
// Each run starts cold (dropAnalysisCache first, untimed): the first analysis pays for the shared
// per-customer tables of src/analyses/base.ts, as it does after a load in the app and in the report.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine, QueryOptions } from '../src/engine/engine';
import { createSyntheticTables } from '../test/analyses/perf-data';
import { analysisSequence } from './analyses-list';

type App = typeof import('../src/engine/node') & typeof import('../src/engine/engine') & typeof import('../src/analyses');

async function loadApp(srcDir: string): Promise<App> {
  const mod = (p: string) => import(pathToFileURL(resolve(srcDir, p)).href);
  const parts = await Promise.all(['engine/node.ts', 'engine/engine.ts', 'analyses/index.ts'].map(mod));
  return Object.assign({}, ...parts) as App;
}

interface Query { sql: string; ms: number; failed?: boolean }

function args() {
  const a = process.argv.slice(2);
  const get = (k: string) => {
    const i = a.indexOf(k);
    return i >= 0 ? a[i + 1] : undefined;
  };
  return {
    orders: Number(get('--orders') ?? 1_000_000), runs: Number(get('--runs') ?? 3), out: get('--out') ?? null,
    lines: !a.includes('--no-lines'), src: get('--src') ?? new URL('../src/', import.meta.url).pathname,
  };
}

/** An Engine that times and records every call into `sink.log` (swap the array to regroup). */
function recording(engine: Engine, sink: { log: Query[] }): Engine {
  const clock = async <T>(sql: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      const r = await f();
      sink.log.push({ sql, ms: performance.now() - t0 });
      return r;
    } catch (e) {
      sink.log.push({ sql, ms: performance.now() - t0, failed: true });
      throw e;
    }
  };
  return {
    kind: engine.kind,
    query: (sql: string, options?: QueryOptions) => clock(sql, () => engine.query(sql, options)),
    registerFile: (name, source) => clock(`registerFile ${name}`, () => engine.registerFile(name, source)),
    dropFile: (name) => clock(`dropFile ${name}`, () => engine.dropFile(name)),
    insertArrow: (t, table, o) => clock(`insertArrow ${t}`, () => engine.insertArrow(t, table, o)),
    cancel: () => engine.cancel(),
    onProgress: (l) => engine.onProgress(l),
    close: () => engine.close(),
  };
}

async function main() {
  const { orders, runs, out, lines, src } = args();
  const app = await loadApp(src);
  const base = await app.sharedNodeEngine();
  const sink: { log: Query[] } = { log: [] };
  const engine = recording(base, sink);
  // The analyses (bench/analyses-list.ts, shared with the Chromium runner); a fresh list per run,
  // as the sales parts share one lookup within a run.
  const ANALYSES = analysisSequence(app, engine);

  const rss = () => process.memoryUsage.rss() / 1e6;
  const t0 = performance.now();
  let error: string | null = null;
  let summary: unknown = null;
  sink.log = [];
  const setup = sink.log;
  try {
    summary = await createSyntheticTables(engine, { orders, orderLines: lines });
  } catch (e) {
    error = `creating the synthetic tables: ${(e as Error).message.split('\n')[0]}`;
  }
  const setupMs = performance.now() - t0;
  process.stderr.write(`  synthetic tables (${orders} orders${lines ? '' : ', no order_lines'}): ${(setupMs / 1000).toFixed(1)} s\n`);

  const results = ANALYSES.map(([name]) => ({ name, times: [] as number[], queries: [] as Query[], error: null as string | null }));
  const reset: Query[] = [];
  for (let r = 0; r < runs && !error; r++) {
    sink.log = r === 1 ? reset : [];
    await app.dropAnalysisCache(engine);
    const t = performance.now();
    const list = analysisSequence(app, engine);
    for (let i = 0; i < list.length; i++) {
      sink.log = [];
      const ta = performance.now();
      try {
        await list[i][1]();
      } catch (e) {
        results[i].error = (e as Error).message.split('\n')[0];
        error = `${ANALYSES[i][0]}: ${results[i].error}`;
        results[i].queries = sink.log;
        break;
      }
      results[i].times.push(performance.now() - ta);
      if (r === 0) results[i].queries = sink.log; // the cold run's SQL, replayed natively
    }
    process.stderr.write(`  node-wasm run ${r + 1}/${runs}: ${((performance.now() - t) / 1000).toFixed(2)} s${error ? ` (failed: ${error})` : ''}\n`);
  }
  let memMb: number | null = null;
  try {
    const [m] = await app.queryRows<{ mb: number }>(base, 'SELECT sum(memory_usage_bytes)::DOUBLE / 1048576 AS mb FROM duckdb_memory()');
    memMb = Number(m.mb);
  } catch { /* unknown */ }
  const [{ limit }] = await app.queryRows<{ limit: string }>(base, "SELECT current_setting('memory_limit') AS limit").catch(() => [{ limit: '?' }]);
  const result = {
    orders, runs, lines, src, summary, setupMs, setup, analyses: results, reset, error,
    memoryLimit: limit, duckdbMemMb: memMb, rssMb: rss(), peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  const json = JSON.stringify(result);
  if (out) writeFileSync(out, json);
  else process.stdout.write(json + '\n');
  await base.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
