// The database worker dies (what an out-of-memory crash looks like from the page): the page says
// so, queries fail at once instead of hanging, the notebook is kept, and "Reload without loading
// data" reopens the same notebook with a note about what happened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic, launch, openPage, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.RN_DIST ?? join(root, 'dist');
let server;
let browser;

before(async () => {
  server = await serveStatic(dist, '/crash/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('a dead database worker is reported, the notebook survives a reload', async () => {
  const { page, context } = await openPage(browser, `${server.url}?sample=0`);
  try {
    await waitReady(page);
    // An edit of one's own, to find again after the reload.
    const title = page.getByRole('textbox', { name: 'Notebook title' });
    await title.fill('My crash-proof notebook');
    await title.blur();
    await page.waitForTimeout(600); // autosave debounce
    const workers = page.workers();
    assert.ok(workers.length >= 1, 'the database worker is visible');
    // An uncaught error inside the worker: the page receives an error event, as when it runs out of memory.
    for (const w of workers) await w.evaluate(() => { setTimeout(() => { throw new Error('simulated out of memory'); }, 0); });
    const banner = page.getByTestId('engine-stopped');
    await banner.waitFor({ timeout: 10_000 });
    assert.match(await banner.innerText(), /database stopped: .*simulated out of memory/);
    assert.match(await banner.innerText(), /Your notebook is kept/);
    // A query after that fails at once with the reason (it does not wait forever).
    const t0 = Date.now();
    const sqlCell = page.locator('article[data-kind="sql"]').first();
    await sqlCell.getByTestId('cell-run').click();
    await sqlCell.getByTestId('cell-error').waitFor({ timeout: 10_000 });
    assert.ok(Date.now() - t0 < 10_000);
    assert.match(await sqlCell.innerText(), /database stopped/);
    // Reload without data: the same notebook, and a note about last time.
    await Promise.all([page.waitForNavigation(), page.getByTestId('crash-reload-empty').click()]);
    assert.match(page.url(), /sample=0/);
    await waitReady(page);
    assert.equal(await page.getByRole('textbox', { name: 'Notebook title' }).inputValue(), 'My crash-proof notebook');
    const note = page.getByTestId('previous-crash');
    await note.waitFor();
    assert.match(await note.innerText(), /Last time, the in-browser database stopped/);
    assert.equal(await page.getByTestId('engine-stopped').count(), 0);
  } finally {
    await context.close();
  }
});
