// ?embed=<cell-id>: one cell, no app chrome, its height posted to the parent frame; ?theme= applies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { serveStatic, launch, openPage, foreignRequests, waitReady } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.RN_DIST ?? join(root, 'dist');
let server;
let host; // another origin: the wiki page that embeds a cell
let browser;
let hostDir;

before(async () => {
  server = await serveStatic(dist, '/embed/');
  hostDir = await mkdtemp(join(tmpdir(), 'rn-host-'));
  host = await serveStatic(hostDir, '/wiki/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  host?.close();
});

test('an embedded chart cell: no chrome, sized to its content, dark theme, locked', async () => {
  // The link of the built-in report, taken from the app itself.
  const a = await openPage(browser, server.url + '?sample=0');
  await waitReady(a.page);
  await a.page.click('[data-testid="share-link"]');
  const link = await a.page.inputValue('[data-testid="share-link-url"]');
  await a.context.close();
  const hash = link.slice(link.indexOf('#'));

  const src = `${server.url}?embed=orders-chart&theme=dark${hash}`;
  await writeFile(join(hostDir, 'page.html'), `<!doctype html><body><script>window.heights = []; addEventListener('message', (e) => { if (e.data?.type === 'retention-notebook:height') heights.push(e.data.height); });</script>
    <iframe id="f" src="${src}" style="width: 800px; height: 150px; border: 0"></iframe></body>`);
  const { page, context, requests, errors } = await openPage(browser, `${host.url}page.html`);
  const frame = await (await page.waitForSelector('#f')).contentFrame();
  await frame.waitForSelector('[data-testid="embed"][data-cell="orders-chart"]', { timeout: 60_000 });
  // 36 monthly bars of the sample data.
  await frame.waitForFunction(() => document.querySelectorAll('rect.bar').length === 36, null, { timeout: 90_000 });
  assert.equal(await frame.locator('header.top').count(), 0);
  assert.equal(await frame.locator('section.data').count(), 0);
  assert.equal(await frame.locator('[data-testid="param-period"]').count(), 0);
  assert.equal(await frame.locator('[data-testid="notebook"]').count(), 0);
  assert.equal(await frame.evaluate(() => document.documentElement.getAttribute('data-theme')), 'dark');
  assert.equal(await frame.locator('[data-testid="embed"]').getAttribute('data-locked'), 'true'); // a link's SQL: locked
  const box = await frame.evaluate(() => Math.ceil(document.querySelector('[data-testid="embed"]').getBoundingClientRect().height));
  await page.waitForFunction((h) => window.heights.includes(h), box, { timeout: 10_000 });
  assert.ok(box > 150, `the chart is taller than the iframe's initial height: ${box}`);
  // It computed its SQL cell only: none of the report's analyses ran.
  const sections = await frame.evaluate(() => performance.getEntriesByType('measure').map((m) => m.name).filter((n) => n.startsWith('rn:section:')));
  assert.deepEqual(sections, []);
  // An embed never writes over the user's own autosaved notebook.
  assert.equal(await frame.evaluate(() => localStorage.getItem('retention-notebook:document')), null);
  assert.deepEqual(foreignRequests(requests.filter((u) => !u.startsWith(host.origin + '/')), server.origin), []);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []); // the host page has no favicon
  await context.close();
});

test('an embed of a missing cell says so', async () => {
  const { page, context } = await openPage(browser, `${server.url}?embed=nope&sample=0&theme=light`);
  await page.waitForSelector('[data-testid="embed-missing"]');
  assert.match(await page.locator('[data-testid="embed-missing"]').innerText(), /no cell “nope”/);
  assert.equal(await page.evaluate(() => document.documentElement.getAttribute('data-theme')), 'light');
  await context.close();
});

test('an embedded panel computes that panel only', async () => {
  const { page, context } = await openPage(browser, `${server.url}?embed=rfm`);
  try {
    await page.waitForSelector('[data-testid="embed"][data-cell="rfm"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="embed"] svg', { timeout: 90_000 });
    await page.waitForTimeout(1500); // anything else would have started by now (the CLV fit waits 300 ms)
    const sections = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => m.name).filter((n) => n.startsWith('rn:section:')));
    assert.deepEqual(sections, ['rn:section:rfm']);
  } finally {
    await context.close();
  }
});
