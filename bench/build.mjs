// Build the app for the browser benchmark, only when the source is newer than the last build.
//
// The bench builds into its own directory (bench/data/dist, git-ignored) instead of dist/, so a
// benchmark never replaces the dist/ that someone's browser tests are serving at that moment.
// It builds into a temporary directory and swaps it in only when the build succeeded: a failed
// build (e.g. a half-finished edit in src/) leaves the previous good build in place, and the
// report says which build was measured. `--dist <dir>` measures an existing build instead.
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

/** A hash of every file under src/: tells whether two measurements ran the same code. */
export function srcFingerprint(root) {
  const h = createHash('sha1');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p.slice(root.length)).update(readFileSync(p));
    }
  };
  walk(join(root, 'src'));
  return h.digest('hex').slice(0, 10);
}

/** → { dir, built: boolean, note: string | null, src: fingerprint of src/ the build was made from (null if unknown) } */
export function ensureBuild(root, { distOverride = null, log = () => {} } = {}) {
  if (distOverride) {
    if (!existsSync(join(distOverride, 'index.html'))) throw new Error(`${distOverride} has no index.html`);
    return { dir: distOverride, built: false, note: `measured the existing build in ${distOverride}`, src: null };
  }
  const dir = join(root, 'bench/data/dist');
  const sources = Math.max(
    newest(join(root, 'src')), newest(join(root, 'public')), newest(join(root, 'index.html')),
    newest(join(root, 'vite.config.ts')), newest(join(root, 'package.json')),
  );
  const built = newest(join(dir, 'index.html'));
  if (built && built >= sources) {
    log('app build is up to date (bench/data/dist)');
    return { dir, built: false, note: null, src: srcFingerprint(root) };
  }
  log(built ? 'src/ changed since the last build: building the app…' : 'building the app…');
  const src = srcFingerprint(root);
  const tmp = join(root, 'bench/data/dist.tmp');
  rmSync(tmp, { recursive: true, force: true });
  const r = spawnSync('npx', ['vite', 'build', '--outDir', tmp, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !existsSync(join(tmp, 'index.html'))) {
    rmSync(tmp, { recursive: true, force: true });
    // eslint-disable-next-line no-control-regex
    const why = (r.stderr || r.stdout || '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => /error/i.test(l))[0] ?? 'vite build failed';
    if (built) {
      log(`build FAILED (${why.trim()}); measuring the previous build`);
      return { dir, built: false, note: `the current src/ did not build (${why.trim()}); the previous build from ${new Date(built).toISOString()} was measured`, src: null };
    }
    throw new Error(`vite build failed: ${why}`);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log('app built into bench/data/dist');
  return { dir, built: true, note: null, src };
}
