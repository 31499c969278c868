// Ingest benchmark: generated order CSVs loaded (1) through the built app in headless Chromium,
// (2) by native DuckDB as a reference, (3) by DuckDB-WASM in Node through the app's own code,
// plus a per-statement breakdown of where the app's load spends its time.
//
// `runIngest(ctx)` returns a report section ({ title, intro, tables, targets, notes }) that
// bench/report.mjs turns into markdown; other benchmarks (analyses, CLV fits) can be added as
// modules returning the same shape.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { generateOrders, sizeLabel } from './generate-orders.mjs';
import { browserIngestRun } from './browser-ingest.mjs';
import {
  fmtMB, fmtMs, fmtS, fmtX, log, max, mbPerS, median, medianRun, othersCpu, runJsonChild, waitForQuiet,
} from './util.mjs';

/** Longest gap between frames we still call responsive: RAIL's 100 ms budget for reacting to input. */
export const RESPONSIVE_GAP_MS = 100;

/** Marks a figure measured while other processes kept the CPU busy. */
const BUSY = 0.35;
const mark = (label, busy) => (busy > BUSY ? `${label} †` : label);
/** DuckDB's error messages go on with advice; the first sentence is what a table cell needs. */
export function shortError(text) {
  const t = String(text).replace(/\s+/g, ' ').trim();
  const cut = t.search(/ (Database is launched|Possible solutions|See also)/);
  const s = cut > 0 ? t.slice(0, cut) : t;
  return s.length > 220 ? s.slice(0, 219) + '…' : s;
}
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(0)} %` : '—');

/** Short, recognisable label of a recorded statement (file-specific names made generic). */
function stepKey(sql) {
  return sql.replace(/--[^\n]*(\n|$)/g, ' ').replace(/\s+/g, ' ').trim()
    .replace(/'orders-[^']*\.csv'/g, "'…'").replace(/uploads\/f\d+-/g, 'uploads/');
}
function stepLabel(sql) {
  const s = stepKey(sql);
  return s.length > 78 ? s.slice(0, 77) + '…' : s;
}

/**
 * ctx: { root, sizes: number[], runs(rows, kind) → number, skip: Set<'browser'|'native'|'wasm'|'replay'>,
 *        openBrowser: () => Promise<{ browser, url, close() }>, srcDir: the app source Node-wasm imports }
 */
export async function runIngest(ctx) {
  const { root, sizes, skip } = ctx;
  const files = [];
  for (const rows of sizes) {
    log(`data: ${sizeLabel(rows)} rows`);
    const f = await generateOrders(rows, { log });
    files.push({ rows, label: sizeLabel(rows), path: f.path, bytes: statSync(f.path).size });
  }
  const quiet = []; // CPU cores used by other processes during each timed measurement

  // ---- native DuckDB reference ----
  const native = [];
  if (!skip.has('native')) {
    for (const f of files) {
      for (const threads of [1, 2]) {
        for (const types of ['varchar', 'auto']) {
          await waitForQuiet();
          const mon = othersCpu();
          const runs = ctx.runs(f.rows, 'native');
          log(`native DuckDB, ${f.label} rows, threads=${threads}, ${types === 'varchar' ? 'all_varchar' : 'auto types'}, ${runs} run(s)`);
          const { result, error } = await runJsonChild(process.execPath, [
            join(root, 'bench/native-ingest.mjs'), '--file', f.path, '--threads', String(threads), '--types', types, '--runs', String(runs),
          ], { cwd: root });
          const busy = mon.stop();
          quiet.push(busy);
          native.push({ file: f, threads, types, busy, times: result?.times ?? [], error: error ?? result?.error ?? null,
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
      await waitForQuiet();
      const mon = othersCpu();
      const runs = ctx.runs(f.rows, 'wasm');
      log(`DuckDB-WASM in Node, app path, ${f.label} rows, ${runs} run(s)`);
      const { result, error } = await runJsonChild(tsx, [join(root, 'bench/node-ingest.ts'), '--file', f.path, '--runs', String(runs), '--src', ctx.srcDir], { cwd: root });
      const busy = mon.stop();
      quiet.push(busy);
      const ok = result?.runs ?? [];
      let failure = error ?? result?.error ?? null;
      // A failed load: its statements up to the one that failed (the clean-up after it is not the load).
      const fr = result?.failedRun;
      const at = fr ? fr.steps.findIndex((s) => s.failed) : -1;
      const failedSteps = at >= 0 ? fr.steps.slice(0, at + 1) : null;
      if (failure && failedSteps) {
        const spent = failedSteps.reduce((n, s) => n + s.ms, 0);
        failure = `${shortError(failure)} — in \`${stepLabel(failedSteps[at].sql).replaceAll('`', "'")}\` after ${fmtS(spent)} s`;
      }
      if (failure) log(`  failed: ${failure}`);
      const entry = {
        file: f, busy, runs: ok, error: failure, failedSteps, startMs: result?.startMs,
        memDeltaMb: result ? result.peakRssMb - result.baselineRssMb : NaN,
        times: ok.map((r) => r.totalMs),
      };
      wasm.push(entry);
      if ((ok.length || failedSteps) && !skip.has('replay')) {
        await waitForQuiet();
        log(`native DuckDB replaying the app's SQL, ${f.label} rows (diagnosis)`);
        // Kept for diagnosis (git-ignored): every statement of the load with its time.
        const rec = join(root, 'bench/data', `node-wasm-${f.label}.json`);
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
        await waitForQuiet();
        const mon = othersCpu();
        log(`Chromium, app load, ${f.label} rows, run ${i + 1}/${runs}`);
        // A second load in the same tab shows what is left once the wasm code is warm; not for
        // the largest files, where two copies at once could exhaust the 4 GB heap.
        const r = await browserIngestRun(b.browser, b.url, f.path, { timeoutMs: 15 * 60_000, secondLoad: f.rows <= 2_000_000 });
        const busy = mon.stop();
        quiet.push(busy);
        log(r.error
          ? `  failed: ${r.error}`
          : `  ${fmtS(r.wallMs)} s (app says ${fmtS(r.appMs)} s), peak +${fmtMB(r.peakDeltaMb)} MiB, longest frame gap ${fmtMs(r.maxFrameGapMs)} ms`);
        results.push({ ...r, busy });
        // A crash or an out-of-memory failure repeats itself; one tells enough.
        if (r.error && /crash|memory/i.test(r.error)) break;
      }
      chromium.push({ file: f, results });
      writeFileSync(join(root, 'bench/data', `chromium-${f.label}.json`), JSON.stringify(results)); // raw runs, for diagnosis
    }
    await b.close();
  }

  return section({ files, native, nativeRef, wasm, replay, chromium, quiet, ctx });
}

function section({ files, native, nativeRef, wasm, replay, chromium, quiet }) {
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
        mark(f.label, max(results.map((r) => r.busy))), fmtMB(f.bytes / 1e6), `${ok.length}/${results.length}`, fmtS(s), fmtMB(mbPerS(f.bytes, s)),
        fmtS(median(ok.map((r) => r.appMs))), fmtS(median(ok.map((r) => r.againMs ?? NaN))),
        fmtMB(max(results.map((r) => r.peakDeltaMb))), fmtMB(max(results.map((r) => r.peakMb))),
        fmtMs(max(ok.map((r) => r.maxFrameGapMs))), progress, fmtX(s / nativeRef(f)),
        failed.length ? failed.map((r) => shortError(r.error)).join('; ') : `ok (${mid?.loaded?.toLocaleString('en')} orders, ${mid?.bundle})`,
      ];
    });
    tables.push({
      title: 'Browser: the app in headless Chromium (choose file → Load → load report)',
      columns: ['rows', 'MB', 'ok/runs', 's (median)', 'MB/s', 'app-reported s', 'same file again, same tab s', 'peak Δ MiB',
        'peak MiB (all processes)', 'longest frame gap ms', 'progress visible', '÷ native 1 thread', 'result'],
      align: 'rrrrrrrrrrlrl',
      rows,
      notes: [
        's = wall time from the click on Load to the load report appearing (measured in the page). app-reported s = the time the app shows in the report (`DataSession.load`). same file again = the file chosen and loaded a second time in the same tab right after (it replaces the first), with the engine\'s code warm; not measured above 2M rows.',
        'peak Δ = highest summed RSS of all Chromium processes during the load (sampled every 100 ms) minus the same sum just before the click; shared pages count once per process.',
        `longest frame gap = the longest time between two requestAnimationFrame callbacks on the page during the load; under ${RESPONSIVE_GAP_MS} ms the page keeps reacting to input.`,
        'Each run opens the app in a new browser context: a new renderer and DuckDB instance, an empty HTTP cache, so the wasm code starts cold every time (compare "first run" in the Node-wasm table).',
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
        return [mark(n.file.label, n.busy), fmtMB(n.file.bytes / 1e6), n.threads, n.types === 'varchar' ? 'all_varchar (as the app)' : 'auto-detected',
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
        return [mark(w.file.label, w.busy), fmtMB(w.file.bytes / 1e6), w.times.length, fmtS(s), fmtS(w.times[0]), fmtMB(mbPerS(w.file.bytes, s)),
          fmtMB(w.memDeltaMb), fmtX(s / nativeRef(w.file)), fmtX(cs / s), w.error ?? `ok (${w.runs[0]?.loaded?.toLocaleString('en')} orders)`];
      }),
      notes: ['Same package and SQL as the browser, without the worker and the page. Each run: all tables dropped, a new `DataSession`, then inspect + load. Peak Δ = process max RSS minus RSS after the engine started.'],
    });
  }

  // where the time goes: the two largest sizes with a recorded Node-wasm load (complete or failed)
  const recorded = wasm.filter((w) => w.runs.length || w.failedSteps).slice(-2);
  if (recorded.length) {
    const keys = [];
    const per = recorded.map((w) => {
      const steps = w.runs.length ? medianRun(w.runs, (r) => r.loadMs).steps : w.failedSteps;
      const rep = replay.find((r) => r.file === w.file)?.result;
      const m = new Map();
      steps.forEach((s, i) => {
        const k = stepKey(s.sql);
        if (!keys.includes(k)) keys.push(k);
        const prev = m.get(k) ?? { wasm: 0, native: 0, sql: s.sql, memMb: NaN, failed: false };
        prev.wasm += s.ms;
        prev.native += rep?.steps?.[i]?.ms ?? NaN;
        prev.memMb = s.memMb ?? prev.memMb;
        prev.failed ||= !!s.failed;
        m.set(k, prev);
      });
      return { w, rep, m, total: steps.reduce((n, s) => n + s.ms, 0), failed: !w.runs.length };
    });
    const big = keys.filter((k) => per.some((p) => (p.m.get(k)?.wasm ?? 0) >= 0.02 * p.total || p.m.get(k)?.failed));
    const rest = (p) => [...p.m.entries()].filter(([k]) => !big.includes(k));
    const rows = big.map((k) => [
      '`' + stepLabel(p0sql(per, k)).replaceAll('`', "'") + '`',
      ...per.flatMap((p) => {
        const v = p.m.get(k);
        if (!v) return ['', '', '', ''];
        return [v.failed ? `✗ ${fmtMs(v.wasm)} (out of memory)` : fmtMs(v.wasm), fmtMs(v.native), pct(v.wasm / p.total), v.failed ? '—' : fmtMB(v.memMb)];
      }),
    ]);
    rows.push(['all other statements', ...per.flatMap((p) => {
      const r = rest(p);
      const wsum = r.reduce((n, [, v]) => n + v.wasm, 0);
      return [fmtMs(wsum), fmtMs(r.reduce((n, [, v]) => n + v.native, 0)), pct(wsum / p.total), ''];
    })]);
    rows.push(['**total**', ...per.flatMap((p) => [
      `**${fmtMs(p.total)}**${p.failed ? ' (failed)' : ''}`, `**${fmtMs(p.rep?.totalMs)}**`, '100 %', ''])]);
    tables.push({
      title: 'Where the load spends its time: each SQL statement of `DataSession.load`',
      columns: ['statement', ...per.flatMap((p) => [`${p.w.file.label} wasm ms`, `${p.w.file.label} native ms`, 'share', 'held after, MiB'])],
      align: 'l' + 'rrrr'.repeat(per.length),
      rows,
      notes: [
        '"wasm" = DuckDB-WASM in Node (the median run above; for a load that failed, its statements up to the failing one); "native" = the very same statements replayed in native DuckDB with threads=1 (the registered upload name replaced by the file path); "held after" = memory DuckDB-WASM holds once the statement is done (`duckdb_memory()`: tables and temp tables; the peak inside a statement is higher). Statements taking at least 2 % of the wasm time are listed.',
        'A statement that is slow in both columns is slow because of its SQL, not because of WebAssembly. The recorded statements (full SQL, times, memory) are kept in `bench/data/node-wasm-<size>.json`.',
      ],
    });
    for (const r of replay.filter((x) => x.error)) notes.push(`Native replay of ${r.file.label} stopped: ${r.error}`);
  }

  const busy = max(quiet);
  if (Number.isFinite(busy)) {
    notes.push(busy > BUSY
      ? `† = other processes (not the bench, its browser or its children) used more than ${BUSY} of the ${cpus().length} CPU cores on average during that measurement (at most ${busy.toFixed(2)}). The bench waits up to a few minutes for a quiet machine before each measurement, then measures anyway; figures marked † are pessimistic.`
      : `The machine was quiet during every measurement (other processes used ≤ ${busy.toFixed(2)} CPU cores on average).`);
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
      detail: [
        `${fmtS(s)} s ${s < 1500 ? '✓' : '✗'}`,
        `${fmtMB(rate)} MB/s ${rate >= 25 ? '✓' : '✗'} (the 1M-row file is ${fmtMB(m1.file.bytes / 1e6)} MB)`,
        `longest frame gap ${fmtMs(gap)} ms ${gap < RESPONSIVE_GAP_MS ? '✓' : '✗'} (responsive = under ${RESPONSIVE_GAP_MS} ms)`,
        ok.length < m1.results.length ? `${m1.results.length - ok.length} run(s) failed ✗` : null,
      ].filter(Boolean).join(', '),
    });
  } else out.push({ text: '1M rows loaded in under 1.5 s (≥ 25 MB/s) with the app responsive meanwhile', ok: null, detail: 'not measured in this run' });
  const m10 = at(10_000_000);
  if (m10) {
    const bad = m10.results.filter((r) => r.error);
    const crashed = bad.filter((r) => /crash/i.test(r.error));
    const s = median(m10.results.filter((r) => !r.error).map((r) => r.wallMs));
    out.push({
      text: '10M rows load without crashing the tab',
      ok: bad.length === 0,
      detail: bad.length === 0
        ? `${m10.results.length}/${m10.results.length} runs loaded in ${fmtS(s)} s (${fmtMB(mbPerS(m10.file.bytes, s))} MB/s), peak +${fmtMB(max(m10.results.map((r) => r.peakDeltaMb)))} MiB`
        : crashed.length
          ? `the tab crashed in ${crashed.length} of ${m10.results.length} runs`
          : `the tab survived, but the load failed after ${fmtS(max(bad.map((r) => r.nodeWallMs)))} s with “${shortError(bad[0].error.replace(/^Loading “[^”]*” failed: /, ''))}” (peak +${fmtMB(max(bad.map((r) => r.peakDeltaMb)))} MiB); nothing was loaded`,
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
      detail: `progress card on screen ${fmtMs(first)} ms after the click at the latest, in ${pct(cover)} of the frames drawn until the report (longest stretch without a frame showing it: ${fmtMs(hole)} ms, which includes frame gaps); ${
        pctShown ? 'a percentage was shown' : 'it shows the stage (reading / checking / building) with an indeterminate bar; no percentage was ever shown'}`,
    });
  } else out.push({ text: 'progress visible throughout', ok: null, detail: 'no successful browser load in this run' });
  return out;
}
