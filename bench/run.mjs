// `npm run bench`: benchmarks in headless Chromium and Node → BENCHMARKS.md.
//
//   npm run bench                         all sizes (100k, 1M, 10M rows), writes BENCHMARKS.md
//   npm run bench -- --quick              100k and 1M rows, one run each (a fast check)
//   npm run bench -- --sizes 100k,1M      chosen sizes, default run counts
//   npm run bench -- --only analyses --sizes 1M,10M   the analyses benchmark only → bench/ANALYSES.md
//   options: --runs N (every measurement N times), --skip browser,native,wasm,replay,analyses,chromium (chromium: the
//            analyses' browser column), --only ingest|analyses|clv|report,
//            --out FILE, --dist DIR (measure an existing build), --no-wait (do not wait for a quiet machine)
//
// Partial runs (--quick, --sizes, --runs, --skip) write bench/data/BENCHMARKS-partial.md unless
// --out is given, so a quick check never replaces the full BENCHMARKS.md.
//
// Sections are modules returning { title, tables, targets, notes } (see bench/report.mjs);
// add a new benchmark by writing one and listing it in SECTIONS. The analyses section is written
// to its own file (bench/ANALYSES.md, partial runs: bench/data/ANALYSES-partial.md), linked from
// BENCHMARKS.md, so either benchmark can be re-run without losing the other's figures.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './machine.mjs';
import { prepareApp } from './build.mjs';
import { writeReport } from './report.mjs';
import { runIngest } from './ingest.mjs';
import { runAnalyses } from './analyses.mjs';
import { runClvBench } from './clv.mjs';
import { runReportOpen } from './report-open.mjs';
import { parseSize, sizeLabel } from './generate-orders.mjs';
import { log, setQuietWait } from './util.mjs';
import { serveStatic, launch } from '../test/browser/harness.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const SECTIONS = [{ id: 'ingest', run: runIngest }, { id: 'analyses', run: runAnalyses, file: 'bench/ANALYSES.md' },
  // CLV fits in a worker: its own page, customer counts and file (bench/CLV.md, written by bench/clv.mjs).
  // --sizes are customer counts here (at most 1M: the summaries of 10M customers would not fit the page's memory comfortably).
  { id: 'clv', standalone: true, run: (ctx, o) => runClvBench({ root: ctx.root, sizes: o.sizes ? o.sizes.filter((n) => n <= 1_000_000) : undefined, runs: o.runs || o.quick ? () => o.runs ?? 1 : undefined,
    out: o.sizes || o.runs || o.quick ? resolve(ctx.root, 'bench/data/CLV-partial.md') : undefined }) },
  // Opening the default report (sample and 1M orders) in the built app → bench/REPORT.md (bench/report-open.mjs).
  { id: 'report', standalone: true, run: (ctx, o) => runReportOpen({ root: ctx.root, openBrowser: ctx.openBrowser, runs: o.runs ?? (o.quick ? 1 : 3),
    out: resolve(ctx.root, o.runs || o.quick ? 'bench/data/REPORT-partial.md' : 'bench/REPORT.md'), rawOut: resolve(ctx.root, 'bench/data/report-open.json'),
    command: `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`, build: ctx.buildText }) }];
const DEFAULT_SIZES = ['100k', '1M', '10M'];

function parseArgs(argv) {
  const o = { quick: false, sizes: null, runs: null, skip: new Set(), only: null, out: null, dist: null, wait: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--sizes') o.sizes = next().split(',').map((s) => parseSize(s));
    else if (a === '--runs') o.runs = Number(next());
    else if (a === '--skip') for (const s of next().split(',')) o.skip.add(s.trim());
    else if (a === '--only') o.only = new Set(next().split(',').map((s) => s.trim()));
    else if (a === '--out') o.out = next();
    else if (a === '--dist') o.dist = next();
    else if (a === '--no-wait') o.wait = false;
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench -- [--quick] [--sizes 100k,1M,10M] [--runs N] [--skip browser,native,wasm,replay,analyses] [--only ingest,analyses] [--out FILE] [--dist DIR] [--no-wait]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  for (const s of o.skip) if (!['browser', 'native', 'wasm', 'replay', 'analyses', 'chromium'].includes(s)) throw new Error(`--skip: unknown part ${s}`);
  for (const s of o.only ?? []) if (!SECTIONS.some((x) => x.id === s)) throw new Error(`--only: unknown section ${s}`);
  // --only analyses: none of the ingest measurements (nor the app build they need).
  if (o.only && !o.only.has('ingest')) for (const s of ['browser', 'native', 'wasm', 'replay']) o.skip.add(s);
  return o;
}

/** Default run counts: median of 3; 10M-row loads take long, so 2 in the browser and 1 in Node-wasm. */
function runCounts(o) {
  if (o.runs) return () => o.runs;
  if (o.quick) return () => 1;
  return (rows, kind) => (rows >= 5_000_000 ? (kind === 'browser' ? 2 : kind === 'wasm' ? 1 : 3) : 3);
}

function nativeInstalled() {
  try {
    createRequire(import.meta.url).resolve('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!o.wait) setQuietWait(0);
  const sizes = o.sizes ?? (o.quick ? ['100k', '1M'] : DEFAULT_SIZES).map(parseSize);
  const partial = o.quick || o.sizes || o.runs || [...o.skip].some((s) => s !== 'analyses');
  const wanted = (id) => (!o.only || o.only.has(id)) && !o.skip.has(id);
  // The analyses file is complete with its own default sizes (1M, 10M) and run counts.
  const analysesPartial = o.quick || o.runs || !['1M', '10M'].every((l) => sizes.map(sizeLabel).includes(l));
  const out = resolve(root, o.out ?? (partial ? 'bench/data/BENCHMARKS-partial.md' : 'BENCHMARKS.md'));
  const machine = machineInfo(root);
  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb.toFixed(1)} GiB, Node ${machine.node}`);
  log(`sizes: ${sizes.map(sizeLabel).join(', ')}${o.quick ? ' (quick)' : ''}; report → ${wanted('ingest') ? relative(root, out) : '(ingest not run)'}`);

  if ((!o.skip.has('native') || !o.skip.has('replay') || wanted('analyses')) && !nativeInstalled()) {
    // Not a devDependency: the registry mirror lacks its 1.4.3 packages for other platforms,
    // which would break `npm ci` everywhere. Installed here, for the benchmark only.
    log('installing @duckdb/node-api@1.4.3-r.3 (native reference, engine v1.4.3) for this benchmark');
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '@duckdb/node-api@1.4.3-r.3'], { cwd: root, stdio: 'inherit' });
  }

  let build = null;
  if (!o.skip.has('browser') || !o.skip.has('wasm') || wanted('report')) build = await prepareApp(root, { distOverride: o.dist, log });
  if (build) machine.commit += ` (measured: snapshot of src/ ${build.src})`;

  const openBrowser = async () => {
    const server = await serveStatic(build.dir, '/bench/');
    const browser = await launch();
    machine.chromium = `Chromium ${browser.version()}`;
    log(`browser: ${machine.chromium}, app at ${server.url}`);
    return { browser, url: server.url, close: async () => (await browser.close(), server.close()) };
  };

  const ctx = { root, sizes, runs: runCounts(o), skip: o.skip, openBrowser, srcDir: build?.srcDir ?? join(root, 'src'),
    buildText: build && (build.note ? build.note : `a snapshot of src/ (fingerprint ${build.src}) built in \`$TMPDIR/retention-notebook-bench/snapshot/\``) };
  const sections = [];
  const own = []; // sections written to their own file: [section, path]
  for (const s of SECTIONS) {
    if (!wanted(s.id)) continue;
    log(`== ${s.id} ==`);
    if (s.standalone) {
      await s.run(ctx, o);
      continue;
    }
    const sizesFor = s.id === 'analyses' && !o.sizes && !o.quick ? sizes.filter((n) => n >= 1_000_000) : sizes;
    const section = await s.run({ ...ctx, sizes: sizesFor });
    if (section.chromium && !machine.chromium) machine.chromium = section.chromium;
    if (s.file) own.push([section, resolve(root, analysesPartial ? 'bench/data/ANALYSES-partial.md' : s.file), sizesFor]);
    else sections.push(section);
  }
  const r = runCounts(o);
  const command = `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
  const buildText = !build ? 'not used (the checkout\'s src/)'
    : `a snapshot of src/ (fingerprint ${build.src}) copied to \`$TMPDIR/retention-notebook-bench/snapshot/\` and built there; the Chromium and the Node-wasm figures both come from it${
      build.note ? ` (${build.note})` : ''}. Re-taken when src/ changes; \`--dist DIR\` measures another build`;
  if (sections.length) {
    const runs = [...new Set(['browser', 'native', 'wasm'].filter((k) => !o.skip.has(k)).map((k) =>
      `${k === 'browser' ? 'Chromium' : k === 'native' ? 'native' : 'Node-wasm'} ${sizes.map((n) => `${sizeLabel(n)}×${r(n, k)}`).join(', ')}`))].join('; ');
    writeReport(out, { machine, sections, runs, command, build: buildText });
    log(`wrote ${relative(root, out)}`);
  }
  for (const [section, path, sz] of own) {
    writeReport(path, {
      machine, sections: [section], command,
      build: build ? buildText : 'not built: Node-wasm runs the checkout\'s src/; for Chromium, bench/analyses-browser.mjs bundles it with bench/page/ (Vite) into a temporary directory',
      runs: `${o.skip.has('chromium') ? '' : 'Chromium, '}Node-wasm and native (1 and 2 threads) ${sz.map((n) => `${sizeLabel(n)}×${r(n, 'wasm')}`).join(', ')}`,
      title: 'Benchmarks: analyses',
      intro: [
        'How fast the report\'s analyses run on generated orders, in DuckDB-WASM in headless Chromium (the app\'s engine) and in',
        'Node (the engine of the report command), next to the same SQL replayed on native DuckDB (the same engine version,',
        'v1.4.3) with 1 and 2 threads. Generated by',
        '`npm run bench` (`bench/run.mjs`, section `bench/analyses.mjs`); do not edit by hand. The ingest benchmark is in',
        '[BENCHMARKS.md](../BENCHMARKS.md).',
      ],
      rerun: ['- **Re-run:** `npm run bench -- --only analyses --sizes 1M,10M` (≈ 5–10 min; writes this file; other sizes or `--runs` write',
        '  `bench/data/ANALYSES-partial.md`). A full `npm run bench` re-runs it too.'],
      data: ['- **Data:** `createSyntheticTables` of `test/analyses/perf-data.ts`: a deterministic synthetic shop built in SQL',
        '  (≈ N/5 customers over 2022–2024, channels, cities, products, `order_lines` up to 5M orders, NPS responses ≈ N/20).'],
    });
    log(`wrote ${relative(root, path)}`);
  }
  for (const s of [...sections, ...own.map((x) => x[0])]) for (const t of s.targets ?? []) log(`${t.ok === null ? '–' : t.ok ? '✓' : '✗'} ${t.text}: ${t.detail}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

