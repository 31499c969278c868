// The built app in a real Chromium: sample data loads on open, a dropped Shopify export is
// mapped and loaded, bad files get their messages, and no request leaves the origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic, launch, openPage, foreignRequests, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/fixtures');
const shopify = join(root, '../shared/datasets/shopify/orders_export_1.csv');
let server;
let browser;

before(async () => {
  server = await serveStatic(join(root, 'dist'), '/team/wiki/retention/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const number = async (page, testId) =>
  Number((await page.locator(`[data-testid="${testId}"]`).first().innerText()).replace(/[^\d]/g, ''));

test('opens from a sub-path with the sample data loaded, offline-only', async () => {
  const { page, context, requests, errors } = await openPage(browser, server.url);
  await waitReady(page);
  await page.waitForSelector('[data-testid="data-summary"]', { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="load-report"]').length >= 3, null, { timeout: 60_000 });
  const orders = await number(page, 'summary-orders');
  const customers = await number(page, 'summary-customers');
  assert.ok(orders > 20_000, `sample orders loaded: ${orders}`);
  assert.ok(customers > 5_000, `sample customers: ${customers}`);
  // …and analysed: headline figures and the cohort table are on screen.
  await page.waitForSelector('[data-testid="kpi-tiles"]', { timeout: 60_000 });
  const cohortRows = await page.locator('[data-testid="cohort-table"] tbody tr').count();
  assert.ok(cohortRows >= 30, `monthly cohorts over three years: ${cohortRows}`);
  // Retention and LTV curves: the weighted average plus the latest cohorts, drawn as SVG lines.
  for (const id of ['retention-curves', 'ltv-curves']) {
    const lines = await page.locator(`[data-testid="${id}"] path.line`).count();
    assert.ok(lines >= 2, `${id}: ${lines} lines`);
  }
  assert.deepEqual(foreignRequests(requests, server.origin), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dropped Shopify export is recognised, mapped and loaded', async () => {
  const { page, context, requests } = await openPage(browser, server.url + '?sample=0');
  await waitReady(page);
  await page.setInputFiles('[data-testid="file-input"]', shopify);
  const card = page.locator('[data-testid="inspection"]');
  await card.waitFor();
  assert.match(await card.innerText(), /recognised as shopify/);
  await page.click('[data-testid="load-button"]');
  await page.waitForSelector('[data-testid="load-report"]');
  // 121 line-item rows → 50 orders (#1002..#1051); none of them lacks a customer e-mail.
  assert.equal(await number(page, 'loaded-count'), 50);
  assert.deepEqual(foreignRequests(requests, server.origin), []);
  await context.close();
});

for (const [file, message] of [
  ['image.png', /image/i],
  ['document.pdf', /PDF/],
  ['empty.csv', /empty/i],
  ['workbook.xlsx', /Excel|CSV/],
]) {
  test(`a bad file (${file}) gets a plain message and nothing breaks`, async () => {
    const { page, context, errors } = await openPage(browser, server.url + '?sample=0');
    await waitReady(page);
    await page.setInputFiles('[data-testid="file-input"]', join(fixtures, file));
    const err = page.locator('[data-testid="inspection-error"]');
    await err.waitFor();
    assert.match(await err.innerText(), message);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('ragged rows are counted, listed and downloadable', async () => {
  const { page, context } = await openPage(browser, server.url + '?sample=0');
  await waitReady(page);
  await page.setInputFiles('[data-testid="file-input"]', join(fixtures, 'ragged-rows.csv'));
  await page.click('[data-testid="load-button"]');
  await page.waitForSelector('[data-testid="load-report"]');
  assert.ok((await number(page, 'rejected-count')) > 0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-rejects"]')]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const csv = await readFile(path, 'utf8');
  assert.match(csv, /malformed row/);
  await context.close();
});

test('a long load shows progress, can be cancelled, and leaves nothing half-loaded', async () => {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'rn-cancel-'));
  const path = join(dir, 'big-orders.csv');
  // ~2M orders (≈70 MB): long enough to press Cancel while it loads.
  const lines = ['order_id,customer_id,order_date,amount'];
  for (let i = 0; i < 2_000_000; i++) lines.push(`${i},${i % 300000},2024-0${1 + (i % 9)}-1${i % 10} 10:00:00,${(i % 997) + 0.5}`);
  await writeFile(path, lines.join('\n'));
  const { page, context, errors } = await openPage(browser, server.url + '?sample=0');
  await waitReady(page);
  await page.setInputFiles('[data-testid="file-input"]', path);
  await page.click('[data-testid="load-button"]');
  const active = page.locator('[data-testid="active-load"]');
  await active.waitFor();
  assert.equal(await active.locator('[role="progressbar"]').count(), 1);
  await active.locator('button', { hasText: 'Cancel' }).click();
  const err = page.locator('[data-testid="load-error"]');
  await err.waitFor({ timeout: 60_000 });
  assert.match(await err.innerText(), /cancelled/i);
  assert.equal(await page.locator('[data-testid="load-report"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file nobody recognises is mapped by hand in the mapping step', async () => {
  const { page, context, errors } = await openPage(browser, server.url + '?sample=0');
  await waitReady(page);
  await page.setInputFiles('[data-testid="file-input"]', join(root, 'test/cli/fixtures/bestellungen.csv'));
  const card = page.locator('[data-testid="inspection"]');
  await card.waitFor();
  assert.match(await card.innerText(), /choose the table and the columns/);
  assert.equal(await page.locator('[data-testid="load-button"]').isDisabled(), true);
  await page.selectOption('select[data-role="customer_id"]', 'Kunde');
  await page.selectOption('select[data-role="ordered_at"]', 'Datum');
  await page.selectOption('select[data-role="amount"]', 'Betrag');
  await page.selectOption('select[data-role="order_id"]', 'Bestellung');
  await page.selectOption('select[data-testid="date-format"]', 'dmy');
  await page.selectOption('select[data-testid="amount-style"]', 'comma-decimal');
  await page.click('[data-testid="load-button"]');
  await page.waitForSelector('[data-testid="load-report"]');
  assert.equal(await number(page, 'loaded-count'), 6);
  // Next month's export with the same headers: the confirmed mapping is remembered.
  await page.setInputFiles('[data-testid="file-input"]', join(root, 'test/cli/fixtures/bestellungen.csv'));
  await card.waitFor();
  assert.match(await card.innerText(), /mapping you confirmed before/);
  assert.equal(await page.locator('[data-testid="load-button"]').isDisabled(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('dark mode follows the system and the theme switch overrides it', async () => {
  const { page, context } = await openPage(browser, server.url + '?sample=0', { colorScheme: 'dark' });
  await waitReady(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), 'rgb(17, 19, 20)');
  await page.selectOption('select[aria-label="Colour theme"]', 'light');
  assert.equal(await bg(), 'rgb(247, 247, 245)');
  await context.close();
});
