// Diagnosis: replay the exact SQL statements the app ran for one load (recorded by
// bench/node-ingest.ts) in native DuckDB, timing each one. Comparing the two per statement shows
// whether a slow step is slow because of its SQL (slow natively too) or because of the wasm build.
//
//   node bench/native-replay.mjs --recorded wasm-result.json --file bench/data/orders-1M.csv --threads 1
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : d;
};
const recorded = JSON.parse(readFileSync(get('--recorded'), 'utf8'));
const file = resolve(get('--file'));
const threads = Number(get('--threads', '1'));
const out = get('--out', null);

// The run to replay: the median one (by load time) of the recording; for a load that failed
// (out of memory in wasm), its statements up to and including the one that failed.
const runs = [...recorded.runs].sort((a, b) => a.loadMs - b.loadMs);
let run = runs[Math.floor((runs.length - 1) / 2)];
if (!run && recorded.failedRun) {
  const at = recorded.failedRun.steps.findIndex((s) => s.failed);
  run = { initSteps: recorded.failedRun.initSteps, steps: recorded.failedRun.steps.slice(0, at + 1) };
}
const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const registered = [...run.steps, ...run.initSteps]
  .map((s) => /^registerFile (\S+)/.exec(s.sql)?.[1])
  .filter(Boolean);
const rewrite = (sql) => registered.reduce((q, name) => q.replaceAll(lit(name), lit(file)), sql);

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const conn = await instance.connect();
const steps = [];
let error = null;
for (const s of run.initSteps) if (!/^(registerFile|dropFile) /.test(s.sql)) await conn.run(rewrite(s.sql));
const t0 = performance.now();
for (const s of run.steps) {
  if (/^(registerFile|dropFile|insertArrow) /.test(s.sql)) {
    steps.push({ sql: s.sql, ms: 0 });
    continue;
  }
  const t = performance.now();
  try {
    await conn.run(rewrite(s.sql));
  } catch (e) {
    error = `${e.message.split('\n')[0]} in: ${s.sql.replace(/\s+/g, ' ').slice(0, 120)}`;
    break;
  }
  const ms = performance.now() - t;
  const mem = await conn.runAndReadAll('SELECT sum(memory_usage_bytes)::DOUBLE / 1048576 FROM duckdb_memory()');
  steps.push({ sql: s.sql, ms, memMb: Number(mem.getRows()[0][0]) });
}
const totalMs = performance.now() - t0;
conn.closeSync();
instance.closeSync();
const result = { file, threads, steps, totalMs, error, peakRssMb: process.resourceUsage().maxRSS / 1024 };
if (out) writeFileSync(out, JSON.stringify(result));
else console.log(JSON.stringify(result));
