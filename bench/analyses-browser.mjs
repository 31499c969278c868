// The analyses benchmark in headless Chromium: bundles bench/page/ (analyses-entry.ts, which uses
// the app's own browser engine src/engine/browser.ts and the same analysis list as Node) with
// Vite's build API into a temporary directory, serves it with the test harness's static server,
// opens it in Debian's Chromium (playwright-core) and runs N orders × runs there. Writes JSON.
// Run by bench/analyses.mjs in a child process (so the browser's processes are this one's
// descendants, for the memory figure):
//
//   node bench/analyses-browser.mjs --orders 1000000 --runs 3 [--no-lines] [--src DIR] --out FILE
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launch, openPage, serveStatic } from '../test/browser/harness.mjs';
import { sampleMemory } from './browser-ingest.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const argv = process.argv.slice(2);
const get = (k, d) => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : d;
};
const orders = Number(get('--orders', '1000000'));
const runs = Number(get('--runs', '1'));
const lines = !argv.includes('--no-lines');
const srcDir = resolve(get('--src', join(root, 'src')));
const out = get('--out', null);
const timeoutMs = Number(get('--timeout-min', '45')) * 60_000;
const say = (s) => process.stderr.write(`  ${s}\n`);

/** Bundles the page; `src/` imports are pointed at `srcDir` (the checkout's or a snapshot). */
async function bundle() {
  const outDir = join(tmpdir(), 'retention-notebook-bench', `analyses-page-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  const srcAlias = srcDir === join(root, 'src') ? [] : [{ find: /^(?:\.\.\/)+src\//, replacement: `${srcDir}/` }];
  await build({
    configFile: false,
    root: join(root, 'bench/page'),
    base: './',
    logLevel: 'warn',
    resolve: { alias: srcAlias },
    build: {
      outDir, emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, chunkSizeWarningLimit: 5000,
      rollupOptions: { input: join(root, 'bench/page/analyses.html') },
    },
    worker: { format: 'es' },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  });
  return outDir;
}

async function main() {
  const t0 = performance.now();
  const dir = await bundle();
  say(`page bundled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const server = await serveStatic(dir, '/bench/');
  const browser = await launch();
  const result = { orders, runs, lines, chromium: `Chromium ${browser.version()}`, error: null };
  let mem = null;
  try {
    const { page, errors } = await openPage(browser, `${server.url}analyses.html`);
    let crashed = false;
    page.on('crash', () => (crashed = true));
    const info = await page.evaluate(() => window.__analysesBench.ready);
    say(`${result.chromium}, DuckDB-WASM ${info.bundle} bundle, started in ${(info.startMs / 1000).toFixed(1)} s`);
    mem = sampleMemory(200);
    const crash = new Promise((r) => page.once('crash', () => r({ crash: true })));
    const timer = new Promise((r) => setTimeout(() => r({ timeout: true }), timeoutMs));
    const r = await Promise.race([
      page.evaluate((o) => window.__analysesBench.run(o), { orders, lines, runs }).catch((e) => ({ thrown: String(e.message ?? e).split('\n')[0] })),
      crash, timer,
    ]);
    if (r.crash || crashed) result.error = 'the tab crashed (renderer process died, most likely out of memory)';
    else if (r.timeout) result.error = `no result within ${timeoutMs / 60_000} min`;
    else if (r.thrown) result.error = r.thrown;
    else Object.assign(result, r);
    result.pageErrors = errors.slice(0, 5);
  } catch (e) {
    result.error = String(e.message ?? e).split('\n')[0];
  } finally {
    if (mem) result.peakRssMb = mem.stop().peakMb;
    await browser.close().catch(() => undefined);
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (result.totals) for (const [i, t] of result.totals.entries()) say(`chromium run ${i + 1}/${runs}: ${(t / 1000).toFixed(2)} s`);
  if (result.error) say(`chromium: ${result.error}`);
  const json = JSON.stringify(result);
  if (out) writeFileSync(out, json);
  else process.stdout.write(json + '\n');
}

// (Vite's build leaves handles open; the result is written, so end here.)
main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
