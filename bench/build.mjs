// The code the bench measures: one snapshot of the app's source, built for the browser and
// imported by the Node-wasm runs, so both halves of a report measure the same code even while
// src/ is being edited.
//
// - The snapshot (src/, index.html, vite.config.ts, tsconfig.json, package.json, links to public/
//   and node_modules/) lives outside the checkout, in $TMPDIR/retention-notebook-bench/, so that
//   `tsc`/`svelte-check` (which include bench/**/*.ts) never see a second copy of src/. It is
//   taken when src/ has not changed for a few seconds, and re-taken only when src/ differs from it.
// - It is built in place, never into dist/, so a benchmark never replaces the dist/ someone's
//   browser tests are serving. A snapshot that does not build (a half-finished
//   edit) is retried a few times; then the previous good snapshot is measured and the report says so.
// - `--dist DIR` measures an existing build instead (the Node-wasm runs then use the live src/).
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** Where the snapshot and its build live (outside the checkout, see above). */
export const SNAPSHOT_HOME = join(tmpdir(), 'retention-notebook-bench');
import { spawnSync } from 'node:child_process';

/** A hash of every file under `dir` (default: the checkout's src/). */
export function srcFingerprint(root, dir = join(root, 'src')) {
  const h = createHash('sha1');
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p.slice(dir.length)).update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex').slice(0, 10);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Copy the app's source into `to` once src/ has been still for `stillMs`. → fingerprint */
async function snapshot(root, to, { stillMs = 5000, log }) {
  for (let attempt = 0; ; attempt++) {
    const before = srcFingerprint(root);
    await sleep(stillMs);
    rmSync(to, { recursive: true, force: true });
    mkdirSync(to, { recursive: true });
    cpSync(join(root, 'src'), join(to, 'src'), { recursive: true });
    for (const f of ['index.html', 'vite.config.ts', 'tsconfig.json', 'package.json']) cpSync(join(root, f), join(to, f));
    symlinkSync(join(root, 'public'), join(to, 'public'));
    symlinkSync(join(root, 'node_modules'), join(to, 'node_modules'));
    const copied = srcFingerprint(root, join(to, 'src'));
    if (copied === before && srcFingerprint(root) === before) return copied;
    if (attempt === 5) {
      log('src/ keeps changing; using the last copy');
      return copied;
    }
    log('src/ changed while copying it; trying again…');
  }
}

function viteBuild(root, dir) {
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--outDir', 'dist', '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status === 0 && existsSync(join(dir, 'dist/index.html'))) return null;
  // eslint-disable-next-line no-control-regex
  const text = (r.stderr || r.stdout || '').replace(/\x1b\[[0-9;]*m/g, '');
  return (text.split('\n').find((l) => /error/i.test(l)) ?? 'vite build failed').trim();
}

/**
 * → { dir: the built app, srcDir: the source the Node-wasm runs import, src: its fingerprint,
 *     built: boolean, note: string | null }
 */
export async function prepareApp(root, { distOverride = null, log = () => {} } = {}) {
  if (distOverride) {
    if (!existsSync(join(distOverride, 'index.html'))) throw new Error(`${distOverride} has no index.html`);
    return { dir: distOverride, srcDir: join(root, 'src'), src: srcFingerprint(root), built: false,
      note: `measured the existing build in ${distOverride}; Node-wasm used the live src/` };
  }
  const current = join(SNAPSHOT_HOME, 'snapshot');
  const stamp = join(current, 'SRC_FINGERPRINT');
  const good = existsSync(join(current, 'dist/index.html')) && existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
  if (good && good === srcFingerprint(root)) {
    log(`app snapshot ${good} is up to date`);
    return { dir: join(current, 'dist'), srcDir: join(current, 'src'), src: good, built: false, note: null };
  }
  const next = join(SNAPSHOT_HOME, 'snapshot.next');
  let why = null;
  for (let attempt = 1; attempt <= 4; attempt++) {
    log(`${good ? 'src/ changed since the last snapshot' : 'no app snapshot yet'}: copying src/ and building (attempt ${attempt})…`);
    const fp = await snapshot(root, next, { log });
    why = viteBuild(root, next);
    if (!why) {
      writeFileSync(join(next, 'SRC_FINGERPRINT'), fp + '\n');
      rmSync(current, { recursive: true, force: true });
      renameSync(next, current);
      log(`app snapshot ${fp} built into ${current}/dist`);
      return { dir: join(current, 'dist'), srcDir: join(current, 'src'), src: fp, built: true, note: null };
    }
    log(`build failed (${why}); waiting for src/ to settle`);
    await sleep(30_000);
  }
  rmSync(next, { recursive: true, force: true });
  if (good) {
    return { dir: join(current, 'dist'), srcDir: join(current, 'src'), src: good, built: false,
      note: `the current src/ did not build (${why}); the previous snapshot ${good} was measured` };
  }
  throw new Error(`vite build failed: ${why}`);
}
