// A Stripe subscriptions export dropped into the app in a real Chromium: recognised, loaded, and
// its MRR shown with the figures the hand-computed analysis test pins (test/analyses/subscriptions.test.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic, launch, openPage, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
let server;
let browser;

before(async () => {
  server = await serveStatic(join(root, 'dist'), '/saas/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('a Stripe subscriptions export, on its own, gets MRR and its movements', async () => {
  const { page, context, errors } = await openPage(browser, server.url + '?sample=0');
  await waitReady(page);
  await page.setInputFiles('[data-testid="file-input"]', join(root, 'test/fixtures/stripe-subscriptions.csv'));
  const card = page.locator('[data-testid="inspection"]');
  await card.waitFor();
  assert.match(await card.innerText(), /stripe/i);
  await page.click('[data-testid="load-button"]');
  const report = page.locator('[data-testid="load-report"]');
  await report.waitFor();
  assert.match(await report.innerText(), /loaded 16 subscriptions\.\s+2 rows not loaded/);

  await page.waitForSelector('[data-testid="mrr-section"]', { timeout: 60_000 });
  const rows = await page.locator('[data-testid="mrr-table"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.deepEqual(rows.map((r) => r[0]), ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06 (running)']);
  assert.deepEqual(rows.map((r) => Number(r[1].replace(/[^\d.]/g, ''))), [161, 191, 216, 215, 171, 220]);
  const tiles = await page.locator('[data-testid="mrr-tiles"]').innerText();
  assert.match(tiles, /MRR, 2024-05\s+\$171\.00/);
  assert.equal(await page.locator('[data-testid="mrr-movements"] rect.segment').count(), 30);
  // No orders were loaded: the order sections stay away, nothing fails.
  assert.equal(await page.locator('[data-testid="report"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
