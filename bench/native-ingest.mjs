// Native DuckDB (@duckdb/node-api, engine v1.4.3 = the engine inside DuckDB-WASM 1.32) reading
// the same CSV: the reference the app's numbers are compared with. Run by bench/ingest.mjs in a
// child process per configuration, so each peak-memory figure is its own:
//
//   node bench/native-ingest.mjs --file bench/data/orders-1M.csv --threads 1 --types varchar --runs 3
//
// --types varchar: CREATE TABLE t AS SELECT * FROM read_csv(file, all_varchar=true)  (what the app reads)
// --types auto:    the same with DuckDB's own type detection
// Each run uses a fresh in-memory database.
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : d;
};
const file = get('--file');
const threads = Number(get('--threads', '1'));
const types = get('--types', 'varchar');
const runs = Number(get('--runs', '3'));
const out = get('--out', null);
if (!file) {
  console.error('usage: node bench/native-ingest.mjs --file <csv> [--threads 1] [--types varchar|auto] [--runs 3] [--out r.json]');
  process.exit(2);
}

const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const sql = `CREATE TABLE t AS SELECT * FROM read_csv(${lit(file)}${types === 'varchar' ? ', all_varchar=true' : ''})`;
const baselineRssMb = process.memoryUsage.rss() / 1e6;
const times = [];
let rows = null;
let error = null;
for (let r = 0; r < runs; r++) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const conn = await instance.connect();
  try {
    const t0 = performance.now();
    await conn.run(sql);
    times.push(performance.now() - t0);
    rows = Number((await conn.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
  } catch (e) {
    error = e.message;
    break;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const result = { file, threads, types, sql, times, rows, error, baselineRssMb, peakRssMb };
if (out) writeFileSync(out, JSON.stringify(result));
else console.log(JSON.stringify(result));
