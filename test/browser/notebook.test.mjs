// The notebook in a real Chromium: parameters re-run what depends on them, SQL cells are edited
// and run with the keyboard, errors stay on their cell, a long query is cancelled, cells are
// added / moved / duplicated / deleted, and the document autosaves and round-trips through a file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic, launch, openPage, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
let server;
let browser;

before(async () => {
  server = await serveStatic(join(root, 'dist'), '/nb/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const sqlCells = (page) => page.locator('article[data-kind="sql"]');
const rowsText = (cell) => cell.locator('[data-testid="cell-status"]').innerText();

async function typeSql(page, cell, sql) {
  const editor = cell.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(sql);
  await page.keyboard.press('Shift+Enter');
}

test('parameters re-run their cells; SQL is edited, run, fails in place and is cancelled', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  const first = sqlCells(page).first();
  // Orders by month over the sample's three years.
  await page.waitForFunction(() => /^36 rows/.test(document.querySelector('article[data-kind="sql"] [data-testid="cell-status"]')?.textContent?.trim() ?? ''), null, { timeout: 90_000 });
  const chartBars = () => page.locator('article[data-kind="chart"] rect.bar').count();
  assert.equal(await chartBars(), 36);

  // Period → quarter: the query (which uses {{period}}) and its chart re-run.
  await page.selectOption('[data-testid="param-period"]', 'quarter');
  await page.waitForFunction(() => /^13 rows/.test(document.querySelector('article[data-kind="sql"] [data-testid="cell-status"]')?.textContent?.trim() ?? ''), null, { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelectorAll('article[data-kind="chart"] rect.bar').length === 13, null, { timeout: 30_000 });

  // A new SQL cell, typed and run with Shift+Enter; it reads the first cell's view.
  await page.selectOption('[data-testid="add-kind"]', 'sql');
  await page.click('[data-testid="add-cell"]');
  const added = sqlCells(page).last();
  await typeSql(page, added, 'SELECT count(*) AS quarters, sum(orders) AS orders\nFROM orders_by_period');
  await added.locator('[data-testid="cell-status"][data-status="done"]').waitFor({ timeout: 30_000 });
  assert.equal(await added.locator('tbody tr:not(.pad) td').first().innerText(), '13'); // Q4 2023 … Q4 2026

  // A mistake: the error stays on the cell with its line and column; the cell above is untouched.
  await typeSql(page, added, 'SELECT customer_id,\n       amout\nFROM orders');
  const error = added.locator('[data-testid="cell-error"]');
  await error.waitFor({ timeout: 30_000 });
  assert.match(await error.innerText(), /amout/);
  assert.match(await error.innerText(), /Go to line 2, column 8/);
  assert.match(await rowsText(first), /^13 rows/);

  // A long query is cancelled from its cell.
  await typeSql(page, added, 'SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b');
  await added.locator('[data-testid="cell-cancel"]').click({ timeout: 10_000 });
  await added.locator('[data-testid="cell-status"][data-status="cancelled"]').waitFor({ state: 'attached', timeout: 15_000 });
  assert.match(await added.locator('[data-testid="cell-error"]').innerText(), /Cancelled/);
  // …and the notebook keeps working.
  await typeSql(page, added, 'SELECT 41 + 1 AS answer');
  await added.locator('[data-testid="cell-status"][data-status="done"]').waitFor({ timeout: 30_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('cells move, duplicate, collapse and delete; the document autosaves and survives a reload', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  await page.waitForFunction(() => /^36 rows/.test(document.querySelector('article[data-kind="sql"] [data-testid="cell-status"]')?.textContent?.trim() ?? ''), null, { timeout: 90_000 });
  const labels = () => page.locator('[data-testid="notebook"] > article').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')));
  const before = await labels();

  await page.click('button[aria-label="Duplicate SQL · orders_by_period"]');
  await page.waitForSelector('article[aria-label="SQL · query_1"]');
  await page.click('button[aria-label="Move SQL · query_1 up"]');
  let now = await labels();
  assert.equal(now.indexOf('SQL · query_1'), now.indexOf('SQL · orders_by_period') - 1);
  await page.click('button[aria-label="Collapse text"]');
  assert.equal(await page.locator('article[aria-label="text"]').first().locator('.body').count(), 0);
  await page.fill('[data-testid="param-churn-days"]', '45');
  await page.press('[data-testid="param-churn-days"]', 'Enter');
  await page.click('button[aria-label="Delete panel · RFM segments"]');
  now = await labels();
  assert.ok(!now.includes('panel · RFM segments'));
  assert.equal(now.length, before.length);

  // Reload: the same cells, order, collapsed state and parameters.
  await page.waitForTimeout(800); // autosave runs 400 ms after the last edit
  await page.reload();
  await waitReady(page);
  await page.waitForSelector('article[aria-label="SQL · query_1"]');
  assert.deepEqual(await labels(), now);
  assert.equal(await page.inputValue('[data-testid="param-churn-days"]'), '45');
  assert.equal(await page.locator('article[aria-label="text"]').first().locator('.body').count(), 0);

  // Save as .json, reset, open the file again.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="notebook-save"]')]);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(saved.version, 1);
  assert.equal(saved.params.churnDays, 45);
  assert.ok(!JSON.stringify(saved).includes('C00001'), 'no data rows in the document');
  await page.click('text=Reset to the built-in report');
  await page.waitForFunction(() => !document.querySelector('article[aria-label="SQL · query_1"]'));
  const file = join(tmpdir(), `nb-${process.pid}.json`);
  await writeFile(file, JSON.stringify(saved));
  await page.setInputFiles('[data-testid="notebook-file"]', file);
  await page.waitForSelector('article[aria-label="SQL · query_1"]');
  assert.match(await page.locator('[data-testid="notebook-notice"]').innerText(), /Opened/);
  assert.deepEqual(await labels(), now);

  // A file that is not a notebook is refused and changes nothing.
  await writeFile(file, '{"version": 1, "cells": [{"id": "x", "kind": "python"}]}');
  await page.setInputFiles('[data-testid="notebook-file"]', file);
  await page.waitForFunction(() => /could not be opened/.test(document.querySelector('[data-testid="notebook-notice"]')?.textContent ?? ''));
  assert.match(await page.locator('[data-testid="notebook-notice"]').innerText(), /unknown kind "python"/);
  assert.deepEqual(await labels(), now);
  assert.deepEqual(errors, []);
  await context.close();
});

test('markdown from a notebook file is sanitised: no script runs', async () => {
  const { page, context, errors } = await openPage(browser, server.url + '?sample=0');
  await waitReady(page);
  const file = join(tmpdir(), `nb-xss-${process.pid}.json`);
  await writeFile(file, JSON.stringify({
    version: 1, title: 'x', cells: [{ id: 'm', kind: 'markdown', source: '# Hi\n\n<img src="x" onerror="window.__pwned = 1"> <a href="javascript:window.__pwned=2">link</a> <script>window.__pwned = 3</script>' }],
  }));
  await page.setInputFiles('[data-testid="notebook-file"]', file);
  // The built-in report has an h1 too: wait for the opened file's own heading.
  await page.locator('[data-testid="markdown"] h1', { hasText: /^Hi$/ }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const html = await page.locator('[data-testid="markdown"]').innerHTML();
  assert.doesNotMatch(html, /onerror|javascript:|<script/);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await context.close();
});
