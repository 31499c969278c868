// Serves dist/ under a sub-path and drives Debian's Chromium with playwright-core.
// Every request the page makes is recorded so tests can prove nothing leaves the origin.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.csv': 'text/csv', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.png': 'image/png', '.md': 'text/markdown',
};

/** A static file server for `root`, mounted at `prefix` (e.g. /team/wiki/retention/) to prove relative paths. */
export async function serveStatic(root, prefix = '/sub/path/') {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('outside the app prefix');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = normalize(join(base, rel));
    if (!file.startsWith(base)) return res.writeHead(403).end();
    try {
      const s = await stat(file);
      const path = s.isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-quic', '--disable-sync',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A page that records every request and console error. */
export async function openPage(browser, url, { colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ colorScheme, acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  return { page, context, requests, errors };
}

/** Requests that went anywhere but the app's own origin (blob: and data: stay in the browser). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
}

export async function waitReady(page, timeout = 60_000) {
  await page.waitForSelector('[data-testid="engine-status"][data-state="ready"]', { timeout });
}

/** Waits until every panel and cell of the report is drawn (the app's rn:report-rendered mark) and fonts are in. */
export async function waitReportRendered(page, timeout = 180_000) {
  await page.waitForFunction(() => performance.getEntriesByName('rn:report-rendered').length > 0, null, { timeout, polling: 100 });
  await page.evaluate(() => document.fonts.ready);
}
