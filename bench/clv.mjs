// CLV fit benchmark (issue 4): BG/NBD + Gamma-Gamma fitted and every customer scored, for 10k,
// 100k and 1M generated customers, in headless Chromium with the compute phase in the CLV Web
// Worker (src/app/clv-client.ts → src/workers/clv.worker.ts), the page's responsiveness measured
// meanwhile (longest gap between requestAnimationFrame callbacks), and the same two phases in Node
// (DuckDB-WASM blocking build + computeClv in-process) for reference. Writes bench/CLV.md.
//
//   node bench/clv.mjs [--sizes 10k,100k,1M] [--runs 3] [--out bench/CLV.md] [--skip node,main] [--no-wait]
//   npm run bench -- --only clv            (the same through bench/run.mjs)
//
// Data: `simulateClvShop` below — customers drawn from BG/NBD + Gamma-Gamma with a seeded RNG,
// turned into orders (a purchase day and an amount each), inserted as the canonical `orders`
// table in the page's DuckDB (or Node's); the measured data phase then runs the real summary SQL.
// The page: a small entry (bench-only) bundled with Vite's build API into $TMPDIR, reusing
// src/engine/browser.ts and src/app/clv-client.ts, served under a sub-path with the app's CSP.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machineInfo } from './machine.mjs';
import { renderReport } from './report.mjs';
import { fmtMs, fmtS, log, max, median, medianRun, runJsonChild, waitForQuiet } from './util.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
const TARGET_CUSTOMERS = 100_000;
const TARGET_MS = 2000;
/** Options of every run: weekly models, a 3-month holdout, no Pareto/NBD (the app's default), no rows (distribution + top 100 only). */
export const BENCH_OPTIONS = { unit: 'week', asOf: '2023-12-31', calibrationEnd: '2023-09-30', paretoNbd: false, customerLimit: 0 };
const SEED = 20240501;
let quietMs = 60_000;

const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
function parseCount(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`not a size: ${s}`);
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'm' ? 1e6 : m[2].toLowerCase() === 'k' ? 1e3 : 1));
}

/**
 * A seeded BG/NBD + Gamma-Gamma shop: `customers` customers, first purchases spread uniformly over
 * 2022-01-01 … 2023-06-30 (days 0 … 545), observed to 2023-12-31 (day 729). Per customer
 * λ ~ Gamma(r, α) (purchases a day), p ~ Beta(a, b) (drop-out after each repeat purchase),
 * ν ~ Gamma(q, γ) and order values ~ Gamma(p, ν). Self-contained (no closures) so its source can
 * be pasted into the browser bench entry. → { customer: Int32Array, day: Int32Array, amount: Float64Array, orders }
 */
export function simulateClvShop(customers, seed) {
  let s = seed >>> 0;
  const u = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  // Marsaglia & Tsang; shape < 1 boosted by U^(1/shape).
  const gamma = (shape) => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(u(), 1 / shape);
    const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x, v;
      do { x = normal(); v = 1 + c * x; } while (v <= 0);
      v = v * v * v;
      const w = u();
      if (w < 1 - 0.0331 * x * x * x * x || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  const BG = { r: 0.25, alpha: 30, a: 0.8, b: 2.4 };
  const GG = { p: 6.25, q: 3.74, gamma: 15.44 };
  const LAST_FIRST = 545, END = 729;
  let cap = Math.max(1024, customers * 3);
  let customer = new Int32Array(cap), day = new Int32Array(cap), amount = new Float64Array(cap);
  let n = 0;
  const push = (c, d, a) => {
    if (n === cap) {
      cap *= 2;
      const c2 = new Int32Array(cap), d2 = new Int32Array(cap), a2 = new Float64Array(cap);
      c2.set(customer); d2.set(day); a2.set(amount);
      customer = c2; day = d2; amount = a2;
    }
    customer[n] = c; day[n] = d; amount[n] = a; n++;
  };
  for (let i = 0; i < customers; i++) {
    const lambda = gamma(BG.r) / BG.alpha;
    const ga = gamma(BG.a), gb = gamma(BG.b);
    const p = ga / (ga + gb);
    const nu = gamma(GG.q) / GG.gamma;
    const spend = () => Math.max(0.01, Math.round((gamma(GG.p) / nu) * 100) / 100);
    let t = Math.floor(u() * (LAST_FIRST + 1));
    push(i, t, spend());
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (!(t <= END)) break;
      push(i, Math.floor(t), spend());
      if (u() < p) break;
    }
  }
  return { customer: customer.slice(0, n), day: day.slice(0, n), amount: amount.slice(0, n), orders: n };
}

/** SQL turning the inserted `sim_orders` (customer INT, day INT, amount DOUBLE) into the canonical `orders` table. */
export const ORDERS_FROM_SIM_SQL = `CREATE OR REPLACE TABLE orders AS SELECT 'c' || lpad(CAST(customer AS VARCHAR), 7, '0') AS customer_id,
  CAST(DATE '2022-01-01' + day AS TIMESTAMP) AS ordered_at, amount FROM sim_orders`;

// ---- the page ----

const ENTRY = (rel) => `import { tableFromArrays } from 'apache-arrow';
import { createBrowserEngine } from '${rel}/src/engine/browser.ts';
import { runClvInWorker } from '${rel}/src/app/clv-client.ts';
import { fetchClvData } from '${rel}/src/analyses/clv-data.ts';
import { computeClv } from '${rel}/src/analyses/clv-compute.ts';

const simulateClvShop = ${'${SIM}'};
const ORDERS_FROM_SIM_SQL = ${'${SQL}'};
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective + ' ' + e.blockedURI));
let engine = null;

/** Frame gaps while fn runs: the longest gap between requestAnimationFrame callbacks. */
async function watchFrames(fn) {
  let last = performance.now(), maxGap = 0, frames = 0, on = true;
  const tick = (t) => { const now = performance.now(); maxGap = Math.max(maxGap, now - last); last = now; frames++; if (on) requestAnimationFrame(tick); };
  await new Promise((r) => requestAnimationFrame(() => { last = performance.now(); r(); }));
  requestAnimationFrame(tick);
  const longTasks = [];
  let obs = null;
  try { obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) longTasks.push(e.duration); }); obs.observe({ type: 'longtask' }); } catch {}
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  maxGap = Math.max(maxGap, performance.now() - last);
  on = false;
  obs?.disconnect();
  return { value, wallMs, maxFrameGapMs: maxGap, frames, longestTaskMs: longTasks.length ? Math.max(...longTasks) : 0 };
}

function summary(r) {
  return { customers: r.customers, repeatBuyers: r.repeatBuyers, distinct: r.distinctSummaries, bgnbd: r.bgnbd.params,
    bgnbdEvaluations: r.bgnbd.report.evaluations, gg: r.gammaGamma.status === 'fitted' ? r.gammaGamma.params : r.gammaGamma.code,
    timings: r.timings, totalClv: r.totals.clv, p50: r.distribution?.quantiles.p50 ?? null, top: r.distribution?.top[0] ?? null,
    histogram: r.distribution?.histogram.counts.reduce((a, b) => a + b, 0) + (r.distribution?.histogram.overflow ?? 0) };
}

window.__clv = {
  async init() {
    engine = await createBrowserEngine();
    return engine.info;
  },
  async generate(customers, seed) {
    const t0 = performance.now();
    const s = simulateClvShop(customers, seed);
    await engine.insertArrow('sim_orders', tableFromArrays({ customer: s.customer, day: s.day, amount: s.amount }));
    await engine.query(ORDERS_FROM_SIM_SQL);
    await engine.query('DROP TABLE sim_orders');
    return { orders: s.orders, ms: performance.now() - t0 };
  },
  /** The app path: data phase in DuckDB's worker, compute phase in the CLV worker. */
  async worker(options) {
    const marks = {};
    const w = await watchFrames(() => runClvInWorker(engine, options, {
      onProgress: (p) => { marks[p.phase] ??= performance.now(); },
    }));
    const t = w.value.timings;
    return { wallMs: w.wallMs, maxFrameGapMs: w.maxFrameGapMs, frames: w.frames, longestTaskMs: w.longestTaskMs,
      // worker start + transfer in, and the result's way back: wall − data − compute
      overheadMs: w.wallMs - t.summaryMs - (t.bgnbdMs + t.paretoNbdMs + t.gammaGammaMs + t.checksMs + t.scoreMs),
      marks, summary: summary(w.value), violations: [...violations] };
  },
  /** For contrast: the compute phase on the page's main thread. */
  async mainThread(options) {
    const w = await watchFrames(async () => computeClv(await fetchClvData(engine, options), options));
    return { wallMs: w.wallMs, maxFrameGapMs: w.maxFrameGapMs, longestTaskMs: w.longestTaskMs, summary: summary(w.value) };
  },
  /** Cancel test: abort after ms; → the error name and how long the rejection took. */
  async cancel(options, ms) {
    const ac = new AbortController();
    const t0 = performance.now();
    let aborted = 0;
    setTimeout(() => { aborted = performance.now(); ac.abort(); }, ms);
    try { await runClvInWorker(engine, options, { signal: ac.signal }); return { name: 'resolved', afterMs: null }; }
    catch (e) { return { name: e.name, message: e.message, afterMs: performance.now() - (aborted || t0) }; }
  },
};
document.body.dataset.ready = '1';
`;

/** The CSP <meta> of the app's index.html, so the bench page runs under the same policy. */
function appCsp(root) {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const m = /<meta http-equiv="Content-Security-Policy"[\s\S]*?\/>/.exec(html);
  if (!m) throw new Error('index.html has no CSP meta');
  return m[0];
}

/** Bundles the bench page into `dir` (→ dir/dist) with Vite's build API. */
export async function buildClvBenchPage(root = ROOT, dir = join(tmpdir(), 'retention-notebook-clv-bench')) {
  const { build } = await import(pathToFileURL(join(root, 'node_modules/vite/dist/node/index.js')).href);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rel = relative(dir, root).replace(/\\/g, '/').replace(/\/$/, '');
  writeFileSync(join(dir, 'main.js'), ENTRY(rel).replace('${SIM}', () => simulateClvShop.toString()).replace('${SQL}', () => JSON.stringify(ORDERS_FROM_SIM_SQL)));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><meta charset="UTF-8" />${appCsp(root)}<link rel="icon" href="data:," /><title>CLV bench</title></head>
<body><script type="module" src="./main.js"></script></body></html>`);
  await build({
    root: dir, base: './', configFile: false, logLevel: 'warn',
    resolve: { alias: [{ find: /^apache-arrow$/, replacement: join(root, 'node_modules/apache-arrow/Arrow.dom.mjs') }] },
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, chunkSizeWarningLimit: 5000 },
    worker: { format: 'es' },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  });
  return join(dir, 'dist');
}

// ---- Node reference (a tsx child: it imports the TypeScript sources) ----

async function nodeChild(argv) {
  const arg = (k) => argv[argv.indexOf(k) + 1];
  const sizes = arg('--sizes').split(',').map(Number);
  const runs = Number(arg('--runs'));
  const { tableFromArrays } = await import('apache-arrow');
  const { createNodeEngine } = await import('../src/engine/node.ts');
  const { fetchClvData } = await import('../src/analyses/clv-data.ts');
  const { computeClv } = await import('../src/analyses/clv-compute.ts');
  const out = [];
  for (const n of sizes) {
    const engine = await createNodeEngine();
    const s = simulateClvShop(n, SEED);
    await engine.insertArrow('sim_orders', tableFromArrays({ customer: s.customer, day: s.day, amount: s.amount }));
    await engine.query(ORDERS_FROM_SIM_SQL);
    await engine.query('DROP TABLE sim_orders');
    const rs = [];
    for (let k = 0; k < runs; k++) {
      const t0 = performance.now();
      const data = await fetchClvData(engine, BENCH_OPTIONS);
      const t1 = performance.now();
      const r = computeClv(data, BENCH_OPTIONS);
      const t2 = performance.now();
      rs.push({ dataMs: t1 - t0, computeMs: t2 - t1, wallMs: t2 - t0, timings: r.timings, customers: r.customers, distinct: r.distinctSummaries,
        totalClv: r.totals.clv, bgnbd: r.bgnbd.params });
      process.stderr.write(`node ${label(n)} run ${k + 1}: data ${fmtS(t1 - t0)} s, compute ${fmtS(t2 - t1)} s\n`);
    }
    out.push({ customers: n, orders: s.orders, runs: rs });
    await engine.close();
  }
  writeFileSync(arg('--out'), JSON.stringify(out));
}

// ---- the section ----

/**
 * ctx: { root, sizes?: customer counts, runs?: (n) => count, skip?: Set('node', 'main'), out?: path }.
 * Writes bench/CLV.md (or ctx.out) and returns the section.
 */
export async function runClvBench(ctx = {}) {
  const root = ctx.root ?? ROOT;
  const sizes = ctx.sizes ?? DEFAULT_SIZES;
  const runsOf = ctx.runs ?? (() => 3);
  const skip = ctx.skip ?? new Set();
  const machine = machineInfo(root);
  const { serveStatic, launch } = await import('../test/browser/harness.mjs');
  log('CLV bench: building the bench page (Vite build API)…');
  const dist = await buildClvBenchPage(root);
  const server = await serveStatic(dist, '/some/path/');
  const browser = await launch();
  machine.chromium = `Chromium ${browser.version()}`;
  const results = [];
  try {
    for (const n of sizes) {
      const runs = runsOf(n);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(server.url);
      await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60_000 });
      const info = await page.evaluate(() => window.__clv.init());
      const gen = await page.evaluate(([c, s]) => window.__clv.generate(c, s), [n, SEED]);
      log(`CLV bench, Chromium (${info.bundle}): ${label(n)} customers, ${gen.orders.toLocaleString('en')} orders (generated + inserted in ${fmtS(gen.ms)} s)`);
      const entry = { customers: n, orders: gen.orders, bundle: info.bundle, worker: [], main: null, busy: [], errors };
      for (let k = 0; k < runs; k++) {
        entry.busy.push(await waitForQuiet({ maxWaitMs: quietMs }));
        const r = await page.evaluate((o) => window.__clv.worker(o), BENCH_OPTIONS);
        entry.worker.push(r);
        const t = r.summary.timings;
        log(`  worker run ${k + 1}: total ${fmtS(r.wallMs)} s (data ${fmtS(t.summaryMs)}, BG/NBD ${fmtS(t.bgnbdMs)}, GG ${fmtS(t.gammaGammaMs)}, checks ${fmtS(t.checksMs)}, scoring ${fmtS(t.scoreMs)}), longest frame gap ${fmtMs(r.maxFrameGapMs)} ms`);
      }
      if (!skip.has('main') && n <= TARGET_CUSTOMERS) {
        entry.main = await page.evaluate((o) => window.__clv.mainThread(o), BENCH_OPTIONS);
        log(`  main thread (contrast): total ${fmtS(entry.main.wallMs)} s, longest frame gap ${fmtMs(entry.main.maxFrameGapMs)} ms`);
      }
      if (n === TARGET_CUSTOMERS) {
        entry.cancel = await page.evaluate((o) => window.__clv.cancel(o, 700), BENCH_OPTIONS);
        log(`  cancel after 0.7 s: ${entry.cancel.name} ${entry.cancel.afterMs === null ? '' : `(${fmtMs(entry.cancel.afterMs)} ms after abort)`}`);
      }
      await context.close();
      results.push(entry);
    }
  } finally {
    await browser.close();
    server.close();
  }
  let node = null;
  if (!skip.has('node')) {
    await waitForQuiet({ maxWaitMs: quietMs });
    log('CLV bench, Node reference (tsx child)…');
    const c = await runJsonChild(join(root, 'node_modules/.bin/tsx'), [join(root, 'bench/clv.mjs'), '--node-child', '--sizes', sizes.join(','),
      '--runs', String(Math.max(...sizes.map(runsOf)))], { cwd: root, timeoutMs: 60 * 60_000 });
    node = c.result ?? { error: c.error };
  }
  const s = section(results, node);
  const out = ctx.out ?? join(root, 'bench/CLV.md');
  writeFileSync(out, renderReport({
    machine, sections: [s], title: 'Benchmarks: CLV fits (BG/NBD + Gamma-Gamma) in a Web Worker',
    command: ctx.command ?? `node bench/clv.mjs${process.argv.length > 2 && !ctx.command ? ' ' + process.argv.slice(2).join(' ') : ''}`,
    build: 'a bench-only page bundled by `bench/clv.mjs` with Vite\'s build API from the checkout\'s src/ (src/engine/browser.ts, src/app/clv-client.ts, src/workers/clv.worker.ts) into `$TMPDIR/retention-notebook-clv-bench/dist`, served under `/some/path/` with the CSP of index.html',
    runs: `Chromium and Node ${sizes.map((n) => `${label(n)}×${runsOf(n)}`).join(', ')}`,
    intro: [
      'Issue 4: BG/NBD + Gamma-Gamma fitted and every customer scored for 10k, 100k and 1M generated customers, in headless',
      'Chromium with the compute phase in the CLV Web Worker, and how responsive the page stays meanwhile. Generated by',
      '`node bench/clv.mjs` (or `npm run bench -- --only clv`); do not edit by hand. See docs/clv.md.',
    ],
    rerun: ['- **Re-run:** `node bench/clv.mjs` (≈ 3–6 min; `--sizes 10k,100k`, `--runs N`, `--skip node,main`).'],
    data: ['- **Data:** `simulateClvShop` in `bench/clv.mjs`: customers drawn from BG/NBD (r 0.25, α 30 days, a 0.8, b 2.4) and',
      '  Gamma-Gamma (p 6.25, q 3.74, γ 15.44) with a seeded RNG, first purchases over 2022-01-01 … 2023-06-30, orders to 2023-12-31,',
      '  inserted as `orders` in the page\'s DuckDB-WASM. Options: weeks, calibration end 2023-09-30 (3-month holdout), no Pareto/NBD,',
      '  `customerLimit: 0` (every customer scored for totals, tiers, the CLV distribution and the top 100; no per-customer rows posted).'],
  }));
  log(`wrote ${relative(root, out)}`);
  for (const t of s.targets) log(`${t.ok === null ? '–' : t.ok ? '✓' : '✗'} ${t.text}: ${t.detail}`);
  return s;
}

function section(results, node) {
  const med = (xs) => median(xs);
  const rows = [];
  const targets = [];
  for (const e of results) {
    const w = e.worker;
    const t = (k) => med(w.map((r) => r.summary.timings[k]));
    const total = med(w.map((r) => r.wallMs));
    const compute = med(w.map((r) => r.summary.timings.bgnbdMs + r.summary.timings.gammaGammaMs + r.summary.timings.checksMs + r.summary.timings.scoreMs));
    const mr = medianRun(w, (r) => r.wallMs);
    rows.push([label(e.customers), e.orders.toLocaleString('en'), mr?.summary.distinct.toLocaleString('en') ?? '—', fmtS(t('summaryMs')), fmtS(t('bgnbdMs')),
      fmtS(t('gammaGammaMs')), fmtS(t('checksMs')), fmtS(t('scoreMs')), fmtS(compute), fmtS(med(w.map((r) => r.overheadMs))), `**${fmtS(total)}**`,
      fmtMs(max(w.map((r) => r.maxFrameGapMs))), fmtMs(max(w.map((r) => r.longestTaskMs)))]);
    if (e.customers === TARGET_CUSTOMERS) {
      targets.push({ text: '100k customers fitted and scored < 2 s in a worker', ok: total < TARGET_MS,
        detail: `${fmtS(total)} s (median of ${w.length}: data ${fmtS(t('summaryMs'))} s + worker ${fmtS(total - t('summaryMs'))} s)` });
      const gap = max(w.map((r) => r.maxFrameGapMs));
      targets.push({ text: 'page responsive while it runs (longest frame gap < 100 ms)', ok: gap < 100, detail: `longest gap between animation frames ${fmtMs(gap)} ms (worst of ${w.length} runs)` });
    }
  }
  const nodeRows = [];
  if (node && !node.error) {
    for (const e of node) {
      const t = (k) => med(e.runs.map((r) => r.timings[k]));
      nodeRows.push([label(e.customers), fmtS(med(e.runs.map((r) => r.dataMs))), fmtS(t('bgnbdMs')), fmtS(t('gammaGammaMs')), fmtS(t('checksMs')),
        fmtS(t('scoreMs')), fmtS(med(e.runs.map((r) => r.computeMs))), `**${fmtS(med(e.runs.map((r) => r.wallMs)))}**`]);
    }
  }
  const contrast = results.filter((e) => e.main).map((e) => [label(e.customers), fmtS(e.main.wallMs), fmtMs(e.main.maxFrameGapMs),
    fmtMs(max(e.worker.map((r) => r.maxFrameGapMs)))]);
  const busy = max(results.flatMap((e) => e.busy));
  const tables = [{
    title: 'Chromium: data phase in DuckDB-WASM\'s worker, compute phase in the CLV worker (medians, seconds)',
    columns: ['customers', 'orders', 'distinct (x, t_x, T)', 'data phase', 'BG/NBD fit', 'Gamma-Gamma fit', 'checks', 'scoring all', 'compute Σ', 'worker overhead', 'total', 'longest frame gap ms', 'longest main-thread task ms'],
    align: 'lrrrrrrrrrrrr',
    rows,
    notes: [
      '*data phase*: the summary SQL, grouped/spend/tracking queries and every customer\'s summary fetched as typed arrays (DuckDB-WASM, its own worker; Arrow → typed arrays on the page).',
      '*scoring all*: every customer\'s P(alive), expected purchases, CLV (per distinct summary, memoised), totals, tiers, the CLV distribution (quantiles, histogram) and the top 100.',
      '*worker overhead*: total − data − compute: starting the worker, transferring the arrays in, cloning the result out.',
      '*longest frame gap*: the longest time between two requestAnimationFrame callbacks on the page during the whole run (worst run); at 60 Hz a frame is 16.7 ms.',
      '*longest main-thread task*: the Long Tasks API (tasks ≥ 50 ms; 0 = none reported).',
      `Load of other processes right before each run: up to ${busy.toFixed(2)} cores (2-core machine: figures are noisy).`,
    ],
  }];
  if (contrast.length) tables.push({
    title: 'For contrast: the compute phase on the page\'s main thread (one run)',
    columns: ['customers', 'total s', 'longest frame gap ms (main thread)', 'longest frame gap ms (worker)'], align: 'lrrr', rows: contrast,
  });
  if (nodeRows.length) tables.push({
    title: 'Node reference: DuckDB-WASM blocking build + computeClv in-process (medians, seconds)',
    columns: ['customers', 'data phase', 'BG/NBD fit', 'Gamma-Gamma fit', 'checks', 'scoring all', 'compute Σ', 'total'], align: 'lrrrrrrr', rows: nodeRows,
  });
  else if (node?.error) tables.push({ title: 'Node reference', columns: ['result'], rows: [[`failed: ${node.error}`]] });
  const cancel = results.find((e) => e.cancel)?.cancel;
  const notes = [];
  if (cancel) notes.push(`Cancel: aborting a 100k run 0.7 s in rejected with ${cancel.name}${cancel.afterMs === null ? '' : ` ${fmtMs(cancel.afterMs)} ms after the abort`} (the worker is terminated).`);
  const errs = results.flatMap((e) => e.errors);
  const viol = results.flatMap((e) => e.worker.flatMap((r) => r.violations));
  notes.push(viol.length ? `CSP violations: ${[...new Set(viol)].join('; ')}` : 'No CSP violations and the worker ran under the page\'s CSP (blob: bootstrap, served from a sub-path).');
  if (errs.length) notes.push(`Page errors: ${[...new Set(errs)].slice(0, 5).join('; ')}`);
  return { id: 'clv', title: 'CLV fits in a Web Worker', tables, targets, notes };
}

// ---- command line ----

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const argv = process.argv.slice(2);
  if (argv.includes('--node-child')) {
    nodeChild(argv).catch((e) => { console.error(e); process.exit(1); });
  } else {
    const o = { sizes: null, runs: null, skip: new Set(), out: null };
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--sizes') o.sizes = argv[++i].split(',').map(parseCount);
      else if (a === '--runs') o.runs = Number(argv[++i]);
      else if (a === '--skip') for (const s of argv[++i].split(',')) o.skip.add(s.trim());
      else if (a === '--out') o.out = resolve(argv[++i]);
      else if (a === '--no-wait') quietMs = 0;
      else throw new Error(`unknown option ${a}`);
    }
    runClvBench({ sizes: o.sizes ?? undefined, runs: o.runs ? () => o.runs : undefined, skip: o.skip, out: o.out ?? undefined })
      .catch((e) => { console.error(e); process.exit(1); });
  }
}
