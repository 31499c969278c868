// @vitest-environment happy-dom
/**
 * The notebook's and the share area's own words when asked for Persian or Arabic: refusals of a
 * share link, a ?data= address, a notebook file or a SQL cell, chart plans — and the static HTML
 * report, whose <html lang dir> and fixed words follow the reader's language (or `lang` when
 * given). English stays today's text. (happy-dom only for the report's DOM.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { notebookFromHash, notebookToHash } from '../../src/share/link';
import { fetchDataUrl } from '../../src/share/data-url';
import { buildHtmlReport } from '../../src/share/html-report';
import { readNotebook } from '../../src/notebook/serialise';
import { cellSqlProblem } from '../../src/notebook/cell-sql';
import { chartPlan } from '../../src/notebook/chart-spec';
import { renderSql } from '../../src/notebook/sql-template';
import { DEFAULT_PARAMS, type ChartCell, type Notebook } from '../../src/notebook/document';
import { setLang } from '../../src/i18n/prefs.svelte';

const PERSIAN_DIGIT = /[۰-۹]/;
/** Text without the bidi isolates t() puts around names and addresses in right-to-left messages. */
const plain = (s: string) => s.replace(/[\u2066-\u2069]/g, '');
const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return plain((e as Error).message);
  }
  throw new Error('did not throw');
};

afterEach(() => setLang('en', false));

describe('share and notebook messages', () => {
  it('a broken share link, in Persian and in English', () => {
    setLang('fa', false);
    expect(message(() => notebookFromHash('#section-2'))).toBe('این پیوند اشتراک نیست (باید #nb= داشته باشد).');
    expect(message(() => notebookFromHash('#nb='))).toContain('بریده شده است');
    const bad = { version: 1, title: 'x', params: DEFAULT_PARAMS, cells: [{ id: 'a', kind: 'python', source: '' }] } as unknown as Notebook;
    expect(message(() => notebookFromHash(notebookToHash(bad)))).toBe(
      'دفترچهٔ این پیوند باز نمی‌شود. این سند «دفترچهٔ نگهداری مشتری» نیست: سلول ۱ از نوع ناشناختهٔ "python" است');
    setLang('en', false);
    expect(message(() => notebookFromHash('#section-2'))).toBe('This is not a share link (it should contain #nb=).');
    expect(message(() => notebookFromHash(notebookToHash(bad)))).toBe(
      'The link\'s notebook does not open. This is not a Retention Notebook document: cell 1 has an unknown kind "python"');
  });

  it('?data= refusals in Arabic keep the address and the HTTP status as they are', async () => {
    setLang('ar', false);
    const page = 'https://app.example/';
    const respond = (status: number, statusText = '') => async () => new Response('no', { status, statusText });
    await expect(fetchDataUrl('http://other.org/o.csv', page, respond(200))).rejects.toThrow(/ليس عنوان HTTPS/);
    const e = await fetchDataUrl('https://a.org/missing.csv', page, respond(404, 'Not Found')).catch((x: Error) => x);
    expect(plain((e as Error).message)).toBe('أجاب «https://a.org/missing.csv» بـ HTTP 404 Not Found: لا يوجد ملف في هذا العنوان.');
  });

  it('notebook files and SQL cells: refused in Persian, with Persian digits', () => {
    setLang('fa', false);
    expect(message(() => readNotebook('not json {'))).toBe('این سند «دفترچهٔ نگهداری مشتری» نیست: فایل JSON نیست');
    expect(message(() => readNotebook({ version: 2, cells: [] }))).toBe(
      'این سند «دفترچهٔ نگهداری مشتری» نیست: با نسخهٔ جدیدتری نوشته شده است (قالب ۲)؛ این برنامه قالب ۱ را می‌خواند');
    const twice = plain(cellSqlProblem('SELECT 1;\nSELECT 2') ?? '');
    expect(twice).toContain('سطر ۱');
    expect(plain(cellSqlProblem('ATTACH \'x.db\'') ?? '')).toContain('دستورهای ATTACH');
    expect(message(() => renderSql('SELECT {{month}}', DEFAULT_PARAMS))).toContain('پارامتر ناشناختهٔ {{month}}');
    setLang('en', false);
    expect(cellSqlProblem('SELECT 1;\nSELECT 2')).toBe('A SQL cell holds one query: remove the second statement after the ";" on line 1, or put it in a cell of its own.');
  });

  it('chart plans in Arabic: problems and the description, counts in Arabic digits', () => {
    const table = tableFromArrays({ label: ['a', 'b'], v: Float64Array.from([1, 2]) });
    const cell: ChartCell = { id: 'c', kind: 'chart', input: 'q', type: 'bar', title: '', x: 'label', y: ['v'] };
    setLang('ar', false);
    expect(chartPlan({ ...cell, y: [] }, table)).toEqual({ kind: 'problem', message: 'اختر عمودًا واحدًا على الأقل للمحور y.' });
    const plan = chartPlan(cell, table);
    if (plan.kind !== 'bar') throw new Error(plan.kind);
    expect(plain(plan.spec.title)).toBe('v حسب label');
    expect(plain(plan.spec.description)).toBe('مخطط أعمدة لـ v (y) حسب label (x)، ٢ صفان.');
    setLang('en', false);
    const en = chartPlan(cell, table);
    if (en.kind !== 'bar') throw new Error(en.kind);
    expect(en.spec.description).toBe('bar chart of v (y) by label (x), 2 rows.');
  });
});

describe('the static HTML report', () => {
  const NOTEBOOK = `
<article class="cell" data-kind="sql" aria-label="SQL · q"><header><span class="label">SQL · q</span></header>
  <div class="body"><div class="sql"><div class="editor" data-testid="sql-editor"><div class="cm-editor"><div class="cm-line">SELECT 1</div></div></div>
    <div class="result" data-testid="result-table"><div class="meta"><span data-rows="1234">۱٬۲۳۴ ردیف · ۱ ستون</span></div>
      <div class="scroll"><table><tbody><tr><td>CUST-1</td></tr></tbody></table></div></div></div></div></article>
<details class="top" data-testid="clv-top"><summary>top</summary><table><tr><td>CUST-TOP</td></tr></table></details>`;
  function report(o: { lang?: 'en' | 'fa' | 'ar' } = {}) {
    const root = document.createElement('div');
    root.className = 'notebook';
    root.innerHTML = NOTEBOOK;
    document.body.append(root);
    try {
      return buildHtmlReport(root, { title: 'گزارش', generatedAt: '1405/09/02 09:10 UTC', dataNote: 'note', ...o });
    } finally {
      root.remove();
    }
  }
  const doc = (html: string) => new DOMParser().parseFromString(html, 'text/html');

  it('in Persian when asked: lang and dir, the fixed words, the row count in Persian digits; SQL left to right', () => {
    const html = report({ lang: 'fa' });
    expect(html).toMatch(/<html lang="fa" dir="rtl"/);
    const d = doc(html);
    expect(plain(d.querySelector('.report-head .meta')!.textContent!)).toBe('تهیه‌شده در 1405/09/02 09:10 UTC');
    expect(d.querySelector('.report-foot')!.textContent).toContain('نسخه‌ای ایستا از یک گزارش «دفترچهٔ نگهداری مشتری»');
    const omitted = [...d.querySelectorAll('.omitted')].map((p) => plain(p.textContent!));
    expect(omitted[0]).toMatch(/^نتیجهٔ پرس‌وجو \(۱٬۲۳۴ ردیف\) در این گزارش نیست/);
    expect(omitted[0]).toContain('«همراه با ردیف‌های نتیجهٔ پرس‌وجو»');
    expect(omitted[1]).toBe('فهرست باارزش‌ترین مشتریان در این گزارش نیست: نام مشتریان در آن آمده است.');
    expect(omitted[0]).toMatch(PERSIAN_DIGIT);
    expect(d.querySelector('pre.sql-source')!.getAttribute('dir')).toBe('ltr');
    expect(html).not.toContain('CUST-1');
  });

  it("follows the reader's language (prefs) when not asked: Arabic is right to left", () => {
    setLang('ar', false);
    const html = report();
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
    expect(plain(doc(html).querySelector('.report-head .meta')!.textContent!)).toBe('أُنشئ في 1405/09/02 09:10 UTC');
  });

  it("in English: today's words, left to right", () => {
    const html = report();
    expect(html).toMatch(/<html lang="en" dir="ltr"/);
    const d = doc(html);
    expect(d.querySelector('.report-head .meta')!.textContent).toBe('Generated 1405/09/02 09:10 UTC');
    expect(d.querySelector('.omitted')!.textContent).toBe(
      'Query result (1,234 rows) not included: query results may hold customer rows. Export with “include query result rows” to keep them.');
    expect(d.querySelector('.report-foot')!.textContent).toBe(
      'A static copy of a Retention Notebook report: no scripts, nothing loaded from anywhere. Print it or save it as PDF from the browser.');
  });
});
