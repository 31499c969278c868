// One file loaded through the built app in headless Chromium, the way a user does it: open
// `?sample=0`, choose the file, wait for the inspection card, click Load, wait for the load
// report. Measured alongside: peak memory of all Chromium processes, the longest gap between
// animation frames on the page (is the page responsive while the worker loads?), and whether the
// progress card was on screen the whole time.
import { readFileSync, readdirSync } from 'node:fs';
import { openPage, waitReady } from '../test/browser/harness.mjs';

// ---- memory of a process tree, from /proc ----

function childrenMap() {
  const kids = new Map();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may itself contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(e));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return kids;
}

/** `root` and all its descendants. */
export function processTree(root) {
  const kids = childrenMap();
  const out = [];
  const todo = [root];
  while (todo.length) {
    const p = todo.pop();
    out.push(p);
    todo.push(...(kids.get(p) ?? []));
  }
  return out;
}

function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * The browser's processes. playwright-core's `chromium.launch()` Browser has no `process()` (only a
 * BrowserServer does), but the browser is a child of this Node process: every descendant of
 * this process is Chromium (the bench starts no other children while the browser runs).
 */
export function browserPids() {
  return processTree(process.pid).filter((p) => p !== process.pid);
}

/** Summed VmRSS (MB) of the browser's processes. Shared pages count once per process. */
export function browserRssMb() {
  return browserPids().reduce((n, p) => n + rssKb(p), 0) / 1024;
}

/** Sample the summed RSS every `everyMs`; stop() → { peakMb, samples }. The tree is re-read each
 *  second (new renderer/worker processes), the RSS at every sample. */
export function sampleMemory(everyMs = 100) {
  let pids = browserPids();
  let peakMb = 0;
  let samples = 0;
  let lastTree = Date.now();
  const tick = () => {
    if (Date.now() - lastTree > 1000) {
      pids = browserPids();
      lastTree = Date.now();
    }
    const mb = pids.reduce((n, p) => n + rssKb(p), 0) / 1024;
    peakMb = Math.max(peakMb, mb);
    samples++;
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { peakMb, samples };
    },
  };
}

// ---- in-page instrumentation, installed right before the click ----

function instrument() {
  const st = {
    clickAt: null, doneAt: null, outcome: null, maxFrameGap: 0, frames: 0, longTasks: [],
    progressFirstAt: null, progressFrames: 0, loadFrames: 0, longestNoProgress: 0, lastProgressAt: null,
    fractions: 0, maxFraction: null, stages: [],
  };
  window.__bench = st;
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('[data-testid="load-button"]')) {
      st.clickAt = performance.now();
      st.lastProgressAt = st.clickAt;
    }
  }, true);
  // The moment the report (or an error) is added to the page, to the microtask.
  new MutationObserver(() => {
    if (st.clickAt === null || st.doneAt !== null) return;
    const done = document.querySelector('[data-testid="load-report"], [data-testid="load-error"]');
    if (done) {
      st.doneAt = performance.now();
      st.outcome = done.getAttribute('data-testid');
    }
  }).observe(document.body, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (st.clickAt !== null && st.doneAt === null) st.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  } catch {
    /* no Long Tasks API */
  }
  let last = performance.now();
  const frame = () => {
    const now = performance.now();
    const loading = st.clickAt !== null && st.doneAt === null;
    if (loading) {
      if (last >= st.clickAt) st.maxFrameGap = Math.max(st.maxFrameGap, now - last);
      st.loadFrames++;
      const bar = document.querySelector('[data-testid="active-load"] [role="progressbar"]');
      if (bar) {
        st.progressFrames++;
        st.progressFirstAt ??= now;
        st.longestNoProgress = Math.max(st.longestNoProgress, now - st.lastProgressAt);
        st.lastProgressAt = now;
        const v = bar.getAttribute('aria-valuenow');
        if (v !== null) {
          st.fractions++;
          st.maxFraction = Math.max(st.maxFraction ?? 0, Number(v));
        }
        const stage = bar.getAttribute('aria-valuetext');
        if (stage && st.stages[st.stages.length - 1] !== stage) st.stages.push(stage);
      }
    }
    st.frames++;
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

function collect() {
  const st = window.__bench;
  const end = st.doneAt ?? performance.now();
  return {
    wallMs: st.doneAt !== null && st.clickAt !== null ? st.doneAt - st.clickAt : null,
    outcome: st.outcome,
    maxFrameGapMs: st.maxFrameGap,
    loadFrames: st.loadFrames,
    longestTaskMs: st.longTasks.length ? Math.max(...st.longTasks) : 0,
    longTasks: st.longTasks.length,
    progressAfterMs: st.progressFirstAt !== null ? st.progressFirstAt - st.clickAt : null,
    progressCoverage: st.loadFrames ? st.progressFrames / st.loadFrames : 0,
    // The longest stretch of the load without the progress card on screen (incl. the tail).
    longestNoProgressMs: st.lastProgressAt !== null ? Math.max(st.longestNoProgress, end - st.lastProgressAt) : null,
    determinateUpdates: st.fractions,
    maxFraction: st.maxFraction,
    stages: st.stages,
  };
}

const num = (s) => {
  const m = /([\d.]+)\s*s\b/.exec(s ?? '');
  return m ? Number(m[1]) * 1000 : null;
};

/** Wait until the analyses report is shown and not updating (at most `timeoutMs`); → ms waited. */
async function analysesIdle(page, timeoutMs) {
  const t0 = performance.now();
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid="report"]');
    return !!r && !/Updating/.test(r.textContent ?? '');
  }, null, { timeout: timeoutMs, polling: 50 }).catch(() => undefined);
  return performance.now() - t0;
}

/**
 * The same file loaded a second time in the same tab (it replaces the first): the engine and its
 * compiled code are warm now. Click → the progress card gone, in ms (null if it failed).
 */
async function loadAgain(page, file, timeoutMs) {
  // After a load the app runs its headline analyses on the new data, in the same worker; let
  // them finish first, or the second load would queue behind them.
  await analysesIdle(page, timeoutMs);
  await page.setInputFiles('[data-testid="file-input"]', file);
  await page.locator('[data-testid="inspection"] [data-testid="load-button"]').waitFor({ timeout: 120_000 });
  const ms = await page.evaluate((limit) => new Promise((resolve) => {
    let seen = false;
    let t0 = 0;
    const obs = new MutationObserver(() => {
      const active = document.querySelector('[data-testid="active-load"]');
      if (active) seen = true;
      else if (seen) {
        obs.disconnect();
        resolve(document.querySelector('[data-testid="load-error"]') ? null : performance.now() - t0);
      }
    });
    obs.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => resolve(null), limit);
    t0 = performance.now();
    document.querySelector('[data-testid="inspection"] [data-testid="load-button"]').click();
  }), timeoutMs);
  return ms;
}

/**
 * Load `file` once in a fresh browser context (and, with `secondLoad`, once more in the same tab). Never throws for a failed load: the failure text
 * (or "tab crashed") is returned in `error`.
 */
export async function browserIngestRun(browser, appUrl, file, { timeoutMs = 10 * 60_000, secondLoad = false } = {}) {
  const { page, context, errors } = await openPage(browser, appUrl + '?sample=0');
  let crashed = false;
  page.on('crash', () => (crashed = true));
  try {
    await waitReady(page, 120_000);
    const status = await page.locator('[data-testid="engine-status"]').innerText();
    const bundle = /DuckDB-WASM (\w+)/.exec(status)?.[1] ?? null;
    const tChoose = performance.now();
    await page.setInputFiles('[data-testid="file-input"]', file);
    await page.locator('[data-testid="inspection"]').waitFor({ timeout: 120_000 });
    const inspectMs = performance.now() - tChoose;
    const inspErr = page.locator('[data-testid="inspection-error"]');
    if (await inspErr.count()) return { error: `not loadable: ${await inspErr.innerText()}`, bundle };
    await page.evaluate(instrument);
    await page.waitForTimeout(300); // a few frames before the click, so the loop is running
    const baselineMb = browserRssMb();
    const mem = sampleMemory(100);
    const t0 = performance.now();
    await page.click('[data-testid="load-button"]');
    const crash = new Promise((resolve) => page.once('crash', () => resolve('crash')));
    const done = page
      .waitForSelector('[data-testid="load-report"], [data-testid="load-error"]', { timeout: timeoutMs })
      .then(() => 'done', (e) => (crashed ? 'crash' : `timeout: ${e.message.split('\n')[0]}`));
    const how = await Promise.race([done, crash]);
    const nodeWallMs = performance.now() - t0;
    const peakMb = mem.stop().peakMb;
    const result = { bundle, inspectMs, baselineMb, peakMb, peakDeltaMb: peakMb - baselineMb, nodeWallMs, errors };
    if (how === 'crash') return { ...result, error: 'the tab crashed (renderer process died, most likely out of memory)' };
    if (how !== 'done') return { ...result, error: how };
    await page.waitForTimeout(50); // let the last rAF/observer callbacks run
    const m = await page.evaluate(collect);
    if (m.outcome === 'load-error' || (await page.locator('[data-testid="load-error"]').count())) {
      const text = await page.locator('[data-testid="load-error"]').first().innerText();
      return { ...result, ...m, error: text };
    }
    const report = page.locator('[data-testid="load-report"]').first();
    const appMs = num(await report.locator('header .muted').first().innerText().catch(() => ''));
    const loaded = Number((await report.locator('[data-testid="loaded-count"]').innerText()).replace(/[^\d]/g, ''));
    const againMs = secondLoad ? await loadAgain(page, file, timeoutMs) : null;
    return { ...result, ...m, appMs, loaded, againMs, error: null };
  } catch (e) {
    return { error: crashed ? 'the tab crashed (renderer process died, most likely out of memory)' : (e).message.split('\n')[0] };
  } finally {
    await context.close().catch(() => undefined);
  }
}
