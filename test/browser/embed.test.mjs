// ?embed=<cell-id>: one cell, no app chrome, its height posted to the parent frame; ?theme= applies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { deflateSync, strToU8 } from 'fflate';
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

test('an embedded SQL cell (or a chart over it) runs only the SQL cells it reads', async () => {
  // c reads a, not b; b comes before c and would take hours (10¹² rows). The runner runs SQL cells
  // one at a time in document order, so c could only show its result before b ends if b never ran.
  const doc = {
    version: 1, title: 'deps', personas: [], goals: [],
    params: { period: 'month', calendar: 'gregorian', churnDays: 90, from: '', to: '', segment: '' },
    cells: [
      { id: 'a', kind: 'sql', name: 'a', source: 'SELECT count(*) AS n FROM orders' },
      { id: 'b', kind: 'sql', name: 'b', source: 'SELECT x.range AS r FROM range(1000000) x, range(1000000) y WHERE x.range * y.range = -1' },
      { id: 'c', kind: 'sql', name: 'c', source: "SELECT 'all' AS part, n FROM a UNION ALL SELECT 'half', n // 2 FROM a" },
      { id: 'c-chart', kind: 'chart', input: 'c', type: 'bar', title: 'C', x: 'part', y: ['n'] },
    ],
  };
  const hash = '#nb=' + Buffer.from(deflateSync(strToU8(JSON.stringify(doc)), { level: 9 })).toString('base64url');

  const sqlEmbed = await openPage(browser, `${server.url}?embed=c${hash}`);
  try {
    const { page } = sqlEmbed;
    // The cells run once on the empty tables and again when the sample data is in: wait for its orders.
    await page.waitForFunction(() => {
      const td = document.querySelectorAll('[data-testid="embed"][data-cell="c"] [data-testid="result-table"] tbody td');
      return td.length === 4 && td[1].textContent.trim() !== '0';
    }, null, { timeout: 90_000 });
    assert.equal(await page.locator('[data-testid="cell-status"]').getAttribute('data-status'), 'done');
    const cells = await page.locator('[data-testid="result-table"] tbody td').allInnerTexts();
    assert.equal(cells.length, 4);
    assert.deepEqual([cells[0], cells[2]], ['all', 'half']);
    const [all, half] = [cells[1], cells[3]].map((s) => Number(s.replace(/[^0-9]/g, '')));
    assert.ok(all > 0 && half === Math.floor(all / 2), `a's order count reached c: ${cells}`);
    assert.equal(await page.locator('[data-testid="cell-error"]').count(), 0);
  } finally {
    await sqlEmbed.context.close();
  }

  const chartEmbed = await openPage(browser, `${server.url}?embed=c-chart${hash}`);
  try {
    await chartEmbed.page.waitForFunction(() => document.querySelectorAll('[data-testid="embed"] rect.bar').length === 2, null, { timeout: 90_000 });
  } finally {
    await chartEmbed.context.close();
  }
});
