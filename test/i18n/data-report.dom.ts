// @vitest-environment happy-dom
/**
 * The data and report components in Persian and back in English: labels, the loader's fixed
 * texts (role labels, reject reasons, plan problems) and numbers in Persian digits, and the same
 * components showing today's English text after switching back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import FileInspection from '../../src/components/FileInspection.svelte';
import LoadReport from '../../src/components/LoadReport.svelte';
import DataSummary from '../../src/components/DataSummary.svelte';
import CohortTable from '../../src/components/CohortTable.svelte';
import { DataStore, type PendingFile } from '../../src/app/data-store.svelte';
import { setLang } from '../../src/i18n/prefs.svelte';
import type { FileReport } from '../../src/data/session';
import type { CanonicalSummary } from '../../src/data/load/canonical';
import type { CohortResult } from '../../src/analyses/cohorts';

const PERSIAN_DIGIT = /[۰-۹]/;
/** Text without the bidi isolates t() puts around data in right-to-left messages. */
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u2066-\u2069]/g, '');

function pending(): PendingFile {
  return {
    key: 1,
    input: {} as PendingFile['input'],
    inspection: {
      fileName: 'سفارش‌ها.csv', size: 2048, format: 'csv', error: null, warnings: [], missing: [],
      notes: ['Could not tell what this file holds: choose the table and the columns below.'],
      preview: { columns: ['Kunde', 'Datum', 'Betrag'], rows: [['k1', '2024-01-02', '12,50']] },
      plan: null, detectedTable: 'unknown', confidence: 0, signature: '',
    },
    plan: {
      fileName: 'سفارش‌ها.csv', read: { format: 'csv', encoding: 'utf-8', delimiter: ',', hasHeader: true, columns: ['Kunde', 'Datum', 'Betrag'] },
      table: 'orders', preset: null, mapping: { customer_id: 'Kunde' }, date: { format: 'ymd', calendar: 'gregorian' },
      amountStyle: 'comma-decimal', currency: 'IRT', lineItems: false,
    },
    remembered: false,
    error: null,
  };
}

const REPORT: FileReport = {
  id: 'f1', fileName: 'orders.csv', table: 'orders', preset: null, rowsRead: 1250, loaded: 1200,
  rejected: [{ reason: 'unparseable date', count: 30 }, { reason: 'negative amount', count: 20 }], rejectedTotal: 50,
  notes: [], ms: 1500,
};

const SUMMARY: CanonicalSummary = {
  orders: 1200, customers: 300, revenue: 4_500_000, currency: 'IRT',
  currencies: [{ currency: 'IRT', orders: 1200 }, { currency: 'IRR', orders: 40 }],
  notCounted: [{ reason: 'cancelled', orders: 12 }, { reason: 'other currency (IRR)', orders: 40 }],
  firstOrder: Date.UTC(2024, 0, 2), lastOrder: Date.UTC(2024, 11, 30),
};

const COHORTS: CohortResult = {
  mode: 'on',
  cohorts: [{
    cohort: '2024-01', start: '2024-01-01', size: 100, active: [100, 40], retention: [1, 0.4], revenue: [1000, 400], orders: [120, 50],
    revenueRetention: [1, 0.4], ordersRetention: [1, 50 / 120], cumulativeRevenuePerCustomer: [10, 14], complete: [true, false],
  }],
  average: {
    size: [100, 0], active: [100, 0], retention: [1, null], revenue: [1000, 0], orders: [120, 0], revenueRetention: [1, null],
    ordersRetention: [1, null], cumulativeRevenuePerCustomer: [10, null],
  } as unknown as CohortResult['average'],
  segmentAverages: [],
};

function host() {
  const target = document.createElement('div');
  document.body.appendChild(target);
  return target;
}

afterEach(() => {
  setLang('en', false);
  document.body.innerHTML = '';
});

describe('data components in Persian', () => {
  it('FileInspection: labels, role labels, the loader note and problems in Persian; English again after switching back', () => {
    setLang('fa', false);
    const target = host();
    const c = mount(FileInspection, {
      target,
      props: {
        pending: pending(), busy: false, onload: () => {}, ondismiss: () => {},
        problems: ['No order date column: pick the column with the order date.', 'The column “Summe” mapped to amount is not in the file.'],
      },
    });
    flushSync();
    const text = plain(target.textContent);
    expect(text).toContain('این فایل چه داده‌ای دارد؟');
    expect(text).toContain('شناسهٔ مشتری');
    expect(text).toContain('معلوم نشد این فایل چه داده‌ای دارد');
    expect(text).toContain('ستون تاریخ سفارش تعیین نشده است');
    expect(text).toContain('Summe'); // data inside a translated sentence stays as it is
    expect(text).toContain('۲٫۰ کیلوبایت');
    expect(text).toContain('۱ تومان = ۱۰ ریال');
    expect(target.querySelector('[data-testid="load-button"]')?.textContent).toBe('بارگذاری');
    expect((target.querySelector('[data-testid="currency-select"]') as HTMLSelectElement).value).toBe('IRT');

    setLang('en', false);
    flushSync();
    const en = target.textContent ?? '';
    expect(en).toContain('What is in this file?');
    expect(en).toContain('Customer id');
    expect(en).toContain('Could not tell what this file holds: choose the table and the columns below.');
    expect(en).toContain('No order date column: pick the column with the order date.');
    expect(en).toContain('The column “Summe” mapped to amount is not in the file.');
    expect(en).toContain('2.0 KB');
    expect(en).toContain('1 Toman = 10 Rials (IRT = Toman, IRR = Rial)');
    expect(target.querySelector('[data-testid="load-button"]')?.textContent).toBe('Load');
    unmount(c);
  });

  it('FileInspection: a currency outside the list is typed in a free text field', () => {
    const target = host();
    const p = pending();
    p.plan!.currency = 'TRY';
    const c = mount(FileInspection, { target, props: { pending: p, busy: false, onload: () => {}, ondismiss: () => {}, problems: [] } });
    flushSync();
    expect((target.querySelector('[data-testid="currency-select"]') as HTMLSelectElement).value).toBe('other');
    expect((target.querySelector('[data-testid="currency-input"]') as HTMLInputElement).value).toBe('TRY');
    expect((target.querySelector('[data-testid="currency-input"]') as HTMLInputElement).placeholder).toBe('e.g. IRT');
    unmount(c);
  });

  it('LoadReport: counts in Persian digits, reject reasons translated; English after switching back', () => {
    setLang('fa', false);
    const target = host();
    const c = mount(LoadReport, { target, props: { report: REPORT, loadRejected: async () => [], ondownload: () => {}, onremove: () => {} } });
    flushSync();
    const fa = plain(target.textContent);
    expect(fa).toContain('خوانده‌شده:');
    expect(target.querySelector('[data-testid="loaded-count"]')?.textContent).toBe('۱٬۲۰۰');
    expect(plain(target.querySelector('[data-testid="rejected-count"]')?.textContent)).toBe('۵۰ ردیف بارگذاری نشد.');
    expect(fa).toContain('تاریخ ناخوانا');
    expect(fa).toContain('مبلغ منفی');
    expect(plain(target.querySelector('[data-testid="load-report"]')?.getAttribute('aria-label'))).toBe('گزارش بارگذاری orders.csv');

    setLang('ar', false);
    flushSync();
    expect(plain(target.querySelector('[data-testid="rejected-count"]')?.textContent)).toBe('لم يُحمَّل ٥٠ صفًا.');
    expect(plain(target.textContent)).toContain('تاريخ غير مقروء');

    setLang('en', false);
    flushSync();
    const en = (target.textContent ?? '').replace(/\s+/g, ' ');
    expect(en).toContain('Read 1,250 rows → loaded 1,200 orders.');
    expect(target.querySelector('[data-testid="rejected-count"]')?.textContent).toBe('50 rows not loaded.');
    expect(en).toContain('unparseable date');
    expect(en).toContain('Show rejected rows');
    expect(target.querySelector('[data-testid="load-report"]')?.getAttribute('aria-label')).toBe('Load report for orders.csv');
    unmount(c);
  });

  it('DataSummary: Persian headings, Toman, not-counted reasons and the Toman/Rial note', () => {
    setLang('fa', false);
    const target = host();
    const c = mount(DataSummary, { target, props: { summary: SUMMARY, settings: { refundRule: 'net', currency: null }, onsettings: () => {} } });
    flushSync();
    const fa = plain(target.textContent);
    expect(fa).toContain('داده‌های بارگذاری‌شده');
    expect(fa).toContain('درآمد');
    expect(fa).toContain('تومان');
    expect(target.querySelector('[data-testid="summary-orders"]')?.textContent).toMatch(PERSIAN_DIGIT);
    expect(fa).toContain('۱۲ لغوشده؛ ۴۰ واحد پول دیگر (');
    expect(fa).toContain('۱ تومان = ۱۰ ریال');

    setLang('en', false);
    flushSync();
    const en = (target.textContent ?? '').replace(/\s+/g, ' ');
    expect(en).toContain('Loaded data');
    expect(en).toContain('Read but not counted as orders: 12 cancelled; 40 other currency (IRR).');
    expect(en).toContain('Orders in 2 currencies. Amounts in different currencies are never added up: the analyses use IRT; pick another below.');
    expect(en).toContain('IRT (1,200 orders)');
    expect(target.querySelector('[data-testid="summary-orders"]')?.textContent).toBe('1,200');
    unmount(c);
  });
});

describe('report components in Persian', () => {
  it('CohortTable: Persian headings, month names, Persian percentages; English after switching back', () => {
    setLang('fa', false);
    const target = host();
    const c = mount(CohortTable, { target, props: { result: COHORTS, period: 'month', measure: 'revenue', currency: 'IRT' } });
    flushSync();
    const table = target.querySelector('[data-testid="cohort-table"]')!;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(heads.slice(0, 3)).toEqual(['کوهورت', 'اندازه', '۰']);
    expect(table.querySelector('tbody th')?.textContent).not.toBe('2024-01');
    expect(table.querySelector('tbody th')?.textContent).toMatch(PERSIAN_DIGIT);
    expect(plain(table.textContent)).toContain('۴۰٫۰٪');
    expect(plain(table.textContent)).toContain('میانگین وزنی');
    const title = plain(table.querySelectorAll('td.cell')[1].getAttribute('title'));
    expect(title).toContain('درآمد (تومان)');
    expect(title).toContain('این دوره هنوز تمام نشده');

    setLang('en', false);
    flushSync();
    const headsEn = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headsEn.slice(0, 3)).toEqual(['Cohort', 'Size', '0']);
    expect(table.querySelector('tbody th')?.textContent).toBe('2024-01');
    expect(table.querySelectorAll('td.cell')[1].getAttribute('title'))
      .toBe("2024-01, month 1: 400 revenue (Toman) (40.0% of the cohort's month 0 revenue) — period not over yet");
    expect(table.querySelector('caption')?.textContent)
      .toBe("revenue (Toman) of each month cohort as a share of the cohort's month 0 revenue, by month since the first order");
    unmount(c);
  });
});

describe('the data store says its messages in the reader\'s language', () => {
  it('status and errors are stored as keys and translated when read', () => {
    const store = new DataStore();
    expect(store.statusMessage).toBe('Starting the in-browser database…');
    store.errors = [{ key: 'data.loadFailed', params: { name: 'a.csv', message: 'boom' } }, { text: 'Loading was cancelled; nothing from this file was kept.' }];
    expect(store.lastError).toBe('Loading “a.csv” failed: boom Loading was cancelled; nothing from this file was kept.');
    setLang('fa', false);
    expect(store.statusMessage).toBe('در حال راه‌اندازی پایگاه دادهٔ درون مرورگر…');
    expect(store.lastError).toContain('بارگذاری لغو شد');
    expect(store.lastError).toContain('\u2068a.csv\u2069');
  });
});
