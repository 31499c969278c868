// Analyses benchmark: the report's full set of analyses (src/cli/build-report.ts, CLV excepted; the
// list is bench/analyses-list.ts) on N synthetic orders (test/analyses/perf-data.ts), in
// DuckDB-WASM in headless Chromium (bench/analyses-browser.mjs: the app's browser engine, tables
// built in the page), in DuckDB-WASM in Node (bench/analyses-node.ts, the app's code, every
// statement recorded), and the same SQL replayed on native DuckDB with 1 and 2 threads
// (bench/analyses-native.mjs). Returns a report section (see bench/report.mjs).
// `--skip chromium` leaves the browser out.
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
    const entry = { rows, label, runs, lines, busy, wasm: w.result ?? null, error: w.error ?? w.result?.error ?? null, native: {}, chromium: null };
    results.push(entry);
    if (!ctx.skip.has('chromium')) {
      await waitForQuiet();
      const cmon = othersCpu();
      const cruns = ctx.runs(rows, 'wasm');
      log(`analyses, Chromium: ${label} orders${lines ? '' : ' (no order_lines)'}, ${cruns} run(s)`);
      const c = await runJsonChild(process.execPath, [join(root, 'bench/analyses-browser.mjs'), '--orders', String(rows), '--runs', String(cruns),
        ...(lines ? [] : ['--no-lines']), '--src', ctx.srcDir], { cwd: root, timeoutMs: 60 * 60_000 });
      entry.chromium = c.result ?? { error: c.error, analyses: [] };
      entry.chromium.busy = cmon.stop();
      entry.chromium.runsAsked = cruns;
      writeFileSync(join(keep, `analyses-chromium-${label}.json`), JSON.stringify(entry.chromium));
    }
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
    const ch = r.chromium;
    const chOk = !!ch?.analyses?.length;
    const chr = (i) => {
      const a = ch?.analyses?.find((x) => x.name === w.analyses[i].name);
      return a && !a.error ? median(a.times) : NaN;
    };
    const chCell = (i) => {
      const a = ch?.analyses?.find((x) => x.name === w.analyses[i].name);
      return a?.error ? `✗ ${a.error}` : fmtS(chr(i));
    };
    const rows = w.analyses.map((a, i) => {
      const ws = median(a.times);
      return [a.name, chCell(i), a.error ? `✗ ${a.error}` : fmtS(ws), fmtS(nat(1, i)), fmtS(nat(2, i)), fmtX(chr(i) / nat(1, i)), fmtX(ws / nat(1, i))];
    });
    const wt = sumTimes(w.analyses.map((a) => median(a.times)));
    const n1 = sumTimes(w.analyses.map((_, i) => nat(1, i)));
    const n2 = sumTimes(w.analyses.map((_, i) => nat(2, i)));
    const ct = chOk && !ch.error ? sumTimes(w.analyses.map((_, i) => chr(i))) : NaN;
    rows.push(['**total**', `**${fmtS(ct)}**`, `**${fmtS(wt)}**`, `**${fmtS(n1)}**`, `**${fmtS(n2)}**`, `**${fmtX(ct / n1)}**`, `**${fmtX(wt / n1)}**`]);
    const s = w.summary;
    tables.push({
      title: `${r.label} orders`,
      columns: ['analysis', 'wasm (Chromium) s', 'wasm (Node) s', 'native 1 thread s', 'native 2 threads s', 'Chromium ÷ native-1', 'Node ÷ native-1'],
      align: 'lrrrrrr',
      rows,
      notes: [
        `Data: ${s ? `${s.orders.toLocaleString('en')} orders, ${s.customers.toLocaleString('en')} customers, ${s.orderLines.toLocaleString('en')} order lines, ${s.responses.toLocaleString('en')} NPS responses` : '—'}; built in ${fmtS(w.setupMs)} s in Node-wasm (${chOk ? `${fmtS(ch.setupMs)} s in Chromium, ` : ''}${fmtS(r.native[1]?.setupMs)} s natively, 1 thread), not counted.`,
        `${r.runs === 1 ? '1 run' : `median of ${r.runs} runs`}, each from a cold start (the first analysis builds the shared per-customer tables). Node-wasm: DuckDB-WASM memory_limit ${w.memoryLimit}, process peak RSS ${fmtMB(w.peakRssMb)} MB; native peak RSS ${fmtMB(r.native[1]?.peakRssMb)} MB (1 thread), ${fmtMB(r.native[2]?.peakRssMb)} MB (2 threads).`,
        ch ? (ch.error
          ? `Chromium: ${chOk ? 'stopped' : 'failed'}: ${ch.error}${ch.peakRssMb ? ` (peak RSS of the browser's processes ${fmtMB(ch.peakRssMb)} MB)` : ''}.`
          : `Chromium: ${ch.chromium}, DuckDB-WASM ${ch.bundle} bundle (engine started in ${fmtS(ch.startMs)} s), memory_limit ${ch.memoryLimit}, peak RSS of the browser's processes ${fmtMB(ch.peakRssMb)} MB; ${ch.runs === 1 ? '1 run' : `median of ${ch.runs} runs`}.`)
          : 'Chromium: not measured in this run.',
        ...[1, 2].filter((t) => r.native[t]?.error).map((t) => `Native replay (${t} thread${t > 1 ? 's' : ''}) stopped: ${r.native[t].error}`),
        r.busy > 0.35 ? `Other processes used ${r.busy.toFixed(2)} CPU cores on average during the Node-wasm measurement: figures are pessimistic.` : null,
        ch?.busy > 0.35 ? `Other processes used ${ch.busy.toFixed(2)} CPU cores on average during the Chromium measurement: figures are pessimistic.` : null,
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
    r.totals = {
      wt, n1, n2, ct,
      slowest: w.analyses.map((a) => [a.name, median(a.times)]).sort((x, y) => y[1] - x[1])[0],
      chSlowest: Number.isFinite(ct) ? w.analyses.map((a, i) => [a.name, chr(i)]).sort((x, y) => y[1] - x[1])[0] : null,
    };
  }

  const at = (rows) => results.find((r) => r.rows === rows);
  const m1 = at(1_000_000);
  const under = (where) => `every analysis returns in under 1 s at 1M orders (${where})`;
  const within = (where) => `whole set within ${WITHIN}× native DuckDB, 1 thread, at 1M orders (${where})`;
  if (m1?.totals) {
    const t = m1.totals;
    const ch = m1.chromium;
    if (ch && t.chSlowest) {
      const [name, ms] = t.chSlowest;
      targets.push({ text: under('Chromium'), ok: ms < UNDER_MS, detail: `slowest: ${name} ${fmtS(ms)} s` });
      targets.push({ text: within('Chromium'), ok: t.ct / t.n1 <= WITHIN, detail: `${fmtS(t.ct)} s vs ${fmtS(t.n1)} s = ${fmtX(t.ct / t.n1)} (2 threads: ${fmtS(t.n2)} s)` });
    } else {
      targets.push({ text: under('Chromium'), ok: ch ? false : null, detail: ch ? `failed: ${ch.error}` : 'not measured in this run' });
    }
    const [name, ms] = t.slowest;
    const failed = m1.wasm.analyses.filter((a) => a.error);
    targets.push({
      text: under('Node-wasm'),
      ok: failed.length === 0 && ms < UNDER_MS,
      detail: failed.length ? `${failed.map((a) => a.name).join(', ')} failed` : `slowest: ${name} ${fmtS(ms)} s`,
    });
    targets.push({ text: within('Node-wasm'), ok: t.wt / t.n1 <= WITHIN, detail: `${fmtS(t.wt)} s vs ${fmtS(t.n1)} s = ${fmtX(t.wt / t.n1)} (2 threads: ${fmtS(t.n2)} s)` });
  } else {
    targets.push({ text: under('Chromium, Node-wasm'), ok: null, detail: 'not measured in this run' });
    targets.push({ text: within('Chromium, Node-wasm'), ok: null, detail: 'not measured in this run' });
  }
  const m10 = at(10_000_000);
  if (m10) {
    const err = m10.error ?? m10.wasm?.error;
    targets.push({
      text: '10M orders: the whole set completes without running out of memory (Node-wasm)',
      ok: !err && !!m10.totals,
      detail: err ? `failed: ${err}` : `${fmtS(m10.totals.wt)} s (${fmtX(m10.totals.wt / m10.totals.n1)} native-1), wasm memory_limit ${m10.wasm.memoryLimit}, peak RSS ${fmtMB(m10.wasm.peakRssMb)} MB${m10.lines ? '' : '; without order_lines'}`,
    });
    const ch = m10.chromium;
    targets.push({
      text: '10M orders: the whole set completes without running out of memory (Chromium)',
      ok: ch ? !ch.error && Number.isFinite(m10.totals?.ct) : null,
      detail: !ch ? 'not measured in this run' : ch.error ? `failed: ${ch.error}`
        : `${fmtS(m10.totals.ct)} s (${fmtX(m10.totals.ct / m10.totals.n1)} native-1), wasm memory_limit ${ch.memoryLimit}, browser peak RSS ${fmtMB(ch.peakRssMb)} MB${m10.lines ? '' : '; without order_lines'}`,
    });
  } else targets.push({ text: '10M orders: the whole set completes without running out of memory', ok: null, detail: 'not measured in this run' });

  notes.push(
    'wasm (Chromium) = DuckDB-WASM in headless Chromium through the app\'s browser engine (src/engine/browser.ts: a Web Worker, the bundle the page picks, the same wasm files as the app), page bundled from bench/page/ by bench/analyses-browser.mjs; the synthetic tables are built inside the page with the same SQL; wall time of the analysis function in the page, including the worker round trips, Arrow decoding and JS. wasm (Node) = DuckDB-WASM, blocking build, in Node (src/engine/node.ts, what the report command uses): wall time of the analysis function, including Arrow decoding and JS. Native = the statements recorded in Node-wasm replayed on @duckdb/node-api (same DuckDB version), time in DuckDB only.',
    `Analyses = those of \`buildReport\` in its order and with its options (defaults: month periods, gregorian calendar, churn 90 days; cohorts "on", RFM summary only, NPS by RFM) plus winback (asked for by the benchmark issue; not part of the report's JSON), and the report's small "which segment columns are filled" query; list in \`bench/analyses-list.ts\`. The sales profile (\`runSales\`) is measured in its parts ("sales: …"), as runSales runs them; its KPI summary is the one "kpis" computed (runSales takes it as an optional argument), and its one lookup of columns and shared tables is counted in "sales: geography". Predictive CLV is left out: it has its own benchmark.`,
    `At sizes above ${LINES_UP_TO / 1e6}M orders the synthetic data has no \`order_lines\` (10M orders + ≈ 15M lines do not fit DuckDB-WASM's memory limit together); sales then works from \`orders.product\`.`,
  );
  const chromium = results.map((r) => r.chromium?.chromium).find(Boolean) ?? null;
  return { id: 'analyses', title: 'Analyses: the report on generated orders', tables, targets, notes, chromium };
}
