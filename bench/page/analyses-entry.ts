// The analyses benchmark in headless Chromium: the app's DuckDB-WASM engine (src/engine/browser.ts:
// worker from a blob: URL, mvp/eh bundle by feature detection, the real wasm files), the synthetic
// shop of test/analyses/perf-data.ts built inside it, then the same sequence of analyses as in
// Node (bench/analyses-list.ts), each timed on its own from a cold start. Bundled and driven by
// bench/analyses-browser.mjs; imports of src/ may be pointed at a snapshot of it (--src).
import { createBrowserEngine } from '../../src/engine/browser';
import { queryRows, type Engine, type QueryOptions } from '../../src/engine/engine';
import * as analyses from '../../src/analyses/index';
import { createSyntheticTables } from '../../test/analyses/perf-data';
import { analysisSequence } from '../analyses-list';

interface Query { sql: string; ms: number; failed?: boolean }
interface RunOptions { orders: number; lines: boolean; runs: number }

const app = { ...analyses, queryRows };

/** Times every statement into `sink.log` (as bench/analyses-node.ts does). */
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
    registerFile: (name, source) => engine.registerFile(name, source),
    dropFile: (name) => engine.dropFile(name),
    insertArrow: (t, table, o) => engine.insertArrow(t, table, o),
    cancel: () => engine.cancel(),
    onProgress: (l) => engine.onProgress(l),
    close: () => engine.close(),
  };
}

const short = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];

async function run({ orders, lines, runs }: RunOptions) {
  const base = await ready;
  const sink: { log: Query[] } = { log: [] };
  const engine = recording(base, sink);
  const t0 = performance.now();
  let error: string | null = null;
  let summary: unknown = null;
  try {
    summary = await createSyntheticTables(engine, { orders, orderLines: lines });
  } catch (e) {
    error = `creating the synthetic tables: ${short(e)}`;
  }
  const setupMs = performance.now() - t0;
  const names = analysisSequence(app, engine).map(([name]) => name);
  const results = names.map((name) => ({ name, times: [] as number[], queries: [] as Query[], error: null as string | null }));
  const totals: number[] = [];
  for (let r = 0; r < runs && !error; r++) {
    await analyses.dropAnalysisCache(engine);
    const list = analysisSequence(app, engine);
    const t = performance.now();
    for (let i = 0; i < list.length; i++) {
      sink.log = [];
      const ta = performance.now();
      try {
        await list[i][1]();
      } catch (e) {
        results[i].error = short(e);
        error = `${names[i]}: ${results[i].error}`;
        break;
      }
      results[i].times.push(performance.now() - ta);
      if (r === 0) results[i].queries = sink.log;
    }
    totals.push(performance.now() - t);
  }
  let memoryLimit = '?';
  let duckdbMemMb: number | null = null;
  try {
    memoryLimit = (await queryRows<{ limit: string }>(base, "SELECT current_setting('memory_limit') AS limit"))[0].limit;
    duckdbMemMb = Number((await queryRows<{ mb: number }>(base, 'SELECT sum(memory_usage_bytes)::DOUBLE / 1048576 AS mb FROM duckdb_memory()'))[0].mb);
  } catch { /* the engine may be gone after an out-of-memory error */ }
  return { orders, runs, lines, summary, setupMs, analyses: results, totals, error, memoryLimit, duckdbMemMb, bundle: base.info.bundle, startMs: base.info.startMs };
}

const ready = createBrowserEngine();
declare global {
  interface Window { __analysesBench: { ready: Promise<unknown>; run: typeof run } }
}
window.__analysesBench = { ready: ready.then((e) => e.info), run };
