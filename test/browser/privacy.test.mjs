// The data never leaves the browser: every request made while a user opens the app (sample data),
// loads a file, waits for the whole report and downloads a CSV is recorded, and the test fails if
// any of them went anywhere but the page's own static files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic, launch, openPage, foreignRequests, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.RN_DIST ?? join(root, 'dist');
let server;
let browser;

before(async () => {
  server = await serveStatic(dist, '/private/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Waits for the `rn:report-rendered` mark of a data version above `after`; returns that version. */
async function reportRendered(page, after, timeout = 180_000) {
  const handle = await page.waitForFunction((v) => {
    const marks = performance.getEntriesByName('rn:report-rendered', 'mark').map((m) => m.detail?.dataVersion ?? 0);
    const newest = Math.max(0, ...marks);
    return newest > v ? newest : null;
  }, after, { timeout, polling: 250 });
  return handle.jsonValue();
}

test('loading a file, running the whole report and downloading a CSV sends nothing anywhere', async () => {
  const { page, context, requests, errors } = await openPage(browser, server.url);
  await waitReady(page);
  const sampleVersion = await reportRendered(page, 0);

  await page.setInputFiles('[data-testid="file-input"]', join(root, 'test/fixtures/tab-separated.tsv'));
  await page.click('[data-testid="load-button"]');
  await page.waitForSelector('[data-testid="load-report"][aria-label="Load report for tab-separated.tsv"]', { timeout: 60_000 });
  await reportRendered(page, sampleVersion); // every panel and cell, on the new data

  const sql = page.locator('article[data-kind="sql"]').first();
  const [download] = await Promise.all([page.waitForEvent('download'), sql.locator('[data-testid="result-download"]').click()]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv.split('\n')[0], /period_start/);
  assert.ok(csv.split('\n').length > 10);

  const foreign = foreignRequests(requests, server.origin);
  assert.deepEqual(foreign, [], `requests outside ${server.origin}: ${foreign.join(', ')}`);
  // …and everything that was requested is one of the app's own static files (no API, no upload).
  const paths = [...new Set(requests.filter((u) => u.startsWith(server.origin)).map((u) => new URL(u).pathname.slice('/private/'.length)))];
  for (const p of paths) assert.match(p, /^(|index\.html|assets\/[^/]+|sample\/[^/]+\.csv)$/, `unexpected request: ${p}`);
  assert.deepEqual(errors, []);
  await context.close();
});
