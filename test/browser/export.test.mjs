// Exports in a real Chromium, on the sample: "Export report (.html)" writes one self-contained
// file (every chart as inline SVG, no script, no URL out, no query result rows unless asked for)
// that reads with JavaScript off and prints to PDF; a chart downloads as SVG and as PNG.
// Serves dist/ (or RN_DIST, e.g. a build in /tmp) like the other browser tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { serveStatic, launch, openPage, foreignRequests } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = resolve(process.env.RN_DIST ?? join(root, 'dist'));
let server;
let browser;

before(async () => {
  server = await serveStatic(dist, '/export/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function openReport() {
  const opened = await openPage(browser, server.url);
  await opened.page.waitForFunction(() => performance.getEntriesByName('rn:report-rendered').length > 0, null, { timeout: 180_000, polling: 100 });
  return opened;
}

async function exportReport(page, includeRows = false) {
  if (includeRows) await page.check('[data-testid="export-include-rows"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-report"]')]);
  return { name: download.suggestedFilename(), html: await readFile(await download.path(), 'utf8') };
}

test('the exported report is one self-contained file that reads without JavaScript and prints', async () => {
  const { page, context, errors, requests } = await openReport();
  // Goals are measured after the panels: wait for their status so their progress is in the file.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="goal-status"]').length >= 2, null, { timeout: 60_000 });
  const liveSvgs = await page.locator('[data-testid="notebook"] figure svg').count();
  const { name, html } = await exportReport(page);
  assert.equal(name, 'Retention-report.html');
  const svgs = (html.match(/<svg\b/g) ?? []).length;
  assert.ok(svgs >= 20, `${svgs} charts`);
  assert.equal(svgs, (await page.locator('[data-testid="notebook"] svg').evaluateAll((l) => l.filter((s) => !s.parentElement.closest('svg') && !s.closest('button') && s.getAttribute('aria-hidden') !== 'true').length)));
  assert.ok(liveSvgs >= 20);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /javascript:/i);
  assert.doesNotMatch(html, /https?:\/\//, 'no http(s) URL at all');
  assert.doesNotMatch(html, /<(input|button|select|textarea|iframe|link)\b/i);
  assert.doesNotMatch(html, /var\(--series/);
  assert.match(html, /Retention report/);
  assert.match(html, /Computed in the browser/);
  // Goal cards keep their progress as text and as a CSS bar; the heatmap legend keeps its gradient.
  assert.ok((html.match(/data-testid="goal-progress"/g) ?? []).length >= 2);
  assert.match(html, /fill:url\(&quot;#matrix-grad|fill:url\(#matrix-grad/);
  // The SQL cell's SQL is kept as text; its result (rows) is not.
  assert.match(html, /<pre class="sql-source"[^>]*><code>SELECT CAST\(date_trunc\('month', ordered_at\)|<pre class="sql-source"[^>]*><code>SELECT CAST\(date_trunc\(\{\{period\}\}/);
  assert.doesNotMatch(html, /data-testid="result-table"/);
  assert.match(html, /not included: query results may hold customer rows/);
  console.log(`report: ${(html.length / 1024).toFixed(0)} KiB, ${svgs} svg, ${(html.match(/<table\b/g) ?? []).length} tables, ${(html.match(/class="tile(?:\s|")/g) ?? []).length} tiles`);

  // With the box ticked, the query results come along.
  const withRows = await exportReport(page, true);
  assert.match(withRows.html, /data-testid="result-table"/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, server.origin), []);

  // Opened on its own with JavaScript off: tiles and charts are there; nothing is requested.
  const offline = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
  const view = await offline.newPage();
  const asked = [];
  view.on('request', (r) => asked.push(r.url()));
  await view.setContent(html, { waitUntil: 'load' });
  assert.ok(await view.locator('[data-testid="kpi-tiles"] li').count() >= 4);
  assert.equal(await view.locator('svg').count(), svgs);
  assert.ok(await view.locator('svg rect, svg path').count() > 500);
  // Every chart's background is behind its marks (never after them).
  const covering = await view.locator('svg').evaluateAll((svgs) => svgs.filter((s) => {
    const bg = s.querySelector(':scope > [data-export="background"]');
    return !bg || [...s.children].slice([...s.children].indexOf(bg) + 1).every((c) => c.localName === 'defs');
  }).length);
  assert.equal(covering, 0);
  assert.ok(await view.locator('[data-testid="goal-progress"] .bar').count() >= 2);
  // Charts keep their size and colours without the app's stylesheet.
  const box = await view.locator('figure svg').first().boundingBox();
  assert.ok(box && box.width > 200 && box.height > 100, JSON.stringify(box));
  const fill = await view.locator('svg rect[style*="fill:rgb(0, 114, 178)"]').count();
  assert.ok(fill > 0, 'series 1 in its light colour');
  assert.equal((await view.locator('h1').first().innerText()).trim(), 'Retention report');
  await view.emulateMedia({ media: 'print' });
  const pdf = await view.pdf({ format: 'A4', printBackground: true });
  assert.ok(pdf.length > 10_000 && pdf.subarray(0, 5).toString() === '%PDF-');
  assert.deepEqual(asked.filter((u) => !u.startsWith('data:') && u !== 'about:blank'), []);
  await offline.close();
  await context.close();
});

test('a chart downloads as SVG (styles inlined) and as PNG (twice its size)', async () => {
  const { page, context, errors } = await openReport();
  const figure = page.locator('[data-testid="notebook"] figure.chart-box').first();
  await figure.hover();
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), figure.locator('[data-testid="chart-export-svg"]').click()]);
  assert.match(svgDownload.suggestedFilename(), /\.svg$/);
  const svg = await readFile(await svgDownload.path(), 'utf8');
  assert.match(svg, /^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.doesNotMatch(svg, /var\(|currentcolor|light-dark/i);
  const [w, h] = svg.match(/viewBox="0 0 (\d+) (\d+)"/).slice(1).map(Number);
  assert.match(svg, new RegExp(`width="${w}"`));

  const [pngDownload] = await Promise.all([page.waitForEvent('download'), figure.locator('[data-testid="chart-export-png"]').click()]);
  assert.match(pngDownload.suggestedFilename(), /\.png$/);
  const png = await readFile(await pngDownload.path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), 2 * w);
  assert.equal(png.readUInt32BE(20), 2 * h);
  assert.ok(png.length > 5_000);
  assert.deepEqual(errors, []);
  await context.close();
});
