// Report-open benchmark (issue 5): how long after the data is loaded the default report is fully
// drawn in the built app in headless Chromium, and whether the page stays responsive meanwhile.
//
// The app marks `rn:data-ready` (the loaded data is published) and `rn:report-rendered` (every
// panel and SQL cell of the default report drawn), each with `detail.dataVersion` (src/App.svelte).
// A requestAnimationFrame loop injected before navigation (page.addInitScript) records every
// frame, so the longest gap between frames in any interval can be read afterwards.
//
//   (a) sample: the default URL (bundled sample data), ≥ 3 fresh page loads (new browser contexts);
//   (b) 1M orders: `?sample=0`, bench/data/orders-1M.csv chosen in the file input (the drop zone's
//       own input: DropZone hands dropped and chosen files to the same handler), the inspection
//       card's Load button clicked (the mapping confirmed as proposed), then the same interval for
//       the new dataVersion; plus Load → data-ready (ingest) for context;
//   (c) reliability, on one sample page: a SQL cell that fails and one cancelled while its query
//       runs; frame gaps meanwhile, and the notebook still answering afterwards.
//
//   npm run bench -- --only report [--runs N] [--dist DIR]   → bench/REPORT.md
//   (--runs / --quick write bench/data/REPORT-partial.md)
//
// If src/app/report-store.svelte.ts / clv-store.svelte.ts emit `rn:section:*` performance
// measures, they are listed per panel (which panel finishes last).
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { machineInfo } from './machine.mjs';
import { renderReport } from './report.mjs';
import { generateOrders } from './generate-orders.mjs';
import { RESPONSIVE_GAP_MS } from './ingest.mjs';
import { fmtMs, fmtS, log, max, median, medianRun, waitForQuiet } from './util.mjs';

const SAMPLE_TARGET_MS = 3000;
const MILLION_TARGET_MS = 10_000;

/** Injected before any page script: every animation frame's time, and the long tasks. */
function frameRecorder() {
  const st = { frames: [], longTasks: [] };
  window.__rnFrames = st;
  const frame = () => {
    st.frames.push(performance.now());
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) st.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no Long Tasks API */
  }
}

/** Longest gap between consecutive frames overlapping [from, to] (the gap running past `to` counts up to `to`). */
function maxGap(frames, from, to) {
  let gap = 0;
  for (let i = 1; i < frames.length; i++) {
    const a = frames[i - 1];
    const b = Math.min(frames[i], to);
    if (frames[i] < from || a > to) continue;
    gap = Math.max(gap, b - a);
  }
  const last = frames.filter((t) => t <= to).pop();
  if (last !== undefined && last >= from) gap = Math.max(gap, to - last);
  return gap;
}
const longestTask = (tasks, from, to) => tasks.filter(([s, d]) => s + d >= from && s <= to).reduce((m, [, d]) => Math.max(m, d), 0);

/** The page's marks and measures, frames and long tasks. */
const pageState = (page) => page.evaluate(() => ({
  marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('rn:')).map((m) => ({ name: m.name, t: m.startTime, v: m.detail?.dataVersion ?? null,
    detail: m.name.startsWith('rn:clv') ? m.detail : undefined })),
  measures: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('rn:')).map((m) => ({ name: m.name, start: m.startTime, end: m.startTime + m.duration })),
  frames: window.__rnFrames.frames,
  longTasks: window.__rnFrames.longTasks,
  now: performance.now(),
}));

/** Wait for `rn:report-rendered` of the newest data-ready after `after` (page time). → dataVersion */
async function waitRendered(page, after, timeout) {
  const h = await page.waitForFunction((after) => {
    const ready = performance.getEntriesByName('rn:data-ready').filter((m) => m.startTime >= after);
    if (!ready.length) return false;
    const v = ready[ready.length - 1].detail?.dataVersion;
    return performance.getEntriesByName('rn:report-rendered').some((m) => m.detail?.dataVersion === v) ? v : false;
  }, after, { timeout, polling: 50 });
  return h.jsonValue();
}

/** How the CLV panel ended: fitted, refused (with the reason) or failed. */
const clvOutcome = (page) => page.evaluate(() => {
  const sec = document.querySelector('[data-testid="clv-section"]');
  if (!sec) return 'no CLV panel';
  const refusal = sec.querySelector('[data-testid="clv-refusal"]');
  if (refusal) return `refused: ${refusal.textContent.trim()}`;
  const err = sec.querySelector('.error');
  if (err) return `failed: ${err.textContent.trim()}`;
  return sec.querySelector('[data-testid="clv-tiles"]') ? 'fitted' : 'unknown';
});

/** Interval figures for dataVersion `v`. */
function interval(st, v) {
  const ready = st.marks.filter((m) => m.name === 'rn:data-ready' && m.v === v)[0];
  const rendered = st.marks.find((m) => m.name === 'rn:report-rendered' && m.v === v);
  const sections = st.measures.filter((m) => m.end >= ready.t && m.start <= rendered.t + 1)
    .map((m) => ({ name: m.name.replace(/^rn:section:/, ''), startMs: m.start - ready.t, endMs: m.end - ready.t, ms: m.end - m.start }));
  return {
    readyAt: ready.t, renderedAt: rendered.t, ms: rendered.t - ready.t,
    maxFrameGapMs: maxGap(st.frames, ready.t, rendered.t),
    longestTaskMs: longestTask(st.longTasks, ready.t, rendered.t),
    frames: st.frames.filter((t) => t >= ready.t && t <= rendered.t).length,
    sections,
    // The CLV run's phases (worker progress labels) and its own timings, when the app marks them.
    clvPhases: st.marks.filter((m) => m.name === 'rn:clv-phase' && m.t >= ready.t && m.t <= rendered.t).map((m) => ({ atMs: m.t - ready.t, phase: m.detail })),
    clvTimings: st.marks.filter((m) => m.name === 'rn:clv-timings' && m.t >= ready.t && m.t <= rendered.t + 1).map((m) => m.detail).pop() ?? null,
  };
}

async function freshPage(browser, url, colorScheme = 'light') {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(frameRecorder);
  await page.goto(url);
  return { page, context, errors };
}

/** (a) the default URL with the bundled sample. */
async function sampleRun(browser, url, { keepOpen = false } = {}) {
  const { page, context, errors } = await freshPage(browser, url);
  try {
    const v = await waitRendered(page, 0, 180_000);
    const st = await pageState(page);
    const r = interval(st, v);
    const startup = { maxFrameGapMs: maxGap(st.frames, 0, r.renderedAt), longestTaskMs: longestTask(st.longTasks, 0, r.renderedAt) };
    const count = (id) => page.locator(`[data-testid="${id}"]`).first().innerText().then((t) => Number(t.replace(/[^\d]/g, ''))).catch(() => null);
    const res = { ...r, dataVersion: v, startup, errors, clv: await clvOutcome(page), orders: await count('summary-orders'), customers: await count('summary-customers') };
    if (keepOpen) return { ...res, page, context };
    return res;
  } catch (e) {
    return { error: e.message.split('\n')[0], errors };
  } finally {
    if (!keepOpen) await context.close().catch(() => undefined);
  }
}

/** (b) a generated order file loaded through the UI on `?sample=0`. */
async function fileRun(browser, url, file) {
  const { page, context, errors } = await freshPage(browser, url + '?sample=0');
  try {
    await page.waitForSelector('[data-testid="engine-status"][data-state="ready"]', { timeout: 120_000 });
    const dropAt = await page.evaluate(() => performance.now());
    await page.setInputFiles('[data-testid="file-input"]', file);
    await page.locator('[data-testid="inspection"] [data-testid="load-button"]').waitFor({ timeout: 120_000 });
    const inspErr = page.locator('[data-testid="inspection-error"]');
    if (await inspErr.count()) return { error: `not loadable: ${await inspErr.innerText()}`, errors };
    const clickAt = await page.evaluate(() => {
      const t = performance.now();
      document.querySelector('[data-testid="inspection"] [data-testid="load-button"]').click();
      return t;
    });
    const v = await waitRendered(page, clickAt, 10 * 60_000);
    const st = await pageState(page);
    const r = interval(st, v);
    const loadErr = await page.locator('[data-testid="load-error"]').count();
    const loaded = await page.locator('[data-testid="loaded-count"]').first().innerText().then((t) => Number(t.replace(/[^\d]/g, ''))).catch(() => null);
    return {
      ...r, dataVersion: v, errors, loaded, clv: await clvOutcome(page), loadError: loadErr ? await page.locator('[data-testid="load-error"]').innerText() : null,
      dropToReadyMs: r.readyAt - dropAt, loadToReadyMs: r.readyAt - clickAt, inspectMs: clickAt - dropAt,
      ingestMaxFrameGapMs: maxGap(st.frames, clickAt, r.readyAt),
    };
  } catch (e) {
    return { error: e.message.split('\n')[0], errors };
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function typeSql(page, cell, sql) {
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
  const t = await page.evaluate(() => performance.now());
  await page.keyboard.press('Shift+Enter');
  return t;
}

/** (c) a failing and a cancelled SQL cell on a drawn sample report (page from sampleRun keepOpen). */
async function reliabilityRun(page) {
  const now = () => page.evaluate(() => performance.now());
  const gaps = async (from, to) => {
    const st = await pageState(page);
    return { maxFrameGapMs: maxGap(st.frames, from, to), longestTaskMs: longestTask(st.longTasks, from, to) };
  };
  await page.selectOption('[data-testid="add-kind"]', 'sql');
  await page.click('[data-testid="add-cell"]');
  const cell = page.locator('article[data-kind="sql"]').last();
  await cell.locator('[data-testid="cell-status"]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.waitForTimeout(500);

  // A failing query: the error stays on its cell.
  const failAt = await typeSql(page, cell, 'SELECT customer_id,\n       amout\nFROM orders');
  await cell.locator('[data-testid="cell-status"][data-status="error"]').waitFor({ state: 'attached', timeout: 30_000 });
  const failShownAt = await now();
  await page.waitForTimeout(500);
  const fail = { ms: failShownAt - failAt, ...(await gaps(failAt, await now())), message: (await cell.locator('[data-testid="cell-error"]').innerText()).split('\n')[0] };

  // A long query (a 4·10^10-row cross join), cancelled 2 s after it started.
  const longAt = await typeSql(page, cell, 'SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b');
  await cell.locator('[data-testid="cell-cancel"]').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(2000);
  const cancelAt = await now();
  await cell.locator('[data-testid="cell-cancel"]').click();
  await cell.locator('[data-testid="cell-status"][data-status="cancelled"]').waitFor({ state: 'attached', timeout: 30_000 });
  const cancelledAt = await now();
  await page.waitForTimeout(500);
  const running = await gaps(longAt, cancelAt);
  const cancel = { afterMs: cancelledAt - cancelAt, ...(await gaps(longAt, await now())), runningGapMs: running.maxFrameGapMs };

  // …and the notebook still answers.
  const okAt = await typeSql(page, cell, 'SELECT 41 + 1 AS answer');
  await cell.locator('[data-testid="cell-status"][data-status="done"]').waitFor({ state: 'attached', timeout: 30_000 });
  const after = { ms: (await now()) - okAt, answer: await cell.locator('tbody tr:not(.pad) td').first().innerText() };
  return { fail, cancel, after };
}

/**
 * ctx: { root, openBrowser: () => Promise<{ browser, url, close() }>, runs?: number, out: path, command, build: text }.
 * Writes `out` and returns the section.
 */
export async function runReportOpen(ctx) {
  const runs = ctx.runs ?? 3;
  const machine = machineInfo(ctx.root);
  const file = await generateOrders(1_000_000, { log });
  const b = await ctx.openBrowser();
  machine.chromium = `Chromium ${b.browser.version()}`;
  const sample = [];
  const million = [];
  let reliability = null;
  try {
    for (let i = 0; i < runs; i++) {
      const busy = await waitForQuiet();
      const last = i === runs - 1;
      const r = await sampleRun(b.browser, b.url, { keepOpen: last });
      log(r.error ? `sample run ${i + 1}: failed: ${r.error}`
        : `sample run ${i + 1}: data-ready → report-rendered ${fmtS(r.ms)} s (navigation → data-ready ${fmtS(r.readyAt)} s), longest frame gap ${fmtMs(r.maxFrameGapMs)} ms`);
      if (last && !r.error) {
        try {
          reliability = await reliabilityRun(r.page);
          log(`reliability: failing cell shown after ${fmtMs(reliability.fail.ms)} ms (gap ${fmtMs(reliability.fail.maxFrameGapMs)} ms); `
            + `cancelled ${fmtMs(reliability.cancel.afterMs)} ms after the click (gap while running ${fmtMs(reliability.cancel.runningGapMs)} ms, overall ${fmtMs(reliability.cancel.maxFrameGapMs)} ms); next query ${fmtMs(reliability.after.ms)} ms → ${reliability.after.answer}`);
        } catch (e) {
          reliability = { error: e.message.split('\n')[0] };
          log(`reliability: failed: ${reliability.error}`);
        }
        await r.context.close().catch(() => undefined);
      }
      const { page, context, ...keep } = r;
      sample.push({ ...keep, busy });
    }
    for (let i = 0; i < runs; i++) {
      const busy = await waitForQuiet();
      const r = await fileRun(b.browser, b.url, file.path);
      log(r.error ? `1M run ${i + 1}: failed: ${r.error}`
        : `1M run ${i + 1}: Load → data-ready ${fmtS(r.loadToReadyMs)} s, data-ready → report-rendered ${fmtS(r.ms)} s, longest frame gap ${fmtMs(r.maxFrameGapMs)} ms${
          r.sections.length ? `; last panel: ${[...r.sections].sort((x, y) => y.endMs - x.endMs)[0].name}` : ''}`);
      million.push({ ...r, busy });
    }
  } finally {
    await b.close();
  }
  const raw = { chromium: machine.chromium, runs, sample, million, reliability };
  writeFileSync(ctx.rawOut, JSON.stringify(raw, null, 1));
  return writeReportOpen(raw, ctx, machine);
}

/** REPORT.md from the raw runs (bench/data/report-open.json); also re-renders a kept run. */
export function writeReportOpen({ chromium, runs, sample, million, reliability }, ctx, machine = { ...machineInfo(ctx.root), chromium }) {
  const s = section(sample, million, reliability);
  writeFileSync(ctx.out, renderReport({
    machine, sections: [s], title: 'Benchmarks: opening the default report', command: ctx.command, build: String(ctx.build ?? '').replace(/; Node-wasm used the live src\/$/, ''),
    runs: `Chromium: sample ×${runs}, 1M orders ×${runs}, each in a fresh browser context; reliability once (on the last sample page)`,
    intro: [
      'Issue 5: how long after the data is loaded every panel and SQL cell of the default report is drawn, in the built app in',
      'headless Chromium, and whether the page stays responsive meanwhile (analyses run in DuckDB-WASM\'s worker, the CLV fit in',
      'its own worker). Generated by `npm run bench -- --only report` (`bench/report-open.mjs`); do not edit by hand.',
    ],
    rerun: ['- **Re-run:** `npm run bench -- --only report` (≈ 3 min; writes this file; `--runs N` / `--quick` write `bench/data/REPORT-partial.md`).'],
    data: ['- **Data:** (a) the bundled sample (`public/sample/`, the app\'s default URL: orders, NPS responses, subscriptions);',
      '  (b) `bench/data/orders-1M.csv` from `bench/generate-orders.mjs` (1,000,000 orders, ≈ 250k customers), loaded through the UI on `?sample=0`.'],
  }));
  log(`wrote ${relative(ctx.root, ctx.out)}`);
  for (const t of s.targets) log(`${t.ok === null ? '–' : t.ok ? '✓' : '✗'} ${t.text}: ${t.detail}`);
  return s;
}

function section(sample, million, rel) {
  const okS = sample.filter((r) => !r.error);
  const okM = million.filter((r) => !r.error && !r.loadError);
  const sMs = median(okS.map((r) => r.ms));
  const mMs = median(okM.map((r) => r.ms));
  const sGap = max(okS.map((r) => r.maxFrameGapMs));
  const mGap = max(okM.map((r) => r.maxFrameGapMs));
  const busyMark = (xs) => (max(xs.map((r) => r.busy)) > 0.35 ? ' †' : '');
  const slowest = (runs) => {
    const mid = medianRun(runs, (r) => r.ms);
    if (!mid?.sections.length) return null;
    const last = [...mid.sections].sort((a, b) => b.endMs - a.endMs)[0];
    return `${last.name} last (done ${fmtS(last.endMs)} s after data-ready)`;
  };
  const targets = [
    { text: 'sample: report drawn ≤ 3 s after data load', ok: okS.length === sample.length ? sMs <= SAMPLE_TARGET_MS : false,
      detail: `${fmtS(sMs)} s (median of ${okS.length}/${sample.length} page loads)` },
    { text: '1M orders: ≤ 10 s', ok: okM.length === million.length ? mMs <= MILLION_TARGET_MS : false,
      detail: `${fmtS(mMs)} s (median of ${okM.length}/${million.length}; load itself ${fmtS(median(okM.map((r) => r.loadToReadyMs)))} s before that)${
        mMs > MILLION_TARGET_MS && slowest(okM) ? `; ${slowest(okM)}` : ''}` },
    { text: `page responsive throughout (longest frame gap < ${RESPONSIVE_GAP_MS} ms)`, ok: Math.max(sGap, mGap) < RESPONSIVE_GAP_MS,
      detail: `longest gap between animation frames: sample ${fmtMs(sGap)} ms, 1M ${fmtMs(mGap)} ms (worst run, data-ready → report-rendered)` },
  ];
  if (rel && !rel.error) {
    const g = Math.max(rel.fail.maxFrameGapMs, rel.cancel.maxFrameGapMs);
    targets.push({ text: 'a failing or cancelled cell never freezes the page', ok: g < RESPONSIVE_GAP_MS && rel.after.answer === '42',
      detail: `longest frame gap ${fmtMs(g)} ms; cancel took effect in ${fmtMs(rel.cancel.afterMs)} ms; the next query answered in ${fmtMs(rel.after.ms)} ms` });
  } else targets.push({ text: 'a failing or cancelled cell never freezes the page', ok: false, detail: rel?.error ?? 'not run' });

  const runRow = (label, r, i) => r.error
    ? [`${label} ${i + 1}`, '—', '—', '—', '—', '—', '—', r.error]
    : [`${label} ${i + 1}${r.busy > 0.35 ? ' †' : ''}`, fmtS(r.ms), fmtMs(r.maxFrameGapMs), fmtMs(r.longestTaskMs), r.frames,
      label === 'sample' ? fmtS(r.readyAt) : fmtS(r.loadToReadyMs), label === 'sample' ? '—' : fmtS(r.dropToReadyMs),
      label === 'sample' ? `ok (${r.orders?.toLocaleString('en')} orders, ${r.customers?.toLocaleString('en')} customers; startup: longest frame gap ${fmtMs(r.startup.maxFrameGapMs)} ms)` : r.loadError ?? `ok (${r.loaded?.toLocaleString('en')} orders; ingest frame gap ${fmtMs(r.ingestMaxFrameGapMs)} ms)`];
  const tables = [{
    title: 'Data-ready → report-rendered, per page load',
    columns: ['run', 'report s', 'longest frame gap ms', 'longest main-thread task ms', 'frames', 'before: navigation / Load → data-ready s', 'drop → data-ready s', 'result'],
    align: 'lrrrrrrl',
    rows: [...sample.map((r, i) => runRow('sample', r, i)), ...million.map((r, i) => runRow('1M', r, i)),
      ['**sample, median**' + busyMark(sample), `**${fmtS(sMs)}**`, fmtMs(sGap) + ' (max)', fmtMs(max(okS.map((r) => r.longestTaskMs))) + ' (max)', '', fmtS(median(okS.map((r) => r.readyAt))), '—', ''],
      ['**1M, median**' + busyMark(million), `**${fmtS(mMs)}**`, fmtMs(mGap) + ' (max)', fmtMs(max(okM.map((r) => r.longestTaskMs))) + ' (max)', '',
        fmtS(median(okM.map((r) => r.loadToReadyMs))), fmtS(median(okM.map((r) => r.dropToReadyMs))), '']],
    notes: [
      'report s = `rn:data-ready` → `rn:report-rendered` (performance marks of src/App.svelte, same dataVersion): every analysis panel (headline figures, cohorts, churn, segments, RFM, NPS, subscriptions when loaded, CLV fit) and every SQL cell of the default report finished and drawn.',
      'longest frame gap = the longest time between two requestAnimationFrame callbacks in that interval (a rAF loop injected with page.addInitScript before navigation); under 100 ms the page keeps reacting to input. Long tasks from the Long Tasks API (main thread > 50 ms; 0 = none).',
      'sample "before" = navigation → data-ready (engine start + sample load). 1M: Load = the click on the inspection card\'s Load button (mapping confirmed as proposed); drop = the file handed to the drop zone\'s file input (incl. the inspection).',
      '† = other processes kept the CPU busy (> 0.35 cores) during the run.',
    ],
  }];
  const mid = medianRun(okM, (r) => r.ms);
  if (mid?.sections.length) {
    tables.push({
      title: '1M orders: when each panel finished (median run, s after data-ready)',
      columns: ['panel', 'started', 'finished', 'own wall time'],
      align: 'lrrr',
      rows: [...mid.sections].sort((a, b) => a.endMs - b.endMs).map((x, i, all) => [
        all.slice(0, i).some((y) => y.name === x.name) ? `${x.name} (run again)` : x.name, fmtS(Math.max(0, x.startMs)), fmtS(x.endMs), fmtS(x.ms)]),
      notes: ['From `rn:section:*` performance measures in src/app/report-store.svelte.ts and clv-store.svelte.ts. The panels\' queries share one DuckDB worker, so a panel\'s wall time includes waiting for the others\' queries. "run again": the same panel started a second time (superseding the first) when its options changed after the data was inspected.'],
    });
  }
  if (rel && !rel.error) {
    tables.push({
      title: 'Reliability: a failing and a cancelled SQL cell (sample report drawn, one page)',
      columns: ['what', 'ms', 'longest frame gap ms', 'longest main-thread task ms', 'result'],
      align: 'lrrrl',
      rows: [
        ['failing query (`amout`: no such column) → error on its cell', fmtMs(rel.fail.ms), fmtMs(rel.fail.maxFrameGapMs), fmtMs(rel.fail.longestTaskMs), rel.fail.message],
        ['4·10¹⁰-row cross join, cancelled after 2 s → "cancelled"', fmtMs(rel.cancel.afterMs), `${fmtMs(rel.cancel.maxFrameGapMs)} (while running: ${fmtMs(rel.cancel.runningGapMs)})`, fmtMs(rel.cancel.longestTaskMs), 'cancelled'],
        ['then `SELECT 41 + 1`', fmtMs(rel.after.ms), '—', '—', `answer ${rel.after.answer}`],
      ],
      notes: ['ms = Shift+Enter → the error shown; click on Cancel → the cell marked cancelled; Shift+Enter → the answer. Frame gaps from Shift+Enter to 0.5 s after the outcome. test/browser/notebook.test.mjs checks the same behaviour (without timing).'],
    });
  }
  const notes = [];
  for (const [label, runs] of [['sample', okS], ['1M orders', okM]]) {
    const mid = medianRun(runs, (r) => r.ms);
    if (!mid) continue;
    const fit = mid.clvPhases?.find((p) => /BG\/NBD/.test(p.phase));
    const fitMs = fit ? (mid.clvTimings?.bgnbdMs ?? mid.ms - fit.atMs) : NaN;
    notes.push(`CLV panel, ${label} (median run): ${mid.clv ?? '—'}${fit ? ` — per-customer summary ready ${fmtS(fit.atMs)} s after data-ready, BG/NBD fit ${fmtS(fitMs)} s${mid.clvTimings ? '' : ' (until the refusal)'}` : ''}.`);
  }
  return { id: 'report', title: 'Opening the default report', tables, targets, notes };
}
