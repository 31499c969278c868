// The analyses benchmark's native reference: replays the SQL that bench/analyses-node.ts recorded
// (DuckDB-WASM in Node) on native DuckDB (@duckdb/node-api, same engine version), timing the same
// per-analysis groups. The synthetic tables are built by replaying their creation statements
// (untimed); each run then replays the cold run's statements analysis by analysis, and between
// runs the recorded cache clean-up (dropAnalysisCache), so every run starts cold like in wasm.
// Times are DuckDB's (statement sent → result materialised, `runAndReadAll`), no Arrow decoding.
//
//   node bench/analyses-native.mjs --recorded /tmp/a.json --threads 1 --runs 3 [--out FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : d;
};
const recorded = JSON.parse(readFileSync(get('--recorded'), 'utf8'));
const threads = Number(get('--threads', '1'));
const runs = Number(get('--runs', '1'));
const out = get('--out', null);

const OPEN_SETTINGS = ['SET autoload_known_extensions=false', 'SET autoinstall_known_extensions=false'];
const notSql = (sql) => /^(registerFile|dropFile|insertArrow) /.test(sql);

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const conn = await instance.connect();
for (const s of OPEN_SETTINGS) await conn.run(s);
let error = null;
const short = (e, sql) => `${e.message.split('\n')[0]} in: ${sql.replace(/\s+/g, ' ').slice(0, 120)}`;

const t0 = performance.now();
for (const q of recorded.setup) {
  if (q.failed) break;
  if (notSql(q.sql)) continue;
  try {
    await conn.run(q.sql);
  } catch (e) {
    error = `setup: ${short(e, q.sql)}`;
    break;
  }
}
const setupMs = performance.now() - t0;

const analyses = recorded.analyses.map((a) => ({ name: a.name, times: [], queries: [], error: null }));
for (let r = 0; r < runs && !error; r++) {
  if (r > 0) for (const q of recorded.reset) if (!notSql(q.sql)) await conn.runAndReadAll(q.sql);
  for (let i = 0; i < recorded.analyses.length && !error; i++) {
    const a = recorded.analyses[i];
    if (!a.queries.length && a.error === null && !a.times.length) continue; // not reached in wasm
    let total = 0;
    const queries = [];
    for (const q of a.queries) {
      if (q.failed) break; // failed in wasm: replay up to it
      if (notSql(q.sql)) {
        analyses[i].error = `${q.sql.split(' ')[0]} not replayed`;
        continue;
      }
      const t = performance.now();
      try {
        await conn.runAndReadAll(q.sql);
      } catch (e) {
        error = `${a.name}: ${short(e, q.sql)}`;
        analyses[i].error = error;
        break;
      }
      const ms = performance.now() - t;
      total += ms;
      queries.push({ sql: q.sql, ms });
    }
    if (error) break;
    analyses[i].times.push(total);
    if (r === 0) analyses[i].queries = queries;
  }
}
conn.closeSync();
instance.closeSync();
const result = { threads, runs, setupMs, analyses, error, peakRssMb: process.resourceUsage().maxRSS / 1024 };
if (out) writeFileSync(out, JSON.stringify(result));
else console.log(JSON.stringify(result));
