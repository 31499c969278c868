// Ingest benchmark: generated order CSVs loaded (1) through the built app in headless Chromium,
// (2) by native DuckDB as a reference, (3) by DuckDB-WASM in Node through the app's own code,
// plus a per-statement breakdown of where the app's load spends its time.
//
// `runIngest(ctx)` returns a report section ({ title, intro, tables, targets, notes }) that
// bench/report.mjs turns into markdown; other benchmarks (analyses, CLV fits) can be added as
// modules returning the same shape.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { generateOrders, sizeLabel } from './generate-orders.mjs';
import { browserIngestRun } from './browser-ingest.mjs';
import { srcFingerprint } from './build.mjs';
import {
  fmtMB, fmtMs, fmtS, fmtX, log, max, mbPerS, median, medianRun, runJsonChild, waitForQuiet,
} from './util.mjs';

/** Longest gap between frames we still call responsive: RAIL's 100 ms budget for reacting to input. */
export const RESPONSIVE_GAP_MS = 100;

const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)} %` : '—');

/** Short, recognisable label of a recorded statement (file-specific names made generic). */
function stepKey(sql) {
  return sql.replace(/'orders-[^']*\.csv'/g, "'…'").replace(/uploads\/f\d+-/g, 'uploads/');
}
function stepLabel(sql) {
  const s = stepKey(sql);
  return s.length > 78 ? s.slice(0, 77) + '…' : s;
}

/**
 * ctx: { root, sizes: number[], runs(rows, kind) → number, skip: Set<'browser'|'native'|'wasm'|'replay'>,
 *        openBrowser: () => Promise<{ browser, url, close() }>, buildSrc: fingerprint of src/ in the app build | null }
 */
export async function runIngest(ctx) {
  const { root, sizes, skip } = ctx;
  const files = [];
  for (const rows of sizes) {
    log(`data: ${sizeLabel(rows)} rows`);
    const f = await generateOrders(rows, { log });
    files.push({ rows, label: sizeLabel(rows), path: f.path, bytes: statSync(f.path).size });
  }
  const quiet = []; // other processes' CPU use before each timed group
  const srcSeen = new Set(ctx.buildSrc ? [ctx.buildSrc] : []); // src/ versions measured (others may edit src/ meanwhile)

  // ---- native DuckDB reference ----
  const native = [];
  if (!skip.has('native')) {
    for (const f of files) {
      for (const threads of [1, 2]) {
        for (const types of ['varchar', 'auto']) {
          quiet.push(await waitForQuiet());
          const runs = ctx.runs(f.rows, 'native');
          log(`native DuckDB, ${f.label} rows, threads=${threads}, ${types === 'varchar' ? 'all_varchar' : 'auto types'}, ${runs} run(s)`);
          const { result, error } = await runJsonChild(process.execPath, [
            join(root, 'bench/native-ingest.mjs'), '--file', f.path, '--threads', String(threads), '--types', types, '--runs', String(runs),
          ], { cwd: root });
          native.push({ file: f, threads, types, times: result?.times ?? [], error: error ?? result?.error ?? null,
            memDeltaMb: result ? result.peakRssMb - result.baselineRssMb : NaN });
        }
      }
    }
  }
  const nativeRef = (f) => median(native.find((n) => n.file === f && n.threads === 1 && n.types === 'varchar')?.times ?? []);

  // ---- DuckDB-WASM in Node: the app's code, per-statement timings ----
  const wasm = [];
  const replay = [];
  if (!skip.has('wasm')) {
    const tsx = join(root, 'node_modules/.bin/tsx');
    for (const f of files) {
      quiet.push(await waitForQuiet());
      const runs = ctx.runs(f.rows, 'wasm');
      log(`DuckDB-WASM in Node, app path, ${f.label} rows, ${runs} run(s)`);
      srcSeen.add(srcFingerprint(root));
      const { result, error } = await runJsonChild(tsx, [join(root, 'bench/node-ingest.ts'), '--file', f.path, '--runs', String(runs)], { cwd: root });
      const ok = result?.runs ?? [];
      let failure = error ?? result?.error ?? null;
      const last = result?.failedSteps?.at(-1);
      if (failure && last) {
        const spent = result.failedSteps.reduce((n, s) => n + s.ms, 0);
        failure = `${failure.split('\n')[0]} — in \`${stepLabel(last.sql).replaceAll('`', "'")}\` after ${fmtS(spent)} s`;
      }
      if (failure) log(`  failed: ${failure}`);
      const entry = {
        file: f, runs: ok, error: failure, startMs: result?.startMs,
        memDeltaMb: result ? result.peakRssMb - result.baselineRssMb : NaN,
        times: ok.map((r) => r.totalMs),
      };
      wasm.push(entry);
      if (ok.length && !skip.has('replay')) {
        quiet.push(await waitForQuiet());
        log(`native DuckDB replaying the app's SQL, ${f.label} rows (diagnosis)`);
        const rec = join(tmpdir(), `bench-recorded-${process.pid}-${f.label}.json`);
        writeFileSync(rec, JSON.stringify(result));
        const r = await runJsonChild(process.execPath, [
          join(root, 'bench/native-replay.mjs'), '--recorded', rec, '--file', f.path, '--threads', '1',
        ], { cwd: root });
        replay.push({ file: f, result: r.result ?? null, error: r.error ?? r.result?.error ?? null });
      }
    }
  }

  // ---- the app in headless Chromium ----
  const chromium = [];
  if (!skip.has('browser')) {
    const b = await ctx.openBrowser();
    for (const f of files) {
      const runs = ctx.runs(f.rows, 'browser');
      const results = [];
      for (let i = 0; i < runs; i++) {
        quiet.push(await waitForQuiet());
        log(`Chromium, app load, ${f.label} rows, run ${i + 1}/${runs}`);
        const r = await browserIngestRun(b.browser, b.url, f.path, { timeoutMs: 15 * 60_000 });
        log(r.error
          ? `  failed: ${r.error}`
          : `  ${fmtS(r.wallMs)} s (app says ${fmtS(r.appMs)} s), peak +${fmtMB(r.peakDeltaMb)} MiB, longest frame gap ${fmtMs(r.maxFrameGapMs)} ms`);
        results.push(r);
        if (r.error && /crash|memory/i.test(r.error)) break; // one crash tells enough; do not repeat it
      }
      chromium.push({ file: f, results });
    }
    await b.close();
  }

  if (!skip.has('wasm')) srcSeen.add(srcFingerprint(root));
  return section({ files, native, nativeRef, wasm, replay, chromium, quiet, srcSeen, ctx });
}

function section({ files, native, nativeRef, wasm, replay, chromium, quiet, srcSeen }) {
  const tables = [];
  const notes = [];

  // Chromium
  if (chromium.length) {
    const rows = chromium.map(({ file: f, results }) => {
      const ok = results.filter((r) => !r.error);
      const failed = results.filter((r) => r.error);
      const s = median(ok.map((r) => r.wallMs));
      const mid = medianRun(ok, (r) => r.wallMs);
      const progress = ok.length
        ? ok.every((r) => r.progressAfterMs !== null && r.progressCoverage >= 0.99)
          ? `yes (after ${fmtMs(max(ok.map((r) => r.progressAfterMs)))} ms; ${ok.some((r) => r.determinateUpdates > 0) ? 'with %' : 'stage only, no %'})`
          : `partly (${pct(Math.min(...ok.map((r) => r.progressCoverage)))} of frames)`
        : '—';
      return [
        f.label, fmtMB(f.bytes / 1e6), `${ok.length}/${results.length}`, fmtS(s), fmtMB(mbPerS(f.bytes, s)),
        fmtS(median(ok.map((r) => r.appMs))),
        fmtMB(max(results.map((r) => r.peakDeltaMb))), fmtMB(max(results.map((r) => r.peakMb))),
        fmtMs(max(ok.map((r) => r.maxFrameGapMs))), progress, fmtX(s / nativeRef(f)),
        failed.length ? failed.map((r) => r.error).join('; ') : `ok (${mid?.loaded?.toLocaleString('en')} orders, ${mid?.bundle})`,
      ];
    });
    tables.push({
      title: 'Browser: the app in headless Chromium (choose file → Load → load report)',
      columns: ['rows', 'MB', 'ok/runs', 's (median)', 'MB/s', 'app-reported s', 'peak Δ MiB', 'peak MiB (all processes)',
        'longest frame gap ms', 'progress visible', '÷ native 1 thread', 'result'],
      align: 'rrrrrrrrrlrl',
      rows,
      notes: [
        's = wall time from the click on Load to the load report appearing (measured in the page). app-reported s = the time the app shows in the report (`DataSession.load`).',
        'peak Δ = highest summed RSS of all Chromium processes during the load (sampled every 100 ms) minus the same sum just before the click; shared pages count once per process.',
        `longest frame gap = the longest time between two requestAnimationFrame callbacks on the page during the load; under ${RESPONSIVE_GAP_MS} ms the page keeps reacting to input.`,
        'Each run opens the app in a new browser context (new renderer, new DuckDB instance).',
      ],
    });
  }

  // native
  if (native.length) {
    tables.push({
      title: 'Native DuckDB 1.4.3 (@duckdb/node-api): `CREATE TABLE t AS SELECT * FROM read_csv(file[, all_varchar=true])`',
      columns: ['rows', 'MB', 'threads', 'types', 'runs', 's (median)', 'MB/s', 'peak Δ MiB', 'result'],
      align: 'rrrlrrrrl',
      rows: native.map((n) => {
        const s = median(n.times);
        return [n.file.label, fmtMB(n.file.bytes / 1e6), n.threads, n.types === 'varchar' ? 'all_varchar (as the app)' : 'auto-detected',
          n.times.length, fmtS(s), fmtMB(mbPerS(n.file.bytes, s)), fmtMB(n.memDeltaMb), n.error ?? 'ok'];
      }),
      notes: ['The reading step alone, the way the app reads (all columns as text) and with DuckDB\'s own type detection; a fresh in-memory database per run; the file is in the OS page cache.'],
    });
  }

  // wasm in Node
  if (wasm.length) {
    tables.push({
      title: 'DuckDB-WASM in Node (blocking build, one thread): the app\'s full path (`inspectFile` + `DataSession.load`)',
      columns: ['rows', 'MB', 'runs', 's (median)', 'first run s', 'MB/s', 'peak Δ MiB', '÷ native 1 thread', 'Chromium ÷ Node-wasm', 'result'],
      align: 'rrrrrrrrrl',
      rows: wasm.map((w) => {
        const s = median(w.times);
        const c = chromium.find((x) => x.file === w.file);
        const cs = c ? median(c.results.filter((r) => !r.error).map((r) => r.wallMs)) : NaN;
        return [w.file.label, fmtMB(w.file.bytes / 1e6), w.times.length, fmtS(s), fmtS(w.times[0]), fmtMB(mbPerS(w.file.bytes, s)),
          fmtMB(w.memDeltaMb), fmtX(s / nativeRef(w.file)), fmtX(cs / s), w.error ?? `ok (${w.runs[0]?.loaded?.toLocaleString('en')} orders)`];
      }),
      notes: ['Same package and SQL as the browser, without the worker and the page. Each run: all tables dropped, a new `DataSession`, then inspect + load. Peak Δ = process max RSS minus RSS after the engine started.'],
    });
  }

  // where the time goes
  const broken = wasm.filter((w) => w.runs.length);
  if (broken.length) {
    const keys = [];
    const per = broken.map((w) => {
      const run = medianRun(w.runs, (r) => r.loadMs);
      const rep = replay.find((r) => r.file === w.file)?.result;
      const m = new Map();
      run.steps.forEach((s, i) => {
        const k = stepKey(s.sql);
        if (!keys.includes(k)) keys.push(k);
        const prev = m.get(k) ?? { wasm: 0, native: 0, sql: s.sql };
        prev.wasm += s.ms;
        prev.native += rep?.steps?.[i]?.ms ?? NaN;
        m.set(k, prev);
      });
      return { w, run, rep, m, total: run.steps.reduce((n, s) => n + s.ms, 0) };
    });
    const big = keys.filter((k) => per.some((p) => (p.m.get(k)?.wasm ?? 0) >= 0.02 * p.total));
    const rest = (p) => [...p.m.entries()].filter(([k]) => !big.includes(k));
    const rows = big.map((k) => [
      '`' + stepLabel(p0sql(per, k)).replaceAll('`', "'") + '`',
      ...per.flatMap((p) => {
        const v = p.m.get(k);
        return [fmtMs(v?.wasm), fmtMs(v?.native), pct((v?.wasm ?? NaN) / p.total)];
      }),
    ]);
    rows.push(['all other statements', ...per.flatMap((p) => {
      const r = rest(p);
      const wsum = r.reduce((n, [, v]) => n + v.wasm, 0);
      return [fmtMs(wsum), fmtMs(r.reduce((n, [, v]) => n + v.native, 0)), pct(wsum / p.total)];
    })]);
    rows.push(['**total (SQL + file registration)**', ...per.flatMap((p) => [
      `**${fmtMs(p.total)}**`, `**${fmtMs(p.rep?.totalMs)}**`, '100 %'])]);
    tables.push({
      title: 'Where the load spends its time: each SQL statement of `DataSession.load` (ms)',
      columns: ['statement', ...per.flatMap((p) => [`${p.w.file.label} wasm`, `${p.w.file.label} native`, 'share'])],
      align: 'l' + 'rrr'.repeat(per.length),
      rows,
      notes: [
        '"wasm" = DuckDB-WASM in Node (median run above); "native" = the very same statements replayed in native DuckDB with threads=1 (the registered upload name replaced by the file path). Statements taking at least 2 % of the wasm time are listed.',
        'A statement that is slow in both columns is slow because of its SQL, not because of WebAssembly.',
      ],
    });
    for (const r of replay.filter((x) => x.error)) notes.push(`Native replay of ${r.file.label} stopped: ${r.error}`);
  }

  if (srcSeen.size > 1) {
    notes.push(`src/ changed while the bench ran (${srcSeen.size} versions seen): the Chromium figures come from the app build made at the start, the Node-wasm figures from src/ as it was when each of them started.`);
  }
  const busy = max(quiet);
  if (Number.isFinite(busy)) {
    notes.push(busy > 0.35
      ? `Other processes were using up to ${busy.toFixed(2)} CPU cores before some measurements (the bench waits up to 5 min for a quiet machine, then measures anyway): those figures are pessimistic.`
      : `The machine was quiet before each measurement (other processes ≤ ${busy.toFixed(2)} CPU cores).`);
  }

  return { id: 'ingest', title: 'Ingest: loading an order CSV', tables, targets: targets({ chromium, files }), notes };
}

function p0sql(per, k) {
  for (const p of per) if (p.m.get(k)) return p.m.get(k).sql;
  return k;
}

function targets({ chromium }) {
  const at = (rows) => chromium.find((c) => c.file.rows === rows);
  const out = [];
  const m1 = at(1_000_000);
  if (m1) {
    const ok = m1.results.filter((r) => !r.error);
    const s = median(ok.map((r) => r.wallMs));
    const rate = mbPerS(m1.file.bytes, s);
    const gap = max(ok.map((r) => r.maxFrameGapMs));
    out.push({
      text: '1M rows loaded in under 1.5 s (≥ 25 MB/s) with the app responsive meanwhile',
      ok: ok.length === m1.results.length && s < 1500 && rate >= 25 && gap < RESPONSIVE_GAP_MS,
      detail: `${fmtS(s)} s, ${fmtMB(rate)} MB/s, longest frame gap ${fmtMs(gap)} ms (responsive = under ${RESPONSIVE_GAP_MS} ms)`,
    });
  } else out.push({ text: '1M rows loaded in under 1.5 s (≥ 25 MB/s) with the app responsive meanwhile', ok: null, detail: 'not measured in this run' });
  const m10 = at(10_000_000);
  if (m10) {
    const bad = m10.results.filter((r) => r.error);
    out.push({
      text: '10M rows load without crashing the tab',
      ok: bad.length === 0,
      detail: bad.length ? bad.map((r) => r.error).join('; ') : `${m10.results.length}/${m10.results.length} runs loaded (${fmtS(median(m10.results.map((r) => r.wallMs)))} s)`,
    });
  } else out.push({ text: '10M rows load without crashing the tab', ok: null, detail: 'not measured in this run' });
  const ok = chromium.flatMap((c) => c.results.filter((r) => !r.error));
  if (ok.length) {
    const first = max(ok.map((r) => r.progressAfterMs ?? Infinity));
    const hole = max(ok.map((r) => r.longestNoProgressMs ?? Infinity));
    const cover = Math.min(...ok.map((r) => r.progressCoverage));
    const pctShown = ok.some((r) => r.determinateUpdates > 0);
    out.push({
      text: 'progress visible throughout',
      ok: first <= 250 && cover >= 0.99,
      detail: `progress card on screen ${fmtMs(first)} ms after the click at the latest, in ${pct(cover)} of frames until the report (longest stretch without it: ${fmtMs(hole)} ms); ${
        pctShown ? 'a percentage was shown' : 'it shows the stage (reading / checking / building) with an indeterminate bar; no percentage was ever shown'}`,
    });
  } else out.push({ text: 'progress visible throughout', ok: null, detail: 'no successful browser load in this run' });
  return out;
}
