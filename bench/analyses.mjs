// Analyses benchmark: the report's full set of analyses (src/cli/build-report.ts, CLV excepted) on
// N synthetic orders (test/analyses/perf-data.ts), in DuckDB-WASM in Node (bench/analyses-node.ts,
// the app's code, every statement recorded), next to the same SQL replayed on native DuckDB with 1
// and 2 threads (bench/analyses-native.mjs). Returns a report section (see bench/report.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sizeLabel } from './generate-orders.mjs';
import { fmtMB, fmtS, fmtX, log, max, median, othersCpu, runJsonChild, waitForQuiet } from './util.mjs';

/** 10M orders + ~15M order lines do not fit DuckDB-WASM's memory limit (test/analyses/profile.ts). */
const LINES_UP_TO = 5_000_000;
const UNDER_MS = 1000;
const WITHIN = 2;

const sumTimes = (a) => a.reduce((n, x) => n + x, 0);
const stmtKey = (sql) => sql.replace(/--[^\n]*(\n|$)/g, ' ').replace(/\s+/g, ' ').trim();
const stmtLabel = (sql) => {
  const s = stmtKey(sql);
  return s.length > 90 ? s.slice(0, 89) + '…' : s;
};

/** ctx as for runIngest: { root, sizes, runs(rows, kind), skip } */
export async function runAnalyses(ctx) {
  const { root, sizes } = ctx;
  const keep = join(root, 'bench/data');
  mkdirSync(keep, { recursive: true });
  const results = [];
  for (const rows of sizes) {
    const label = sizeLabel(rows);
    const runs = ctx.runs(rows, 'wasm');
    const lines = rows <= LINES_UP_TO;
    await waitForQuiet();
    const mon = othersCpu();
    log(`analyses, Node-wasm: ${label} orders${lines ? '' : ' (no order_lines)'}, ${runs} run(s)`);
    const w = await runJsonChild(join(root, 'node_modules/.bin/tsx'), [join(root, 'bench/analyses-node.ts'), '--orders', String(rows), '--runs', String(runs),
      ...(lines ? [] : ['--no-lines']), '--src', ctx.srcDir], { cwd: root, timeoutMs: 60 * 60_000 });
    const busy = mon.stop();
    const entry = { rows, label, runs, lines, busy, wasm: w.result ?? null, error: w.error ?? w.result?.error ?? null, native: {} };
    results.push(entry);
    if (!w.result) continue;
    const recordedPath = join(keep, `analyses-wasm-${label}.json`);
    // runJsonChild deletes its temporary file; keep the recording next to the ingest ones.
    writeFileSync(recordedPath, JSON.stringify(w.result));
    for (const threads of [1, 2]) {
      await waitForQuiet();
      log(`analyses, native DuckDB replay: ${label} orders, threads=${threads}, ${runs} run(s)`);
      const n = await runJsonChild(process.execPath, [join(root, 'bench/analyses-native.mjs'), '--recorded', recordedPath,
        '--threads', String(threads), '--runs', String(runs)], { cwd: root, timeoutMs: 60 * 60_000 });
      entry.native[threads] = n.result ?? { error: n.error, analyses: [] };
    }
  }
  return section(results);
}

function section(results) {
  const tables = [];
  const notes = [];
  const targets = [];
  for (const r of results) {
    const w = r.wasm;
    if (!w) {
      tables.push({ title: `${r.label} orders`, columns: ['analysis', 'result'], rows: [['all', `failed: ${r.error}`]] });
      continue;
    }
    const nat = (t, i) => median(r.native[t]?.analyses?.[i]?.times ?? []);
    const rows = w.analyses.map((a, i) => {
      const ws = median(a.times);
      return [a.name, a.error ? `✗ ${a.error}` : fmtS(ws), fmtS(nat(1, i)), fmtS(nat(2, i)), fmtX(ws / nat(1, i))];
    });
    const wt = sumTimes(w.analyses.map((a) => median(a.times)));
    const n1 = sumTimes(w.analyses.map((_, i) => nat(1, i)));
    const n2 = sumTimes(w.analyses.map((_, i) => nat(2, i)));
    rows.push(['**total**', `**${fmtS(wt)}**`, `**${fmtS(n1)}**`, `**${fmtS(n2)}**`, `**${fmtX(wt / n1)}**`]);
    const s = w.summary;
    tables.push({
      title: `${r.label} orders`,
      columns: ['analysis', 'wasm (Node) s', 'native 1 thread s', 'native 2 threads s', 'wasm ÷ native-1'],
      align: 'lrrrr',
      rows,
      notes: [
        `Data: ${s ? `${s.orders.toLocaleString('en')} orders, ${s.customers.toLocaleString('en')} customers, ${s.orderLines.toLocaleString('en')} order lines, ${s.responses.toLocaleString('en')} NPS responses` : '—'}; built in ${fmtS(w.setupMs)} s in wasm (${fmtS(r.native[1]?.setupMs)} s natively, 1 thread), not counted.`,
        `${r.runs === 1 ? '1 run' : `median of ${r.runs} runs`}, each from a cold start (the first analysis builds the shared per-customer tables). Node-wasm: DuckDB-WASM memory_limit ${w.memoryLimit}, process peak RSS ${fmtMB(w.peakRssMb)} MB; native peak RSS ${fmtMB(r.native[1]?.peakRssMb)} MB (1 thread), ${fmtMB(r.native[2]?.peakRssMb)} MB (2 threads).`,
        ...[1, 2].filter((t) => r.native[t]?.error).map((t) => `Native replay (${t} thread${t > 1 ? 's' : ''}) stopped: ${r.native[t].error}`),
        r.busy > 0.35 ? `Other processes used ${r.busy.toFixed(2)} CPU cores on average during the Node-wasm measurement: figures are pessimistic.` : null,
      ].filter(Boolean),
    });
    // Where the time goes: the slowest statements of the cold run, wasm vs native 1 thread.
    const stmts = [];
    w.analyses.forEach((a, i) => a.queries.forEach((q, j) => stmts.push({ a: a.name, sql: q.sql, ms: q.ms, n1: r.native[1]?.analyses?.[i]?.queries?.[j]?.ms })));
    stmts.sort((x, y) => y.ms - x.ms);
    tables.push({
      title: `${r.label} orders: slowest statements (cold run)`,
      columns: ['analysis', 'statement', 'wasm ms', 'native-1 ms', 'ratio'],
      align: 'llrrr',
      rows: stmts.slice(0, 8).map((x) => [x.a, `\`${stmtLabel(x.sql).replaceAll('`', "'")}\``, x.ms.toFixed(0), Number.isFinite(x.n1) ? x.n1.toFixed(0) : '—', fmtX(x.ms / x.n1)]),
      notes: [`${stmts.length} statements in the set; recorded SQL and per-statement times in \`bench/data/analyses-wasm-${r.label}.json\`.`],
    });
    r.totals = { wt, n1, n2, slowest: w.analyses.map((a) => [a.name, median(a.times)]).sort((x, y) => y[1] - x[1])[0] };
  }

  const at = (rows) => results.find((r) => r.rows === rows);
  const m1 = at(1_000_000);
  if (m1?.totals) {
    const [name, ms] = m1.totals.slowest;
    const failed = m1.wasm.analyses.filter((a) => a.error);
    targets.push({
      text: 'every analysis returns in under 1 s at 1M orders (Node-wasm)',
      ok: failed.length === 0 && ms < UNDER_MS,
      detail: failed.length ? `${failed.map((a) => a.name).join(', ')} failed` : `slowest: ${name} ${fmtS(ms)} s`,
    });
    const ratio = m1.totals.wt / m1.totals.n1;
    targets.push({
      text: `whole set within ${WITHIN}× native DuckDB, 1 thread, at 1M orders`,
      ok: ratio <= WITHIN,
      detail: `${fmtS(m1.totals.wt)} s vs ${fmtS(m1.totals.n1)} s = ${fmtX(ratio)} (2 threads: ${fmtS(m1.totals.n2)} s)`,
    });
  } else {
    targets.push({ text: 'every analysis returns in under 1 s at 1M orders (Node-wasm)', ok: null, detail: 'not measured in this run' });
    targets.push({ text: `whole set within ${WITHIN}× native DuckDB, 1 thread, at 1M orders`, ok: null, detail: 'not measured in this run' });
  }
  const m10 = at(10_000_000);
  if (m10) {
    const err = m10.error ?? m10.wasm?.error;
    targets.push({
      text: '10M orders: the whole set completes without running out of memory',
      ok: !err && !!m10.totals,
      detail: err ? `failed: ${err}` : `${fmtS(m10.totals.wt)} s (${fmtX(m10.totals.wt / m10.totals.n1)} native-1), wasm memory_limit ${m10.wasm.memoryLimit}, peak RSS ${fmtMB(m10.wasm.peakRssMb)} MB${m10.lines ? '' : '; without order_lines'}`,
    });
  } else targets.push({ text: '10M orders: the whole set completes without running out of memory', ok: null, detail: 'not measured in this run' });

  notes.push(
    'wasm (Node) = DuckDB-WASM, blocking build, in Node (src/engine/node.ts, what the report command uses): wall time of the analysis function, including Arrow decoding and JS. Native = the same recorded statements replayed on @duckdb/node-api (same DuckDB version), time in DuckDB only. The ingest section shows Node-wasm within ≈ 1.05–1.6× of Chromium, so the 1 s target is measured here as a proxy for the browser.',
    `Analyses = those of \`buildReport\` in its order and with its options (defaults: month periods, gregorian calendar, churn 90 days; cohorts "on", RFM summary only, NPS by RFM) plus winback (asked for by the benchmark issue; not part of the report's JSON), and the report's small "which segment columns are filled" query. Predictive CLV is left out: it has its own benchmark.`,
    `At sizes above ${LINES_UP_TO / 1e6}M orders the synthetic data has no \`order_lines\` (10M orders + ≈ 15M lines do not fit DuckDB-WASM's memory limit together); sales then works from \`orders.product\`.`,
  );
  return { id: 'analyses', title: 'Analyses: the report on generated orders', tables, targets, notes };
}
