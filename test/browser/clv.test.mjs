// The CLV section in a real Chromium: fitted on the sample data with its checks drawn, the time
// unit and holdout choices re-fit and relabel, and a file too small for the models gets a refusal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { serveStatic, launch, openPage, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shopify = join(root, '../shared/datasets/shopify/orders_export_1.csv');
let server;
let browser;

before(async () => {
  server = await serveStatic(join(root, 'dist'), '/reports/clv/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const chartName = (page, testId) =>
  page.locator(`[data-testid="${testId}"] svg`).evaluate((svg) => document.getElementById(svg.getAttribute('aria-labelledby')).textContent);

test('the sample data gets fitted CLV models, tiers and model checks', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  await page.waitForSelector('[data-testid="clv-tiles"]', { timeout: 90_000 });
  const tiles = await page.locator('[data-testid="clv-tiles"] li').allInnerTexts();
  assert.equal(tiles.length, 4);
  assert.match(tiles[0], /Customers modelled\s+[\d,]+/);
  assert.match(tiles[1], /next 52\.\d+ weeks/, 'the horizon is labelled with its unit');
  // Tiers add up to the modelled customers.
  const modelled = Number(tiles[0].split('\n')[1].replace(/[^\d]/g, ''));
  const tiers = await page.locator('[data-testid="clv-tiers"] li strong').allInnerTexts();
  assert.equal(tiers.length, 5);
  assert.equal(tiers.reduce((s, t) => s + Number(t.replace(/[^\d]/g, '')), 0), modelled);

  // P(alive) matrix: (frequencies) × 21 recency columns; histogram: actual and expected bars for 0…7+.
  const cells = await page.locator('[data-testid="clv-palive"] rect.cell').count();
  assert.ok(cells >= 2 * 21 && cells % 21 === 0, `matrix cells ${cells}`);
  assert.equal(await page.locator('[data-testid="clv-histogram"] rect.bar').count(), 16);
  // Distribution of predicted CLV over every customer: 30 bins and the tail above the 99th percentile.
  assert.equal(await page.locator('[data-testid="clv-distribution"] rect.bin:not(.overflow-bin)').count(), 30);
  assert.equal(await page.locator('[data-testid="clv-distribution"] rect.overflow-bin').count(), 1);
  assert.equal(await page.locator('[data-testid="clv-tracking"] path.line').count(), 2);
  assert.match(await chartName(page, 'clv-palive'), /customers [\d.]+ weeks old/);
  assert.equal(await page.locator('[data-testid="clv-holdout"]').count(), 0, 'no holdout chart without a holdout');

  // Days instead of weeks: re-fitted, every label in days.
  await page.selectOption('[data-testid="clv-unit"]', 'day');
  await page.waitForFunction(() => /next 365\.\d+ days/.test(document.querySelector('[data-testid="clv-tiles"]')?.textContent ?? ''), null, { timeout: 60_000 });
  assert.match(await chartName(page, 'clv-palive'), /days old/);
  assert.match(await page.locator('[data-testid="clv-tracking"] .axis-title-x').textContent(), /^days since \d{4}-\d\d-\d\d$/);

  // A 26-week holdout adds the calibration-vs-holdout check.
  await page.fill('[data-testid="clv-holdout-weeks"]', '26');
  await page.waitForSelector('[data-testid="clv-holdout"] path.line', { timeout: 60_000 });
  assert.match(await chartName(page, 'clv-holdout'), /last 182 days/);

  // Every customer's scores as CSV: the report command's columns, one row per modelled customer.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="clv-download"]')]);
  const lines = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '').trim().split(/\r?\n/);
  assert.equal(lines[0], 'customer_id,frequency,recency,T,p_alive,expected_purchases,expected_aov,clv,tier,p_alive_pareto_nbd,mean_repeat_spend,holdout_purchases');
  const modelledNow = Number((await page.locator('[data-testid="clv-tiles"] li').first().innerText()).split('\n')[1].replace(/[^\d]/g, ''));
  assert.equal(lines.length - 1, modelledNow);
  assert.deepEqual(errors, []);
  await context.close();
});

test('too few customers for the models: a refusal that says what is missing', async () => {
  const { page, context, errors } = await openPage(browser, server.url + '?sample=0');
  await waitReady(page);
  await page.setInputFiles('[data-testid="file-input"]', shopify);
  await page.click('[data-testid="load-button"]');
  const refusal = page.locator('[data-testid="clv-refusal"]');
  await refusal.waitFor({ timeout: 60_000 });
  assert.match(await refusal.innerText(), /customers/i);
  assert.equal(await page.locator('[data-testid="clv-tiles"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
