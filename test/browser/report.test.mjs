// The built-in report's sections in a real Chromium, on the sample data: churn (window, suggested
// window, breakdown, win-back CSV), RFM (segments, grid, CSV) and NPS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic, launch, openPage, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
let server;
let browser;

before(async () => {
  server = await serveStatic(join(root, 'dist'), '/r/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const int = (text) => Number(text.replace(/[^\d]/g, ''));
async function downloadCsv(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
  return { name: download.suggestedFilename(), lines: text.trim().split(/\r?\n/) };
}

test('churn: tiles, charts, breakdown by channel, a new window, and the win-back list', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  await page.waitForSelector('[data-testid="churn-segments"] rect.hbar', { timeout: 90_000 });
  const tile = await page.locator('[data-testid="churn-tiles"] li').first().innerText();
  const [churned, atRisk] = /([\d,]+) of ([\d,]+) customers/.exec(tile).slice(1).map(int);
  assert.ok(churned > 0 && churned <= atRisk, tile);
  for (const id of ['churn-over-time', 'interpurchase', 'lifecycle']) {
    assert.ok(await page.locator(`[data-testid="${id}"] svg[role="img"]`).count() === 1, id);
  }
  assert.ok(await page.locator('[data-testid="lifecycle"] rect.segment').count() > 100);

  // The win-back list is every churned customer, most valuable first.
  const winback = await downloadCsv(page, '[data-testid="winback-download"]');
  assert.equal(winback.name, 'win-back-90-days.csv');
  assert.equal(winback.lines[0], 'customer_id,orders,revenue,first_order,last_order,days_since_last_order');
  assert.equal(winback.lines.length - 1, churned);
  const revenues = winback.lines.slice(1, 50).map((l) => Number(l.split(',')[2]));
  assert.deepEqual(revenues, [...revenues].sort((a, b) => b - a));

  // Breakdown by channel: one bar per channel, each with its n.
  await page.selectOption('[data-testid="churn-segment-by"]', 'channel');
  await page.waitForFunction(() => /channel/.test(document.querySelector('[data-testid="churn-segments"] svg title')?.textContent ?? ''), null, { timeout: 30_000 });
  const notes = await page.locator('[data-testid="churn-segments"] text.note').allTextContents();
  assert.ok(notes.length >= 3 && notes.every((n) => /^n = [\d,]+$/.test(n)), notes.join('|'));

  // Breakdown by persona: the seeds' two personas and everyone else (personas may overlap).
  await page.selectOption('[data-testid="churn-segment-by"]', 'persona');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="churn-segments"] .axis-y text')].some((t) => t.textContent === 'Saeed'), null, { timeout: 30_000 });
  const groups = await page.locator('[data-testid="churn-segments"] .axis-y text').allTextContents();
  assert.deepEqual([...groups].sort(), ['(in no persona)', 'Ali and Nazanin', 'Saeed']);

  // The suggested window (80th percentile of days between orders) becomes the churn window.
  const suggested = page.locator('[data-testid="churn-suggested"]');
  const days = Number(/Use (\d+) days/.exec(await suggested.innerText())[1]);
  await suggested.click();
  await page.waitForFunction((d) => document.querySelector('[data-testid="churn-tiles"]')?.textContent?.includes(`last ${d} days`), days, { timeout: 30_000 });
  // …which is the notebook's parameter: the input at the top shows it too.
  assert.equal(await page.inputValue('[data-testid="param-churn-days"]'), String(days));
  assert.equal(await page.locator('[data-testid="churn-days"]').innerText(), String(days));
  assert.deepEqual(errors, []);
  await context.close();
});

test('RFM segments: chart, grid, table and the customers of a segment as CSV', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  await page.waitForSelector('[data-testid="rfm-segments"] rect.hbar', { timeout: 90_000 });
  assert.equal(await page.locator('[data-testid="rfm-segments"] rect.hbar').count(), 11);
  assert.equal(await page.locator('[data-testid="rfm-grid"] tbody td').count(), 25);
  const rows = await page.locator('[data-testid="rfm-table"] tbody tr').allInnerTexts();
  assert.equal(rows.length, 11);
  const champions = rows.find((r) => r.startsWith('Champions'));
  const count = int(champions.split('\t')[1]);
  const total = rows.reduce((s, r) => s + int(r.split('\t')[1]), 0);

  await page.selectOption('[data-testid="rfm-export-segment"]', 'Champions');
  const csv = await downloadCsv(page, '[data-testid="rfm-download"]');
  assert.equal(csv.name, 'rfm-champions.csv');
  assert.equal(csv.lines[0], 'customer_id,segment,score,r,f,m,days_since_last_order,orders,revenue');
  assert.equal(csv.lines.length - 1, count);
  assert.ok(csv.lines.slice(1).every((l) => l.split(',')[1] === 'Champions'));
  await page.selectOption('[data-testid="rfm-export-segment"]', '');
  assert.equal((await downloadCsv(page, '[data-testid="rfm-download"]')).lines.length - 1, total);
  assert.deepEqual(errors, []);
  await context.close();
});

test('NPS: score, the promoter/passive/detractor split, over time, behaviour and by segment', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  // Answers load after the orders: wait for the score of the finished load.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="load-report"]').length >= 3, null, { timeout: 90_000 });
  await page.waitForFunction(() => /^-?\d/.test(document.querySelector('[data-testid="nps-tiles"] .value')?.textContent ?? ''), null, { timeout: 60_000 });
  const score = Number((await page.locator('[data-testid="nps-tiles"] .value').first().textContent()).replace('−', '-'));
  // The gauge's description states the split with counts: the score is % promoters − % detractors.
  const desc = await page.locator('[data-testid="nps-gauge"] svg desc').textContent();
  const count = (what) => Number(new RegExp(`% ${what} \\(([\\d,]+)\\)`).exec(desc)[1].replace(/,/g, ''));
  const total = Number(/from ([\d,]+) responses/.exec(desc)[1].replace(/,/g, ''));
  const expected = (100 * (count('promoters') - count('detractors'))) / total;
  assert.ok(Math.abs(score - expected) < 0.051, `NPS ${score} vs ${expected} (${desc})`);
  assert.ok(await page.locator('[data-testid="nps-gauge"] svg line, [data-testid="nps-gauge"] svg path').count() > 3);
  assert.equal(await page.locator('[data-testid="nps-behaviour"] rect.bar').count(), 6);
  assert.ok(await page.locator('[data-testid="nps-by-group"] rect.hbar').count() >= 5);
  assert.equal(await page.locator('[data-testid="nps-over-time"] path.line').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('cohorts: customers, revenue or orders, as % or counts', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  await page.waitForSelector('[data-testid="cohort-table"] tbody tr', { timeout: 90_000 });
  const firstRow = () => page.locator('[data-testid="cohort-table"] tbody tr').first().locator('td.cell').allInnerTexts();
  assert.equal((await firstRow())[0], '100.0%');
  await page.selectOption('[data-testid="cohort-measure"]', 'revenue');
  await page.waitForSelector('[data-testid="cohort-table"][data-measure="revenue"]');
  const revenue = await firstRow();
  assert.equal(revenue[0], '100.0%', 'period 0 is the base of revenue retention');
  assert.ok(revenue.slice(1).some((t) => t !== '0.0%'));
  await page.check('[data-testid="cohort-counts"]');
  const counts = await firstRow();
  assert.match(counts[0], /^[\d,]+$/, `revenue of the first cohort's first month: ${counts[0]}`);
  const title = await page.locator('[data-testid="cohort-table"] tbody tr').first().locator('td.cell').nth(1).getAttribute('title');
  assert.match(title, /revenue \(Toman\) \([\d.]+% of the cohort's month 0 revenue\)/);
  assert.deepEqual(errors, []);
  await context.close();
});
