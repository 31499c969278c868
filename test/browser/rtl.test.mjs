// The default report in Persian and Arabic in a real Chromium: the layout is mirrored (dir=rtl),
// the interface speaks the language (no English words left in the app's own text), numbers use the
// language's digits, a Persian report reads its cohorts in Jalali months, and nothing overflows
// the page or is clipped out of a chart. Switching the language at run time needs no reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveStatic, launch, openPage, waitReportRendered } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = process.env.RN_DIST ?? join(root, 'dist');
let server;
let browser;

before(async () => {
  server = await serveStatic(dist, '/rtl/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function openReport(url) {
  const opened = await openPage(browser, url);
  await waitReportRendered(opened.page);
  await opened.page.waitForTimeout(300);
  return opened;
}

/**
 * The app's own words that are still English: text nodes outside data (bdi and isolated
 * parameters, tables of results, code, the SQL editor, user-written markdown, charts — whose
 * labels are data; their titles and axes are checked through the catalogs below) with a Latin
 * word of 4+ letters that is not a name of a format, model or product we keep as is.
 */
const KEEP = new Set(['English', 'gzip', 'view', 'docs/metrics', 'UTC', 'Customer', 'Product(s)', 'Failed', 'Captured', 'false', 'usd', 'HTML', 'LTV', 'NPS', 'RFM', 'MRR', 'CLV', 'ARPA', 'NRR', 'GRR', 'SVG', 'PNG', 'DuckDB', 'WASM', 'DuckDB-WASM', 'CSV', 'JSON', 'SQL', 'NDJSON', 'Parquet', 'CLTV', 'CSAT', 'Gamma', 'Gamma-Gamma', 'Pareto', 'NBD', 'BG/NBD', 'P(alive)', 'alive', 'Stripe', 'Shopify', 'WooCommerce', 'Toman', 'Rial', 'Okabe', 'Wilson', 'Vazirmatn', 'Latin']);
function englishLeftovers(page) {
  return page.evaluate((keep) => {
    const keepSet = new Set(keep);
    const skip = 'script, style, pre, code, bdi, svg, textarea, .cm-editor, [data-testid="result-table"], .markdown, [translate="no"], [data-data]';
    const found = new Map();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      // Parameters of a translated sentence are isolated (U+2068…U+2069): data, not our words.
      const own = n.textContent.replace(/[\u2066-\u2068][^\u2069]*\u2069/g, ' ');
      for (const w of own.match(/[A-Za-z][A-Za-z/-]{3,}/g) ?? []) {
        if (keepSet.has(w)) continue;
        const where = el.closest('[data-testid], section, article')?.getAttribute('data-testid') ?? el.tagName;
        found.set(w, `${where}: “${n.textContent.trim().slice(0, 60)}”`);
      }
    }
    return [...found.entries()].map(([w, ctx]) => `${w} — ${ctx}`);
  }, [...KEEP]);
}

/** English catalog sentences (3+ words, no placeholders) that appear in the page as they are: untranslated. */
async function englishSentences(page) {
  const { MESSAGES } = await import('../../src/i18n/messages/index.ts').catch(() => ({ MESSAGES: null }));
  if (!MESSAGES) return [];
  const sentences = Object.values(MESSAGES.en).filter((m) => typeof m === 'string' && !m.includes('{') && m.trim().split(/\s+/).length >= 3);
  return page.evaluate((list) => {
    const text = document.body.innerText + ' ' + [...document.querySelectorAll('svg text, [aria-label]')].map((e) => e.textContent + ' ' + (e.getAttribute('aria-label') ?? '')).join(' ');
    return list.filter((m) => text.includes(m));
  }, sentences);
}

/** Text of a chart outside its SVG's box, and page-level horizontal overflow. */
function clipped(page) {
  return page.evaluate(() => {
    const out = [];
    for (const svg of document.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || !svg.querySelector('text')) continue;
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.width === 0 || !t.textContent.trim()) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          out.push(`${svg.getAttribute('aria-label') ?? 'chart'}: “${t.textContent.trim().slice(0, 40)}” (${Math.round(r.left - box.left)}…${Math.round(r.right - box.left)} of ${Math.round(box.width)})`);
        }
      }
    }
    if (document.documentElement.scrollWidth > innerWidth + 1) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${innerWidth}`);
    return out;
  });
}

for (const [lang, digits, sample] of [['fa', /[۰-۹]/, 'امتیاز خالص مروجان'], ['ar', /[٠-٩]/, 'صافي نقاط الترويج']]) {
  test(`the default report in ${lang}: mirrored, translated, native digits, nothing clipped`, async () => {
    const { page, context, errors } = await openReport(`${server.url}?lang=${lang}`);
    try {
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      // Mirrored: the app's title sits at the right end of the header.
      const h1 = await page.locator('header.top h1').boundingBox();
      assert.ok(h1.x > 1280 / 2, `title at x=${h1.x}`);
      // Glossary terms and native digits in the KPI tiles.
      const body = await page.locator('body').innerText();
      assert.ok(body.includes(sample), `${sample} appears`);
      const tiles = await page.locator('[data-testid="kpi-tiles"]').innerText();
      assert.match(tiles, digits);
      assert.doesNotMatch(tiles, /[0-9]/, 'no Latin digits in the KPI tiles');
      if (lang === 'fa') {
        // A Persian report starts in the Jalali calendar: cohorts are Jalali months.
        const cohorts = await page.locator('[data-testid="cohort-table"]').innerText();
        assert.match(cohorts, /فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/);
      }
      assert.deepEqual(await englishLeftovers(page), []);
      assert.deepEqual(await englishSentences(page), []);
      assert.deepEqual(await clipped(page), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('the default report in English: nothing clipped either', async () => {
  const { page, context } = await openReport(`${server.url}?lang=en`);
  try {
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    assert.deepEqual(await clipped(page), []);
  } finally {
    await context.close();
  }
});

test('switching the language at run time mirrors the page without a reload, and is remembered', async () => {
  const { page, context } = await openReport(`${server.url}?sample=1`);
  try {
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    await page.getByTestId('lang-select').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    assert.match(await page.locator('header.top h1').innerText(), /[\u0600-\u06FF]/);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    await page.getByTestId('lang-select').selectOption('en');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    assert.equal(await page.locator('header.top h1').innerText(), 'Retention Notebook');
  } finally {
    await context.close();
  }
});
