// Personas and goals in a real Chromium on the sample data: the seeds' personas and goals are in
// the default report with accessible progress bars; a persona and a goal (restricted to that
// persona) are created through the UI, and both are kept in the notebook document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic, launch, openPage, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
let server;
let browser;

before(async () => {
  server = await serveStatic(join(root, 'dist'), '/pg/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const int = (t) => Number(t.replace(/[^\d]/g, ''));

test('the seeds\' personas and goals are in the default report', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  const cards = page.locator('[data-testid="persona-cards"] h3');
  await cards.first().waitFor({ timeout: 90_000 });
  assert.deepEqual(await cards.allInnerTexts(), ['Saeed', 'Ali and Nazanin']);
  // Sizes pinned by test/personas/samples.test.ts: 1,659 and 3,901 customers.
  const text = await page.locator('[data-testid="persona-cards"]').innerText();
  assert.match(text, /1,659\s+customers/);
  assert.match(text, /3,901\s+customers/);
  // Predicted CLV per persona arrives once the CLV models are fitted.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="persona-predicted-clv"]')].every((d) => /Toman/.test(d.textContent ?? '')), null, { timeout: 90_000 });

  const goalCards = page.locator('[data-testid="goal-card"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="goal-status"]').length === 2, null, { timeout: 60_000 });
  const status = await page.locator('[data-testid="goal-status"]').allInnerTexts();
  assert.deepEqual(status.map((s) => s.toLowerCase()), ['missed', 'on track']);
  const bars = page.locator('[data-testid="goal-progress"]');
  assert.equal(await bars.count(), 2);
  assert.equal(await bars.first().getAttribute('role'), 'progressbar');
  assert.equal(await bars.first().getAttribute('aria-valuenow'), '54');
  assert.match(await bars.first().getAttribute('aria-valuetext'), /16\.2% of 30\.0%/);
  assert.match(await goalCards.first().locator('[data-testid="goal-rule"]').innerText(), /deadline 2026-10-31 has passed/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a persona and a goal for it are made through the UI and saved with the notebook', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  await page.locator('[data-testid="persona-cards"] h3').first().waitFor({ timeout: 90_000 });

  // Persona: Tehran customers with 5 or more orders.
  await page.click('[data-testid="persona-add"]');
  const editor = page.locator('[data-testid="persona-editor"]');
  await editor.waitFor({ timeout: 60_000 });
  await page.fill('[data-testid="persona-name"]', 'Tehran regulars');
  await page.fill('[data-testid="persona-description"]', 'Five orders or more, living in Tehran.');
  await page.click('[data-testid="persona-add-rule"]');
  await page.selectOption('select[aria-label="Rule 1: field"]', 'city');
  await page.selectOption('select[aria-label="Rule 1: operator"]', '=');
  await page.fill('input[aria-label="Rule 1: value"]', 'Tehran');
  await page.click('[data-testid="persona-add-rule"]');
  await page.selectOption('select[aria-label="Rule 2: field"]', 'orders');
  await page.selectOption('select[aria-label="Rule 2: operator"]', '≥');
  await page.fill('input[aria-label="Rule 2: value"]', '5');
  assert.match(await page.inputValue('[data-testid="persona-sql"]'), /"city" = 'Tehran'[\s\S]*"orders" >= 5/);
  await page.click('[data-testid="persona-save"]');
  const card = page.locator('[data-testid="persona-cards"] article', { hasText: 'Tehran regulars' });
  await card.waitFor({ timeout: 60_000 });
  const members = int(/([\d,]+)\s+customers/.exec(await card.innerText())[1]);
  assert.ok(members > 100 && members < 11_602, `Tehran regulars: ${members}`);

  // Goal: raise that persona's repeat customer rate to 90 % by the end of 2027.
  await page.click('[data-testid="goal-add"]');
  await page.locator('[data-testid="goal-editor"]').waitFor();
  await page.fill('[data-testid="goal-name"]', 'Keep Tehran regulars buying');
  await page.selectOption('[data-testid="goal-metric"]', 'repeat_customer_rate');
  await page.fill('[data-testid="goal-target-input"]', '90');
  await page.fill('[data-testid="goal-start"]', '2026-07-01');
  await page.fill('[data-testid="goal-deadline"]', '2027-06-30');
  await page.selectOption('[data-testid="goal-segment"]', { label: 'Tehran regulars' });
  await page.click('[data-testid="goal-save"]');
  const goal = page.locator('[data-testid="goal-card"]', { hasText: 'Keep Tehran regulars buying' });
  await goal.locator('[data-testid="goal-status"]').waitFor({ timeout: 60_000 });
  assert.match(await goal.innerText(), /Tehran regulars/);
  assert.ok(await goal.locator('[data-testid="goal-progress"]').getAttribute('aria-valuetext'));

  // Both are part of the document: a reload brings them back.
  await page.waitForTimeout(800);
  await page.reload();
  await waitReady(page);
  await page.locator('[data-testid="persona-cards"] article', { hasText: 'Tehran regulars' }).waitFor({ timeout: 90_000 });
  await page.locator('[data-testid="goal-card"]', { hasText: 'Keep Tehran regulars buying' }).waitFor({ timeout: 60_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the Customers parameter restricts every panel and query to one persona, and back', async () => {
  const { page, context, errors } = await openPage(browser, server.url);
  await waitReady(page);
  await page.locator('[data-testid="persona-cards"] h3').first().waitFor({ timeout: 90_000 });
  const customersTile = () => page.locator('[data-testid="kpi-tiles"] li').first().innerText();
  await page.waitForFunction(() => /11,602/.test(document.querySelector('[data-testid="kpi-tiles"] li')?.textContent ?? ''), null, { timeout: 60_000 });
  const sqlRows = async () => {
    const cell = page.locator('article[data-kind="sql"]').first();
    await cell.locator('[data-testid="cell-status"][data-status="done"]').waitFor({ timeout: 60_000 });
    return cell.locator('[data-testid="result-table"] tbody tr:not(.pad)').count();
  };

  await page.selectOption('[data-testid="param-segment"]', { label: 'Saeed' });
  await page.waitForFunction(() => /Showing Saeed: 1,659 customers/.test(document.querySelector('[data-testid="segment-note"]')?.textContent ?? ''), null, { timeout: 60_000 });
  // Headline figures: Saeed's 1,659 customers (test/personas/samples.test.ts), not the shop's 11,602.
  await page.waitForFunction(() => /^Customers\s+1,659/.test(document.querySelector('[data-testid="kpi-tiles"] li')?.textContent?.trim() ?? ''), null, { timeout: 60_000 });
  assert.match(await customersTile(), /1,659/);
  // …and the SQL cells read the same filtered orders.
  assert.ok(await sqlRows() > 0);

  await page.click('[data-testid="segment-note"] button');
  await page.waitForFunction(() => /^Customers\s+11,602/.test(document.querySelector('[data-testid="kpi-tiles"] li')?.textContent?.trim() ?? ''), null, { timeout: 60_000 });
  assert.equal(await page.locator('[data-testid="segment-note"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
