/**
 * `--html OUT.html`: the app's own "Export report (.html)" (src/share/html-report.ts via
 * src/components/share/ExportMenu.svelte), made headlessly. Headless Chromium (playwright-core)
 * opens the built app (`dist/`) from a static server on 127.0.0.1 — every other request is
 * blocked and fails the run — with `?sample=0`, opens the notebook file through "Open .json…",
 * sets the notebook parameters, loads the data files through the drop zone's file input with the
 * same plan the JSON report uses (detection + the flag's table + the --mapping file, applied in
 * the mapping step), waits until every panel and cell has rendered, clicks "Export report" and
 * saves the download. Progress lines go to `log` (stderr).
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { EXIT, ReportError, inputError, q, usageError } from './errors';
import { checkReadable, FLAG, type PreparedInput } from './load-files';
import { serveDir, type StaticServer } from './static-server';
import type { Calendar, Period } from '../analyses/options';
import type { RefundRule } from '../data/load/plan';

export type HtmlTheme = 'light' | 'dark';
export type HtmlLang = 'en' | 'fa' | 'ar';

export interface HtmlExportOptions {
  /** absolute path of the file to write */
  out: string;
  /** the built app (a folder with index.html) */
  dist: string;
  /** a notebook .json to open; null = the built-in report */
  notebookPath: string | null;
  /** the files, inspected and planned as for the JSON report (prepareInputs) */
  prepared: PreparedInput[];
  period?: Period;
  calendar?: Calendar;
  churnDays?: number;
  refundRule?: RefundRule;
  currency?: string;
  /** undefined = the menu's default (light) */
  theme?: HtmlTheme;
  includeRows: boolean;
  lang?: HtmlLang;
  timeoutSeconds: number;
  /** a progress line (no newline) */
  log: (line: string) => void;
  debug?: boolean;
}

export interface HtmlExportResult {
  path: string;
  bytes: number;
  charts: number;
  seconds: number;
  warnings: string[];
}

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const DEFAULT_HTML_TIMEOUT_S = 300;

/** The Chromium to drive: $CHROMIUM_PATH, else /usr/bin/chromium; a clear exit-2 error when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  const path = fromEnv || DEFAULT_CHROMIUM;
  let ok = false;
  try {
    ok = statSync(path).isFile();
  } catch {
    ok = false;
  }
  if (!ok) {
    throw usageError(`--html needs Chromium, and there is none at ${q(path)}${fromEnv ? ' (CHROMIUM_PATH)' : ''}. ` +
      'Install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.');
  }
  return path;
}

/** The built app: `dir/index.html` must exist (exit 2 otherwise). */
export function checkDist(dir: string, isDefault: boolean): void {
  if (!existsSync(join(dir, 'index.html'))) {
    throw usageError(`--html needs the built app, and ${q(join(dir, 'index.html'))} is missing. ` +
      (isDefault ? 'Run `npm run build` first (or give --dist DIR of a build).' : 'Give --dist the folder `vite build` wrote (or run `npm run build` and leave out --dist).'));
  }
}

/**
 * The notebook file must be readable JSON with a format version and a list of cells (exit 3 with
 * the reason otherwise). The rest of its checks are the app's own (src/notebook/serialise.ts,
 * which needs the app's reactive i18n state): a document the app refuses fails the run with the
 * app's message.
 */
export function checkNotebookFile(path: string): void {
  checkReadable(path, '--notebook');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw inputError(`Cannot read the notebook ${q(path)} (--notebook): ${(e as Error).message}`, e);
  }
  const fail = (why: string) => inputError(`The notebook ${q(path)} (--notebook) cannot be opened: it is not a Retention Notebook document (${why}). ` +
    'Save one from the app with "Save as .json".');
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw fail(`not JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw fail('not a JSON object');
  const d = doc as Record<string, unknown>;
  if (typeof d.version !== 'number') throw fail('no format "version"');
  if (!Array.isArray(d.cells)) throw fail('no list of "cells"');
}

/**
 * What must never be in the written file (the app checks the same before the download; this is
 * the command's own look at the bytes): a script, an event handler, a javascript: URL, an
 * embedding or link element, a URL attribute pointing outside the file.
 */
export function fileProblems(html: string): string[] {
  const markup = (html.match(/<[a-zA-Z!/][^>]*>/g) ?? []).join('');
  const out: string[] = [];
  if (/<script\b/i.test(markup)) out.push('a <script>');
  if (/javascript:/i.test(markup)) out.push('a javascript: URL');
  if (/<(?:iframe|object|embed|link|base|frame)\b/i.test(markup)) out.push('an embedding or link element');
  if (/\son[a-z]+\s*=/i.test(markup)) out.push('an event handler');
  if (/\s(?:href|src|srcset|action|formaction|poster|xlink:href|background|ping)\s*=\s*["']?\s*(?!#|data:)[^\s"'>]/i.test(markup)) out.push('a URL outside the file');
  return out;
}

/** The file input names a file by its base name, and the app replaces a file loaded under a name already loaded. */
export function checkDistinctNames(paths: string[]): void {
  const seen = new Map<string, string>();
  for (const p of paths) {
    const name = basename(p);
    const before = seen.get(name);
    if (before !== undefined) {
      throw usageError(`--html: ${q(before)} and ${q(p)} have the same file name ${q(name)}; the app would load the second in place of the first. ` +
        'Copy one to another name.');
    }
    seen.set(name, p);
  }
}

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-quic', '--disable-sync', '--disable-default-apps', '--disable-extensions',
  '--no-default-browser-check', '--disable-domain-reliability', '--disable-client-side-phishing-detection',
  '--metrics-recording-only', '--safebrowsing-disable-auto-update', '--disable-features=Translate,OptimizationHints,MediaRouter',
  // No name resolves: the page reaches 127.0.0.1 by address and nothing else.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

class Timeout extends Error {}

export async function exportHtml(o: HtmlExportOptions): Promise<HtmlExportResult> {
  const t0 = performance.now();
  const chromiumPath = findChromium();
  const warnings: string[] = [];
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  let stage = 'starting Chromium';
  const step = (what: string, line?: string) => {
    stage = what;
    o.log(`html: ${line ?? what}… (${secs()} s)`);
  };

  const { chromium } = await import('playwright-core');
  let server: StaticServer | null = null;
  let browser: Browser | null = null;
  let openPage: Page | null = null;
  const pageErrors: string[] = [];
  const blocked: string[] = [];
  let failNetwork: (e: Error) => void = () => {};
  const networkViolation = new Promise<never>((_, reject) => { failNetwork = reject; });
  networkViolation.catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), o.timeoutSeconds * 1000);
  });
  timeout.catch(() => {});
  const tmp = `${o.out}.${process.pid}.tmp`;

  const work = async (): Promise<HtmlExportResult> => {
    step('starting Chromium', `starting Chromium (${chromiumPath})`);
    server = await serveDir(o.dist);
    const origin = server.origin;
    try {
      browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, timeout: 60_000 });
    } catch (e) {
      throw usageError(`Chromium at ${q(chromiumPath)} did not start: ${firstLine(e)}. ` +
        'Install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH to a working Chromium or Chrome.');
    }
    const context = await browser.newContext({
      acceptDownloads: true, viewport: { width: 1280, height: 900 }, colorScheme: 'light', locale: 'en-US',
      timezoneId: 'UTC', serviceWorkers: 'block',
    });
    // Only the app's own server; anything else is refused and fails the run.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      blocked.push(url);
      failNetwork(new ReportError(EXIT.analysis, `The page tried to reach ${url}, outside the local app server; it was blocked and no report was written.`));
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    openPage = page;
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && o.debug) o.log(`html: console: ${m.text()}`); });

    const query = new URLSearchParams({ sample: '0' });
    if (o.lang) query.set('lang', o.lang);
    step('opening the app', `opening the app from ${o.dist}`);
    await page.goto(`${origin}/?${query}`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForSelector('[data-testid="engine-status"][data-state="ready"], [data-testid="engine-status"][data-state="failed"]', { timeout: 0 });
    const engine = page.locator('[data-testid="engine-status"]');
    if ((await engine.getAttribute('data-state')) === 'failed') {
      throw new ReportError(EXIT.analysis, `The app's database did not start in Chromium: ${(await engine.innerText()).trim()}`);
    }
    o.log(`html: app ready (${secs()} s)`);
    if (o.lang) {
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (lang !== o.lang) warnings.push(`--lang ${o.lang}: this build of the app did not switch to it (the page says lang="${lang}").`);
    }
    if (o.theme) {
      const themed = await page.locator('[data-testid="export-theme"]').count();
      if (!themed && o.theme !== 'light') {
        throw usageError(`--html-theme ${o.theme}: the Export menu of this build has no theme choice ([data-testid="export-theme"]), so only the light report can be made.`);
      }
    }
    // Changes to the notebook are seen from here on: the wait for a quiet page uses them.
    await page.evaluate(() => {
      const w = window as unknown as { __rnLastChange: number };
      w.__rnLastChange = performance.now();
      new MutationObserver(() => { w.__rnLastChange = performance.now(); })
        .observe(document.querySelector('[data-testid="notebook"]') ?? document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });

    if (o.notebookPath) {
      step('opening the notebook', `opening the notebook ${o.notebookPath}`);
      const notice = page.locator('[data-testid="notebook-notice"]');
      const before = (await notice.count()) ? await notice.innerText() : null;
      await page.setInputFiles('[data-testid="notebook-file"]', o.notebookPath);
      await page.waitForFunction((b) => {
        const n = document.querySelector('[data-testid="notebook-notice"]');
        return !!n && n.textContent !== b;
      }, before, { timeout: 30_000 });
      if (await notice.evaluate((n) => n.classList.contains('bad'))) {
        throw inputError(`The notebook ${q(o.notebookPath)} (--notebook) cannot be opened: ${(await notice.innerText()).trim()}`);
      }
    }

    const params: [string, string | undefined][] = [['period', o.period], ['calendar', o.calendar]];
    for (const [name, value] of params) {
      if (value !== undefined) await page.selectOption(`[data-testid="param-${name}"]`, value);
    }
    if (o.churnDays !== undefined) {
      await page.fill('[data-testid="param-churn-days"]', String(o.churnDays));
      await page.press('[data-testid="param-churn-days"]', 'Enter');
    }
    const set = await page.evaluate(() => ({
      period: (document.querySelector('[data-testid="param-period"]') as HTMLSelectElement | null)?.value,
      calendar: (document.querySelector('[data-testid="param-calendar"]') as HTMLSelectElement | null)?.value,
      churnDays: (document.querySelector('[data-testid="param-churn-days"]') as HTMLInputElement | null)?.value,
    }));
    o.log(`html: parameters: period ${set.period}, calendar ${set.calendar}, churn window ${set.churnDays} days`);

    // Files other than orders first: with no orders no panel can finish, so the report is drawn
    // once, after the (first) orders file, not again for each file.
    const others = o.prepared.filter((p) => p.spec.table !== 'orders');
    const orders = o.prepared.filter((p) => p.spec.table === 'orders');
    for (const p of others) await loadFile(page, p, step, o.log);
    let settled = false;
    if (o.refundRule && (await page.locator('[data-testid="data-summary"]').count())) {
      settled = await setRefundRule(page, o.refundRule, step);
    }
    let bumps = 0;
    for (const p of orders) {
      await loadFile(page, p, step, o.log);
      bumps++;
    }
    if (o.refundRule && !settled) {
      if (await setRefundRule(page, o.refundRule, step)) bumps++;
    }
    if (o.currency) {
      const r = await setCurrency(page, o.currency, step);
      if (r === 'changed') bumps++;
      else if (r === 'single') warnings.push(`--currency ${o.currency}: the loaded orders have one currency, which the report uses.`);
    }

    step('waiting for every panel and cell to render');
    // The app marks rn:report-rendered once per data version when every panel and SQL cell is done.
    // A second change of the data after the report was drawn can be marked before its re-run has
    // started (the previous results still look complete), so then the page must also stay quiet longer.
    const quietMs = bumps > 1 ? 2500 : 1000;
    await page.waitForFunction((quiet) => {
      const versions = performance.getEntriesByName('rn:data-ready').map((e) => (e as PerformanceMark).detail?.dataVersion as number);
      const version = versions.length ? Math.max(...versions) : -1;
      const rendered = performance.getEntriesByName('rn:report-rendered').some((e) => (e as PerformanceMark).detail?.dataVersion === version);
      const nb = document.querySelector('[data-testid="notebook"]');
      if (!nb) return false;
      const states = [...nb.querySelectorAll('[data-testid="cell-status"]')].map((s) => s.getAttribute('data-status') ?? '');
      const sqlDone = states.every((s) => ['done', 'error', 'blocked', 'cancelled'].includes(s));
      // A cell blocked by a failed cell above, or a panel that failed, never counts as done for the
      // mark: then a page quiet for longer decides (the failures are reported as warnings).
      const stuck = states.some((s) => s === 'blocked' || s === 'cancelled')
        || [...nb.querySelectorAll('[role="alert"]')].some((a) => !a.closest('.export') && a.getAttribute('data-testid') !== 'cell-error');
      const busy = !sqlDone || !!nb.querySelector('[data-testid="clv-running"]') || !!document.querySelector('[data-testid="active-load"]');
      const last = (window as unknown as { __rnLastChange: number }).__rnLastChange;
      return (rendered || stuck) && !busy && performance.now() - last >= (rendered ? quiet : 5000);
    }, quietMs, { timeout: 0, polling: 200 });
    const cells = await page.evaluate(() => {
      const nb = document.querySelector('[data-testid="notebook"]')!;
      return {
        all: nb.querySelectorAll(':scope > article').length,
        failed: [...nb.querySelectorAll('article[data-kind="sql"]')].filter((a) => a.querySelector('[data-testid="cell-status"]')?.getAttribute('data-status') !== 'done'
          && a.querySelector('[data-testid="cell-status"]')).map((a) => `${a.getAttribute('aria-label') ?? 'SQL cell'}: ${(a.querySelector('[data-testid="cell-error"]')?.textContent ?? a.querySelector('[data-testid="cell-status"]')?.textContent ?? '').trim().split('\n')[0]}`),
        alerts: [...nb.querySelectorAll('[role="alert"]')].filter((a) => !a.closest('.export') && a.getAttribute('data-testid') !== 'cell-error')
          .map((a) => (a.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 300)).filter(Boolean),
      };
    });
    for (const f of cells.failed) warnings.push(`a SQL cell did not run: ${f}`);
    for (const a of cells.alerts) warnings.push(`a panel shows an error: ${a}`);
    o.log(`html: rendered ${cells.all} cells (${secs()} s)`);

    step('exporting the report');
    if (o.theme && (await page.locator('[data-testid="export-theme"]').count())) await page.selectOption('[data-testid="export-theme"]', o.theme);
    await page.setChecked('[data-testid="export-include-rows"]', o.includeRows);
    const problem = page.locator('.export [role="alert"]');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    download.catch(() => {});
    await page.click('[data-testid="export-report"]');
    const refused = problem.waitFor({ timeout: 120_000 }).then(async () => (await problem.innerText()).trim());
    refused.catch(() => {});
    const got = await Promise.race([download, refused]);
    if (typeof got === 'string') throw new ReportError(EXIT.analysis, `The app refused to export the report: ${got}`);
    await (got as Download).saveAs(tmp);
    const html = readFileSync(tmp, 'utf8');
    const problems = fileProblems(html);
    if (problems.length) throw new ReportError(EXIT.analysis, `The exported report is not self-contained (${problems.join('; ')}); not written.`);
    if (blocked.length) throw new ReportError(EXIT.analysis, `The page tried to reach ${blocked[0]}, outside the local app server; no report was written.`);
    renameSync(tmp, o.out);
    for (const e of pageErrors) warnings.push(`the page reported an error: ${e.split('\n')[0]}`);
    return { path: o.out, bytes: Buffer.byteLength(html), charts: (html.match(/<svg\b/g) ?? []).length, seconds: (performance.now() - t0) / 1000, warnings };
  };

  const running = work();
  running.catch(() => {});
  try {
    return await Promise.race([running, timeout, networkViolation]);
  } catch (e) {
    if (e instanceof Timeout) {
      const state = openPage ? await pageState(openPage as Page).catch((x) => (o.debug ? `unknown (${firstLine(x)})` : null)) : null;
      throw new ReportError(EXIT.analysis, `The HTML export did not finish within ${o.timeoutSeconds} s (it was ${stage}). ` +
        `Give it more time with --html-timeout SECONDS.${state ? ` Page state: ${state}.` : ''}`);
    }
    if (e instanceof ReportError) throw e;
    const extra = o.debug && pageErrors.length ? ` Page errors: ${pageErrors.join(' | ')}` : '';
    throw new ReportError(EXIT.analysis, `The HTML export failed while ${stage}: ${firstLine(e)}${extra}`, { cause: e });
  } finally {
    clearTimeout(timer);
    await (browser as Browser | null)?.close().catch(() => {});
    await (server as StaticServer | null)?.close();
    rmSync(tmp, { force: true });
  }
}

/** What the wait for the rendered report sees, for the timeout message. */
async function pageState(page: Page): Promise<string> {
  const s = await page.evaluate(() => {
    // No named function in here: tsx would wrap it in a helper the page does not have.
    const nb = document.querySelector('[data-testid="notebook"]');
    const states = nb ? [...nb.querySelectorAll('[data-testid="cell-status"]')].map((x) => x.getAttribute('data-status') ?? '?') : [];
    const last = (window as unknown as { __rnLastChange?: number }).__rnLastChange;
    return {
      data: performance.getEntriesByName('rn:data-ready').map((e) => (e as PerformanceMark).detail?.dataVersion as number),
      rendered: performance.getEntriesByName('rn:report-rendered').map((e) => (e as PerformanceMark).detail?.dataVersion as number),
      cells: states,
      clvRunning: !!nb?.querySelector('[data-testid="clv-running"]'),
      quietMs: last === undefined ? null : Math.round(performance.now() - last),
      alerts: [...document.querySelectorAll('[role="alert"]')].map((a) => (a.textContent ?? '').trim()).filter(Boolean).slice(0, 3),
    };
  });
  return `data versions [${s.data.join(', ')}], rendered marks [${s.rendered.join(', ')}], SQL cells [${s.cells.join(', ')}]` +
    `${s.clvRunning ? ', CLV fit running' : ''}, last change ${s.quietMs ?? '?'} ms ago${s.alerts.length ? `, alerts: ${s.alerts.join(' | ')}` : ''}`;
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n').find((l) => l.trim())?.trim() ?? m;
}

/** One file through the drop zone: the mapping step set to the planned table, columns and conventions, then Load. */
async function loadFile(page: Page, p: PreparedInput, step: (what: string, line?: string) => void, log: (l: string) => void): Promise<void> {
  const { plan, label, spec } = p;
  const flag = FLAG[spec.table];
  step(`loading ${label}`, `loading ${label} as ${spec.table}`);
  const cards = page.locator('[data-testid="inspection"]');
  const before = await cards.count();
  await page.setInputFiles('[data-testid="file-input"]', spec.path);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="inspection"]').length > n, before, { timeout: 0 });
  const card = cards.last();
  const inspectionError = card.locator('[data-testid="inspection-error"]');
  if (await inspectionError.count()) throw inputError(`${q(label)} (${flag}) cannot be loaded in the app: ${(await inspectionError.innerText()).trim()}`);
  if (!(await card.locator('[data-testid="table-select"]').count())) {
    throw inputError(`${q(label)} (${flag}) was not recognised by the app: ${(await card.innerText()).trim().split('\n').slice(-3).join(' ')}`);
  }
  await card.locator('[data-testid="table-select"]').selectOption(plan.table);

  // Columns: each role of the table as planned (detection, corrected by the --mapping file).
  const want = plan.mapping as Record<string, string | null | undefined>;
  const current = await roleState(card);
  const roles = Object.keys(current); // the roles the app offers for this table
  for (const role of roles) {
    const col = want[role] ?? null;
    const now = current[role];
    const target = col === null ? 0 : now.options.indexOf(col);
    if (target < 0) throw inputError(`${q(label)} (${flag}): the app offers no column ${q(col!)} for ${role}.`);
    if (target !== now.selected) await card.locator(`select[data-role="${role}"]`).selectOption({ index: target });
  }
  await card.locator('[data-testid="date-format"]').selectOption(plan.date.format);
  await card.locator('select:has(option[value="jalali"])').selectOption(plan.date.calendar);
  await card.locator('[data-testid="amount-style"]').selectOption(plan.amountStyle);
  if (plan.table === 'orders') {
    await setPlanCurrency(card, plan.currency ?? '');
    const lineItems = card.locator('.conventions input[type="checkbox"]');
    if (await lineItems.count()) await lineItems.setChecked(plan.lineItems);
  }
  const after = await roleState(card);
  const differs = roles.filter((r) => after[r] && (after[r].selected === 0 ? null : after[r].options[after[r].selected]) !== (want[r] ?? null));
  if (differs.length) throw new ReportError(EXIT.analysis, `${q(label)} (${flag}): the mapping step did not take the planned columns for ${differs.join(', ')}.`);

  const problems = (await card.locator('ul.problems li').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  if (problems.length || (await card.locator('[data-testid="load-button"]').isDisabled())) {
    throw inputError(`${q(label)} (${flag}) needs a mapping decision the app cannot make: ${problems.join(' ') || 'the Load button stays disabled'}. ` +
      'Name the columns in a --mapping file (see docs/report-json.md, "Mapping file").');
  }
  const reports = await page.locator('[data-testid="load-report"]').count();
  await card.locator('[data-testid="load-button"]').click();
  const outcome = await page.waitForFunction((n) => {
    const cardsLeft = document.querySelectorAll('[data-testid="inspection"]');
    const err = [...cardsLeft].map((c) => c.querySelector('p.error[role="alert"]')?.textContent?.trim()).find(Boolean);
    if (err) return { error: err };
    if (cardsLeft.length === 0 && !document.querySelector('[data-testid="active-load"]') && document.querySelectorAll('[data-testid="load-report"]').length > n) return { error: null };
    return null;
  }, reports, { timeout: 0, polling: 100 });
  const { error } = (await outcome.jsonValue()) as { error: string | null };
  if (error) throw inputError(`${q(label)} (${flag}) could not be loaded in the app: ${error}`);
  const report = page.locator('[data-testid="load-report"]').last();
  const loaded = (await report.locator('[data-testid="loaded-count"]').innerText()).trim();
  const rejected = (await report.locator('[data-testid="rejected-count"]').count()) ? `, ${(await report.locator('[data-testid="rejected-count"]').innerText()).trim()}` : '';
  log(`html: ${label}: ${loaded} rows loaded${rejected}`);
}

/** The currency of a file without a currency column: a list of codes (+ "other" and a field), or a text field. */
async function setPlanCurrency(card: Locator, code: string): Promise<void> {
  const select = card.locator('[data-testid="currency-select"]');
  if (await select.count()) {
    const field = card.locator('[data-testid="currency-input"]');
    const now = (await select.inputValue()) === 'other' ? (await field.inputValue()).trim() : await select.inputValue();
    if (now === code) return;
    const offered = await select.evaluate((s: HTMLSelectElement) => [...s.options].map((o) => o.value));
    if (offered.includes(code)) await select.selectOption(code);
    else {
      await select.selectOption('other');
      await field.fill(code);
    }
    return;
  }
  const text = card.locator('.conventions input[type="text"]');
  if ((await text.count()) && (await text.inputValue()).trim() !== code) await text.fill(code);
}

async function roleState(card: Locator): Promise<Record<string, { options: string[]; selected: number }>> {
  return card.evaluate((el) => Object.fromEntries([...el.querySelectorAll<HTMLSelectElement>('select[data-role]')]
    .map((s) => [s.dataset.role!, { options: [...s.options].map((o, i) => (i === 0 ? '' : o.textContent ?? '')), selected: s.selectedIndex }])));
}

/** The refund rule of the data summary; true when it was changed (a new data version). */
async function setRefundRule(page: Page, rule: RefundRule, step: (what: string, line?: string) => void): Promise<boolean> {
  const select = page.locator('[data-testid="data-summary"] select:has(option[value="exclude"])');
  if (!(await select.count())) throw new ReportError(EXIT.analysis, '--refund-rule: the app shows no refund rule to choose.');
  if ((await select.inputValue()) === rule) return false;
  step('applying the refund rule', `refund rule: ${rule}`);
  const before = await dataVersion(page);
  await select.selectOption(rule);
  await page.waitForFunction((v) => Math.max(-1, ...performance.getEntriesByName('rn:data-ready').map((e) => (e as PerformanceMark).detail?.dataVersion as number)) > v, before, { timeout: 0 });
  return true;
}

/** The analysed currency of the data summary. */
async function setCurrency(page: Page, currency: string, step: (what: string, line?: string) => void): Promise<'changed' | 'same' | 'single'> {
  const select = page.locator('[data-testid="data-summary"] select:not(:has(option[value="exclude"]))');
  if (!(await select.count())) return 'single';
  const offered = await select.evaluate((s: HTMLSelectElement) => [...s.options].map((o) => o.value));
  if (!offered.includes(currency)) {
    throw inputError(`--currency ${currency}: none of the orders is in ${currency} (they are in ${offered.join(', ')}).`);
  }
  if ((await select.inputValue()) === currency) return 'same';
  step('choosing the currency', `currency: ${currency}`);
  const before = await dataVersion(page);
  await select.selectOption(currency);
  await page.waitForFunction((v) => Math.max(-1, ...performance.getEntriesByName('rn:data-ready').map((e) => (e as PerformanceMark).detail?.dataVersion as number)) > v, before, { timeout: 0 });
  return 'changed';
}

function dataVersion(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(-1, ...performance.getEntriesByName('rn:data-ready').map((e) => (e as PerformanceMark).detail?.dataVersion as number)));
}
