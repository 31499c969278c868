// `npm run report -- … --html OUT.html`: the app's "Export report (.html)" made headlessly from a
// notebook .json and data files (src/cli/html-export.ts). Runs the real command against a build:
// RN_DIST (e.g. a build in /tmp), else dist/ — like the other browser tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = resolve(process.env.RN_DIST ?? join(root, 'dist'));
const sample = join(root, 'public/sample');
const tsx = join(root, 'node_modules/.bin/tsx');
let dir;

/** The command as CI runs it; resolves with its exit code and output. */
function report(args, { env = {}, timeout = 240_000 } = {}) {
  return new Promise((done) => {
    const t0 = Date.now();
    execFile(tsx, ['src/cli/report.ts', ...args], { cwd: root, timeout, env: { ...process.env, ...env }, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

/** A match on the report without printing the whole file when it fails. */
function has(html, re, message = `the report has ${re}`) {
  assert.ok(re.test(html), message);
}
function hasNot(html, re, message = `the report has no ${re}`) {
  assert.ok(!re.test(html), message);
}

const svgCount = (html) => (html.match(/<svg\b/g) ?? []).length;
/** Every URL-ish attribute value in the markup: only #fragments and data: are allowed. */
function externalUrls(html) {
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  const out = [];
  for (const t of tags) {
    for (const m of t.matchAll(/\s(?:href|src|srcset|xlink:href|action|poster|data)\s*=\s*"([^"]*)"/gi)) {
      if (!/^(#|data:)/.test(m[1].trim())) out.push(m[1]);
    }
  }
  return out;
}

const NOTEBOOK = {
  version: 1,
  title: 'CI check',
  params: { period: 'quarter' },
  cells: [
    { id: 'intro', kind: 'markdown', source: '# Zebra lighthouse\n\nThis paragraph was written for the *CI pipeline* test.' },
    { id: 'kpis', kind: 'analysis', analysis: 'kpis' },
    {
      id: 'top', kind: 'sql', name: 'top_customers',
      source: 'SELECT customer_id, count(*) AS orders, sum(amount) AS revenue\nFROM orders\nGROUP BY 1\nORDER BY 3 DESC, 1\nLIMIT 5',
    },
    {
      id: 'byp', kind: 'sql', name: 'by_period',
      source: 'SELECT CAST(date_trunc({{period}}, ordered_at) AS DATE) AS period_start, count(*) AS orders\nFROM orders\nGROUP BY 1\nORDER BY 1',
    },
    { id: 'chart', kind: 'chart', input: 'byp', type: 'bar', title: 'Orders per period', x: 'period_start', y: ['orders'] },
  ],
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-html-'));
  if (!existsSync(join(sample, 'orders.csv'))) execFileSync(process.execPath, [join(root, 'sample-data/ensure.mjs')], { cwd: root });
  writeFileSync(join(dir, 'nb.json'), JSON.stringify(NOTEBOOK));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the built-in report from the sample: one self-contained file with every panel', async () => {
  const out = join(dir, 'sample.html');
  const r = await report(['--orders', join(sample, 'orders.csv'), '--customers', join(sample, 'customers.csv'),
    '--responses', join(sample, 'responses.csv'), '--html', out, '--dist', dist]);
  assert.equal(r.code, 0, r.stderr);
  console.log(`sample (orders + customers + responses): ${r.seconds.toFixed(1)} s; ${r.stdout.trim()}`);
  assert.match(r.stdout, /^HTML report written to .*sample\.html \(\d+ KiB, \d+ charts, [\d.]+ s\)$/m);
  assert.match(r.stderr, /html: orders\.csv: 38,349 rows loaded/);
  assert.match(r.stderr, /html: customers\.csv: [\d,]+ rows loaded/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('sample')), ['sample.html'], 'one file, no temporary left');
  const html = readFileSync(out, 'utf8');
  has(html, /^<!doctype html>/);
  hasNot(html, /<script/i);
  hasNot(html, /https?:\/\//);
  assert.deepEqual(externalUrls(html), []);
  has(html, /<title>Retention report<\/title>/);
  has(html, /data-testid="kpi-tiles"/);
  assert.ok(svgCount(html) >= 20, `${svgCount(html)} charts`);
  // Goals are measured after the panels: their progress is in the file.
  assert.ok((html.match(/data-testid="goal-progress"/g) ?? []).length >= 2);
  // NPS panel from the responses file.
  has(html, /NPS/);
  // No customer rows by default.
  hasNot(html, /data-testid="result-table"/);
  hasNot(html, /\bC0\d{4}\b/, 'no customer id from the sample');
});

test('a notebook file with markdown and SQL; rows only with --html-include-rows; flags and JSON alongside', async () => {
  const nb = join(dir, 'nb.json');
  const out = join(dir, 'nb.html');
  const json = join(dir, 'nb.json.out');
  const r = await report(['--orders', join(sample, 'orders.csv'), '--notebook', nb, '--period', 'year', '--churn-days', '60', '--as-of', '2026-10-31',
    '--no-clv', '--html', out, '--json', json, '--dist', dist]);
  assert.equal(r.code, 0, r.stderr);
  console.log(`notebook + JSON: ${r.seconds.toFixed(1)} s`);
  assert.match(r.stdout, /Report written to /);
  assert.match(r.stdout, /HTML report written to /);
  assert.match(r.stderr, /warning: --as-of, --no-clv shape the JSON report only/);
  assert.match(r.stderr, /parameters: period year, calendar gregorian, churn window 60 days/);
  assert.equal(JSON.parse(readFileSync(json, 'utf8')).options.period, 'year');
  const html = readFileSync(out, 'utf8');
  has(html, /<title>CI check<\/title>/);
  has(html, /Zebra lighthouse/);
  has(html, /written for the <em>CI pipeline<\/em> test/);
  has(html, /data-testid="kpi-tiles"/);
  has(html, /<pre class="sql-source"[^>]*><code>SELECT customer_id, count\(\*\) AS orders/);
  assert.ok(svgCount(html) >= 5, `${svgCount(html)} charts (KPI sparklines and the bar chart)`);
  has(html, /control-value">year</, 'the period parameter as text');
  hasNot(html, /<script/i);
  assert.deepEqual(externalUrls(html), []);
  hasNot(html, /data-testid="result-table"/);
  has(html, /not included: query results may hold customer rows/);
  hasNot(html, /\bC0\d{4}\b/);

  const withRows = join(dir, 'rows.html');
  const r2 = await report(['--orders', join(sample, 'orders.csv'), '--notebook', nb, '--html', withRows, '--html-include-rows', '--dist', dist]);
  assert.equal(r2.code, 0, r2.stderr);
  const rows = readFileSync(withRows, 'utf8');
  has(rows, /data-testid="result-table"/);
  has(rows, /\bC0\d{4}\b/, 'the top customers are listed');
  assert.deepEqual(externalUrls(rows), []);
});

test('a file that needs a mapping decision: stops and names it; --mapping applies through the mapping step', async () => {
  const fixture = join(root, 'test/cli/fixtures/bestellungen.csv');
  const bad = await report(['--orders', fixture, '--html', join(dir, 'x.html'), '--dist', dist], { timeout: 60_000 });
  assert.equal(bad.code, 3, bad.stderr);
  assert.match(bad.stderr, /error: “bestellungen\.csv” \(--orders\) has no customer column .*--mapping/);
  assert.ok(!existsSync(join(dir, 'x.html')));

  const out = join(dir, 'de.html');
  const r = await report(['--orders', fixture, '--mapping', join(root, 'test/cli/fixtures/bestellungen.mapping.json'), '--html', out,
    '--html-timeout', '120', '--dist', dist]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /html: bestellungen\.csv: 6 rows loaded/);
  const html = readFileSync(out, 'utf8');
  has(html, /data-testid="kpi-tiles"/);
  has(html, /EUR|€/);
});

test('clear errors: no Chromium (exit 2), no build (exit 2), a file that is not a notebook (exit 3), missing output', async () => {
  const orders = join(sample, 'orders.csv');
  const noChromium = await report(['--orders', orders, '--html', join(dir, 'a.html'), '--dist', dist], { env: { CHROMIUM_PATH: '/nonexistent/chromium' }, timeout: 60_000 });
  assert.equal(noChromium.code, 2);
  assert.match(noChromium.stderr, /--html needs Chromium, and there is none at “\/nonexistent\/chromium” \(CHROMIUM_PATH\)\. Install it \(Debian\/Ubuntu: apt-get install -y chromium\)/);

  const noDist = await report(['--orders', orders, '--html', join(dir, 'a.html'), '--dist', join(dir, 'nothing')], { timeout: 60_000 });
  assert.equal(noDist.code, 2);
  assert.match(noDist.stderr, /index\.html” is missing/);

  writeFileSync(join(dir, 'not-a-notebook.json'), JSON.stringify({ version: 1, cells: [{ id: 'x', kind: 'python' }] }));
  const wrong = await report(['--orders', orders, '--notebook', join(dir, 'not-a-notebook.json'), '--html', join(dir, 'a.html'), '--dist', dist], { timeout: 60_000 });
  assert.equal(wrong.code, 3);
  assert.match(wrong.stderr, /error: The notebook “.*not-a-notebook\.json” \(--notebook\) cannot be opened: .*python/);
  assert.ok(!existsSync(join(dir, 'a.html')));
  writeFileSync(join(dir, 'broken.json'), '{"version": 1, "cells": [');
  const broken = await report(['--orders', orders, '--notebook', join(dir, 'broken.json'), '--html', join(dir, 'a.html'), '--dist', dist], { timeout: 60_000 });
  assert.equal(broken.code, 3);
  assert.match(broken.stderr, /error: The notebook “.*broken\.json” \(--notebook\) cannot be opened: it is not a Retention Notebook document \(not JSON/);
  const missing = await report(['--orders', orders, '--notebook', join(dir, 'none.json'), '--html', join(dir, 'a.html'), '--dist', dist], { timeout: 60_000 });
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /Cannot read “.*none\.json” \(--notebook\): there is no such file/);

  const neither = await report(['--orders', orders], { timeout: 60_000 });
  assert.equal(neither.code, 2);
  assert.match(neither.stderr, /give --json OUT\.json and\/or --html OUT\.html/);
  const stray = await report(['--orders', orders, '--json', join(dir, 'a.json'), '--notebook', join(dir, 'nb.json')], { timeout: 60_000 });
  assert.equal(stray.code, 2);
  assert.match(stray.stderr, /--notebook is an option of the HTML report/);
  assert.ok(!existsSync(join(dir, 'a.html')));
});

test('--html-timeout gives up with a clear message; --html-theme dark needs the menu\'s theme choice', async () => {
  const orders = join(sample, 'orders.csv');
  const slow = await report(['--orders', orders, '--html', join(dir, 't.html'), '--html-timeout', '2', '--dist', dist], { timeout: 60_000 });
  assert.equal(slow.code, 4);
  assert.match(slow.stderr, /error: The HTML export did not finish within 2 s \(it was [^)]+\)\. Give it more time with --html-timeout SECONDS\./);
  assert.ok(!existsSync(join(dir, 't.html')));
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('t.html')), [], 'no temporary file left');

  const themed = readdirSync(join(dist, 'assets')).some((f) => f.endsWith('.js') && readFileSync(join(dist, 'assets', f), 'utf8').includes('export-theme'));
  const out = join(dir, 'dark.html');
  const dark = await report(['--orders', join(root, 'test/cli/fixtures/tiny-orders.csv'), '--html', out, '--html-theme', 'dark', '--dist', dist]);
  if (themed) {
    assert.equal(dark.code, 0, dark.stderr);
    has(readFileSync(out, 'utf8'), /<html [^>]*data-theme="dark"/);
  } else {
    assert.equal(dark.code, 2, dark.stderr);
    assert.match(dark.stderr, /--html-theme dark: the Export menu of this build has no theme choice/);
  }
});
