// @vitest-environment happy-dom
/**
 * Notebook components in Persian and Arabic (src/i18n/prefs.svelte setLang): labels, parameter
 * options (the calendar named in each language), statuses and counts in native digits, markdown
 * whose direction follows its content — and SQL that stays left to right in a right-to-left page.
 * Then the same components in today's English after switching back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRawSnippet, flushSync, mount, unmount, type Component } from 'svelte';
import { tableFromArrays } from 'apache-arrow';
import MarkdownCell from '../../src/components/notebook/MarkdownCell.svelte';
import ParamsBar from '../../src/components/notebook/ParamsBar.svelte';
import CellFrame from '../../src/components/notebook/CellFrame.svelte';
import ResultTable from '../../src/components/notebook/ResultTable.svelte';
import SqlCell from '../../src/components/notebook/SqlCell.svelte';
import LockNotice from '../../src/components/share/LockNotice.svelte';
import { DEFAULT_PARAMS } from '../../src/notebook/document';
import type { CellState } from '../../src/notebook/runner.svelte';
import { messageInfo } from '../../src/notebook/sql-error';
import { prefs, setLang } from '../../src/i18n/prefs.svelte';
import type { Lang } from '../../src/i18n/langs';

const PERSIAN_DIGIT = /[۰-۹]/;
const ARABIC_DIGIT = /[٠-٩]/;
/** Text without the bidi isolates t() puts around names in right-to-left messages. */
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();

let target: HTMLElement;
let component: ReturnType<typeof mount> | null = null;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component with its own props
function show<P extends Record<string, unknown>>(c: Component<any>, props: P, lang: Lang) {
  setLang(lang, false);
  target = document.createElement('div');
  document.body.appendChild(target);
  component = mount(c, { target, props });
  flushSync();
}
afterEach(() => {
  if (component) unmount(component);
  component = null;
  target?.remove();
  setLang('en', false);
  prefs.calendar = 'gregorian';
});
const $ = (sel: string) => target.querySelector(sel) as HTMLElement;
const options = (testid: string) => [...target.querySelectorAll(`[data-testid="${testid}"] option`)].map((o) => o.textContent?.trim());

describe('the parameters bar', () => {
  const props = { params: { ...DEFAULT_PARAMS, from: '2024-01-01' }, personas: [{ id: 'p1', name: 'Ali' }], firstDay: '2024-01-01', lastDay: '2024-06-30', onchange: () => {} };

  it('in Persian: labels, periods and the calendar named in Persian; the page is right to left', () => {
    show(ParamsBar, props, 'fa');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('fa');
    expect($('[data-testid="params"]').getAttribute('aria-label')).toBe('پارامترهای گزارش');
    expect(options('param-calendar')).toEqual(['میلادی', 'شمسی (جلالی)']);
    expect(options('param-period')).toEqual(['هفته', 'ماه', 'فصل', 'سال']);
    expect(options('param-segment')).toEqual(['همهٔ مشتریان', 'Ali']);
    expect(target.textContent).toContain('بازهٔ ریزش (روز)');
    // The shared date picker, with the same test ids; Gregorian: the browser's date input.
    expect(($('[data-testid="param-from"]') as HTMLInputElement).type).toBe('date');
    expect($('[data-testid="param-from"]').getAttribute('aria-label')).toBe('از');
    expect($('[data-testid="param-to"]').getAttribute('aria-label')).toBe('تا');
  });

  it('in Arabic: the calendar named in Arabic; Jalali shows the date in the Jalali calendar and Arabic digits', () => {
    prefs.calendar = 'jalali';
    show(ParamsBar, { ...props, params: { ...props.params, calendar: 'jalali' } }, 'ar');
    expect(options('param-calendar')).toEqual(['ميلادي', 'هجري شمسي']);
    expect(options('param-period')).toEqual(['أسبوع', 'شهر', 'ربع سنة', 'سنة']);
    const from = $('[data-testid="param-from"]') as HTMLInputElement;
    expect(from.type).toBe('text');
    expect(from.value).toBe('١٤٠٢/١٠/١١'); // 2024-01-01
  });

  it('in English: today\'s text', () => {
    show(ParamsBar, props, 'en');
    expect(options('param-calendar')).toEqual(['Gregorian', 'Jalali (Solar Hijri)']);
    expect(options('param-period')).toEqual(['week', 'month', 'quarter', 'year']);
    expect(target.textContent).toContain('Churn window (days)');
  });
});

describe('markdown cells', () => {
  it('a Persian note in an English page reads right to left (dir="auto"); its buttons are English', () => {
    show(MarkdownCell, { source: '# گزارش\n\nچند مشتری دوباره می‌خرند؟', onchange: () => {} }, 'en');
    const md = $('[data-testid="markdown"]');
    expect(md.getAttribute('dir')).toBe('auto');
    expect(md.textContent).toContain('چند مشتری دوباره می‌خرند؟');
    expect(target.querySelector('button')?.textContent).toBe('Edit text');
  });

  it('in Arabic the buttons and the source field speak Arabic', () => {
    show(MarkdownCell, { source: 'Plain English note', onchange: () => {} }, 'ar');
    expect($('[data-testid="markdown"]').getAttribute('dir')).toBe('auto');
    const edit = target.querySelector('button') as HTMLButtonElement;
    expect(edit.textContent).toBe('تحرير النص');
    edit.click();
    flushSync();
    expect($('textarea').getAttribute('aria-label')).toBe('مصدر Markdown');
    expect(target.querySelector('button')?.textContent).toBe('تم');
  });
});

describe('the cell frame', () => {
  const children = createRawSnippet(() => ({ render: () => '<p>body</p>' }));
  const props = { label: 'SQL · orders_by_period', kind: 'sql', collapsed: true, first: true, last: false, onrun: () => {}, ontoggle: () => {}, onmove: () => {}, onduplicate: () => {}, ondelete: () => {}, children };

  it('in Persian: the buttons\' names, and the collapsed arrow points forward (to the left)', () => {
    show(CellFrame, props, 'fa');
    const toggle = $('button[aria-expanded]');
    expect(toggle.textContent).toBe('◂');
    expect(plain(toggle.getAttribute('aria-label'))).toBe('بازکردن SQL · orders_by_period');
    expect($('[data-testid="cell-run"]').textContent).toBe('اجرا');
    expect(plain([...target.querySelectorAll('header button.icon')].at(-1)?.getAttribute('aria-label'))).toBe('حذف SQL · orders_by_period');
  });

  it('in English: today\'s names and arrow', () => {
    show(CellFrame, props, 'en');
    expect($('button[aria-expanded]').textContent).toBe('▸');
    expect($('button[aria-expanded]').getAttribute('aria-label')).toBe('Expand SQL · orders_by_period');
    expect($('[data-testid="cell-run"]').getAttribute('title')).toBe('Run (Shift+Enter in the editor)');
  });
});

describe('result tables', () => {
  const table = tableFromArrays({ city: ['Tehran', 'Qom', 'Shiraz'], orders: Float64Array.from([1200, 35, 7]) });
  const props = { table, rowCount: 3, name: 'by_city', ondownload: () => {} };

  it('in Persian: counts and numbers in Persian digits, the region named in Persian', () => {
    show(ResultTable, props, 'fa');
    expect(plain($('.meta span').textContent)).toBe('۳ ردیف · ۲ ستون');
    expect($('.meta span').getAttribute('data-rows')).toBe('3');
    expect(plain($('[role="region"]').getAttribute('aria-label'))).toBe('نتیجهٔ by_city');
    const numbers = [...target.querySelectorAll('tbody td.num')].map((td) => td.textContent);
    expect(numbers).toEqual(['۱٬۲۰۰', '۳۵', '۷']);
    expect($('[data-testid="result-download"]').textContent).toBe('دریافت CSV');
  });

  it('in Arabic: the counted nouns agree with the number', () => {
    show(ResultTable, props, 'ar');
    expect(plain($('.meta span').textContent)).toBe('٣ صفوف · ٢ عمودان');
  });

  it('in English: today\'s text', () => {
    show(ResultTable, props, 'en');
    expect($('.meta span').textContent).toBe('3 rows · 2 columns');
    expect([...target.querySelectorAll('tbody td.num')].map((td) => td.textContent)).toEqual(['1,200', '35', '7']);
  });
});

describe('SQL cells', () => {
  const cell = { id: 'q', kind: 'sql' as const, name: 'orders_by_month', source: 'SELECT 1 AS n' };
  const base = { cell, schema: {}, onsource: () => {}, onrename: () => {}, onrun: () => {}, ondownload: () => {} };
  const idle: CellState = { status: 'idle', table: null, rowCount: 0, error: null, ms: 0 };

  it('in an Arabic (right-to-left) page the SQL editor and the view name stay left to right', () => {
    show(SqlCell, { ...base, state: idle }, 'ar');
    expect(document.documentElement.dir).toBe('rtl');
    const editor = $('[data-testid="sql-editor"]');
    expect(editor.getAttribute('dir')).toBe('ltr');
    expect(editor.querySelector('.cm-editor')?.getAttribute('dir')).toBe('ltr');
    expect(plain(editor.querySelector('.cm-content')?.getAttribute('aria-label'))).toBe('SQL الخاص بـ orders_by_month');
    expect($('.name input').getAttribute('dir')).toBe('ltr');
    expect($('[data-testid="cell-status"]').textContent?.trim()).toBe('لم يُشغَّل بعد: Shift+Enter أو «تشغيل».');
  });

  it('the app\'s own errors are in the reader\'s language; the error text takes its own direction', () => {
    const error = messageInfo('notebook.sql.twoStatements', { line: 3 });
    show(SqlCell, { ...base, state: { ...idle, status: 'error', error } }, 'fa');
    const pre = $('[data-testid="cell-error"] pre');
    expect(pre.getAttribute('dir')).toBe('auto');
    expect(pre.textContent).toContain('هر سلول SQL فقط یک پرس‌وجو دارد');
    expect(pre.textContent).toMatch(PERSIAN_DIGIT);
  });

  it('done: the row count in Arabic digits and an agreeing noun', () => {
    show(SqlCell, { ...base, state: { ...idle, status: 'done', rowCount: 12, ms: 1500, table: tableFromArrays({ n: Float64Array.from([1]) }) } }, 'ar');
    const status = plain($('[data-testid="cell-status"]').textContent);
    expect(status).toMatch(/^١٢ صفًا · /);
    expect(status).toMatch(ARABIC_DIGIT);
  });
});

describe('the lockdown notice', () => {
  const nb = { locked: true, fromElsewhere: true, trustAndReload: () => {} };
  it('in Persian and in English', () => {
    show(LockNotice, { nb }, 'fa');
    expect($('[data-testid="lock-notice"] p').textContent).toContain('این دفترچه از یک پیوند یا فایل آمده است');
    expect($('[data-testid="trust-notebook"]').textContent).toBe('اعتماد و بارگذاری دوباره');
    unmount(component!);
    target.remove();
    show(LockNotice, { nb }, 'en');
    expect($('[data-testid="lock-notice"] p').textContent).toBe('This notebook came from a link or file: its SQL cannot read outside your loaded files or reach the network.');
  });
});
