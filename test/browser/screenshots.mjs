// Golden screenshots for review (not a test): the default report on the bundled sample data at
// 1280 px wide, in the light and the dark colour scheme, full page, plus the notebook's SQL /
// chart / table cells in light. Builds nothing: serves dist/ (or the directory given) and drives
// Debian's Chromium like the browser tests.
//
//   npm run build && npm run screenshots          → docs/screenshots/report-light.png, report-dark.png, cells-light.png,
//                                                   report-fa.png (light), report-ar.png (dark)
//   node test/browser/screenshots.mjs /tmp/rn-dist [OUT_DIR]
//
// Compared by eye in review, never pixel by pixel: fonts, anti-aliasing and Chromium versions
// differ between machines, so a pixel comparison test would fail for reasons unrelated to the app.
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic, launch, waitReportRendered } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const out = resolve(process.argv[3] ?? join(root, 'docs/screenshots'));
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`${dist} has no index.html: run \`npm run build\` first (or pass a built directory)`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });

/** Open the default report (sample data) and wait until every panel and cell is drawn. */
async function openReport(browser, url, colorScheme) {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await waitReportRendered(page);
  // Charts may animate in; no blinking caret; then let the last transitions settle.
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; caret-color: transparent !important; }' });
  await page.waitForTimeout(500);
  return { page, context, errors };
}

const server = await serveStatic(dist, '/screenshots/');
const browser = await launch();
const saved = [];
try {
  for (const scheme of ['light', 'dark']) {
    const { page, context, errors } = await openReport(browser, server.url, scheme);
    const file = join(out, `report-${scheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    saved.push(file);
    if (scheme === 'light') {
      // The SQL, chart and table cells of the default report ("Your own questions").
      const box = await page.evaluate(() => {
        const cells = [...document.querySelectorAll('article[data-kind="sql"], article[data-kind="chart"], article[data-kind="table"]')];
        if (!cells.length) return null;
        const rects = cells.map((c) => c.getBoundingClientRect());
        const top = Math.min(...rects.map((r) => r.top)) + scrollY;
        const bottom = Math.max(...rects.map((r) => r.bottom)) + scrollY;
        const left = Math.min(...rects.map((r) => r.left)) + scrollX;
        const right = Math.max(...rects.map((r) => r.right)) + scrollX;
        return { x: Math.max(0, left - 8), y: Math.max(0, top - 8), width: right - left + 16, height: bottom - top + 16 };
      });
      if (box) {
        const cells = join(out, 'cells-light.png');
        await page.screenshot({ path: cells, fullPage: true, clip: box });
        saved.push(cells);
      } else console.warn('no SQL/chart/table cells found: cells-light.png not written');
    }
    if (errors.length) console.warn(`${scheme}: page errors:\n  ${errors.join('\n  ')}`);
    await context.close();
  }
  // The same report in Persian (light) and Arabic (dark): mirrored, Jalali in Persian.
  for (const [lang, scheme] of [['fa', 'light'], ['ar', 'dark']]) {
    const { page, context, errors } = await openReport(browser, `${server.url}?lang=${lang}`, scheme);
    const file = join(out, `report-${lang}.png`);
    await page.screenshot({ path: file, fullPage: true });
    saved.push(file);
    if (errors.length) console.warn(`${lang}: page errors:\n  ${errors.join('\n  ')}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
for (const f of saved) console.log(`wrote ${relative(root, f)}`);
