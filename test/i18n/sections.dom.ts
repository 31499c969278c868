// @vitest-environment happy-dom
/**
 * The analysis sections (Churn, RFM, NPS, Subscriptions, CLV) mounted with result objects and
 * switched between languages while mounted: Persian headings, labels and the field's terms with
 * Persian digits; Arabic with Arabic-Indic digits; back in English, today's English text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import ChurnSection from '../../src/components/ChurnSection.svelte';
import RfmSection from '../../src/components/RfmSection.svelte';
import NpsSection from '../../src/components/NpsSection.svelte';
import MrrSection from '../../src/components/MrrSection.svelte';
import ClvSection from '../../src/components/ClvSection.svelte';
import SalesSection from '../../src/components/SalesSection.svelte';
import { ClvStore } from '../../src/app/clv-store.svelte';
import { setLang } from '../../src/i18n/prefs.svelte';
import { RFM_SEGMENTS } from '../../src/analyses/rfm-segments';
import { TooFewRepeatBuyers } from '../../src/models/refusals';
import type { RfmResult } from '../../src/analyses/rfm';
import type { NpsResult } from '../../src/analyses/nps';
import type { SubscriptionMonth, SubscriptionsResult } from '../../src/analyses/subscriptions';
import type { SalesResult } from '../../src/analyses/sales';
import type { ReportStore } from '../../src/app/report-store.svelte';

const PERSIAN_DIGIT = /[۰-۹]/;
const ARABIC_DIGIT = /[٠-٩]/;
const LATIN_DIGIT = /[0-9]/;
/** Text without the bidi isolates t() puts around parameters in right-to-left messages. */
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u2066-\u2069\u061C]/g, '').replace(/\s+/g, ' ').trim();
const text = (root: Element, selector: string) => plain(root.querySelector(selector)?.textContent);
const texts = (root: Element, selector: string) => [...root.querySelectorAll(selector)].map((e) => plain(e.textContent));

function host() {
  const target = document.createElement('div');
  document.body.appendChild(target);
  return target;
}
function switchTo(lang: 'en' | 'fa' | 'ar') {
  setLang(lang, false);
  flushSync();
}

afterEach(() => {
  setLang('en', false);
  document.body.innerHTML = '';
});

const RFM: RfmResult = {
  asOf: '2024-03-20',
  customers: 1250,
  segments: RFM_SEGMENTS.map((segment, i) => ({
    segment, customers: 100 + i, share: (100 + i) / 1250, revenue: 1000 * (i + 1), revenueShare: 0.05 + i / 100,
    avgRecencyDays: 10 + i, avgFrequency: 1.5 + i / 10, avgMonetary: 120 + i,
  })),
  rows: [],
};

const score = (nps: number | null, responses: number) => ({ responses, promoters: 5, passives: 3, detractors: 2, nps });
const NPS = {
  asOf: '2024-03-31',
  nps: score(30, 10),
  csat: { responses: 8, satisfied: 6, csat: 0.75 },
  overTime: [{ period: '2024-02', start: '2024-02-01', end: '2024-02-29', complete: true, nps: score(25, 4), csat: { responses: 0, satisfied: 0, csat: null } }],
  byGroup: [{ segment: 'Champions', nps: score(60, 5), csat: { responses: 0, satisfied: 0, csat: null } }],
  behaviour: (['promoter', 'passive', 'detractor'] as const).map((category) => ({
    category, respondents: 4, customers: 4, repeatCustomers: 2, repeatRate: 0.5, atRisk: 4, churned: 1, churnRate: 0.25,
  })),
} as unknown as NpsResult;

function month(m: string, complete: boolean, mrr: number): SubscriptionMonth {
  return {
    month: m, start: `${m}-01`, measuredOn: `${m}-28`, complete, mrr, subscriptions: 12, customers: 10, arpa: mrr / 10, startMrr: mrr - 10,
    startCustomers: 9, movements: { new: 20, reactivation: 0, expansion: 5, contraction: 5, churned: 10 },
    newCustomers: 2, reactivatedCustomers: 0, expandedCustomers: 1, contractedCustomers: 1, churnedCustomers: 1, netNewMrr: 10,
    netRevenueChurnRate: 0.05, grossRevenueChurnRate: 0.08, netRevenueRetention: 0.95, grossRevenueRetention: 0.92, trailingNrr: 0.9,
  } as unknown as SubscriptionMonth;
}
const MRR: SubscriptionsResult = {
  asOf: '2024-06-15', currency: 'USD', currencies: [{ currency: 'USD', subscriptions: 16 }, { currency: 'EUR', subscriptions: 2 }],
  trailingMonths: 12, months: [month('2024-05', true, 171), month('2024-06', false, 220)], latest: month('2024-05', true, 171),
};

const SALES = {
  orders: 1200, customers: 300, revenue: 4_500_000, aov: 3750, repeatPurchaseRate: 0.4,
  geography: { city: { rows: [], top: { place: 'تهران', revenueShare: 0.5, customers: 150, repeatRate: 0.45 }, rest: { repeatRate: 0.35 } }, region: null },
  products: null,
  seasonality: { monthOfYear: [], weekday: [] },
  channels: null,
  tiers: [{ tier: null, customers: 10, share: 0.1, orders: 0, revenue: 0, revenueShare: 0 }, { tier: 'VIP (10+ orders)', customers: 5, share: 0.05, orders: 80, revenue: 9000, revenueShare: 0.3 }],
} as unknown as SalesResult;

/** The parts of the report store ChurnSection reads. */
function churnReport() {
  return {
    churnDays: 90, period: 'month', segmentBy: 'cohort', segmentOptions: ['cohort', 'channel'],
    churn: {
      running: false, error: null,
      value: {
        churn: {
          status: { asOf: '2024-03-31', churnDays: 90, customers: 1500, active: 700, notYetAtRisk: 300, atRisk: 1200, churned: 420, churnRate: 0.35 },
          overTime: [{ period: '2024-02', start: '2024-02-01', end: '2024-02-29', evaluatedOn: '2024-02-29', complete: true, customers: 1000, active: 600, notYetAtRisk: 100, atRisk: 900, churned: 300, churnRate: 1 / 3 }],
        },
        interpurchase: { gaps: 900, repeatCustomers: 400, meanDays: 40, p50: 30, p80: 64, p90: 90, suggestedChurnDays: 64, buckets: [{ label: '0–6', minDays: 0, maxDays: 6, gaps: 90, share: 0.1 }] },
        lifecycle: [{ period: '2024-02', start: '2024-02-01', end: '2024-02-29', complete: true, active: 600, new: 100, returning: 400, resurrected: 100, dormant: 200 }],
      },
    },
    segments: { running: false, error: null, value: { by: 'cohort', rows: [{ segment: '2024-01', customers: 100, notYetAtRisk: 0, atRisk: 100, churned: 30, churnRate: 0.3, low: 0.2, high: 0.4 }] } },
  } as unknown as ReportStore;
}

describe('analysis sections in Persian, Arabic and English', () => {
  it('RFM: headings, segment names and digits follow the language', () => {
    const target = host();
    const c = mount(RfmSection, { target, props: { result: RFM, currency: 'IRT', ondownload: () => {} } });
    flushSync();
    expect(text(target, 'h2')).toBe('RFM segments');
    expect(texts(target, '[data-testid="rfm-table"] tbody th')).toEqual([...RFM_SEGMENTS]);

    switchTo('fa');
    expect(text(target, 'h2')).toBe('بخش‌های RFM');
    const intro = text(target, 'p');
    expect(intro).toContain('تازگی، تکرار و ارزش پولی'); // glossary: recency, frequency, monetary
    expect(intro).toContain('۱٬۲۵۰ مشتری');
    expect(texts(target, '[data-testid="rfm-table"] thead th')).toEqual(['بخش', 'مشتریان', 'سهم', 'سهم از درآمد', 'میانگین روز از آخرین سفارش', 'میانگین سفارش', 'میانگین درآمد']);
    const rows = texts(target, '[data-testid="rfm-table"] tbody tr');
    expect(rows[0]).toMatch(/^قهرمانان/);
    expect(rows[0]).toMatch(PERSIAN_DIGIT);
    expect(rows[0]).not.toMatch(LATIN_DIGIT);
    expect(rows[0]).toContain('تومان');
    expect(texts(target, '[data-testid="rfm-table"] tbody th')).toContain('در معرض خطر');
    expect(text(target, '[data-testid="rfm-grid"] caption')).toBe('بخشِ هر امتیاز تازگی (R) × تکرار (F)');
    expect(text(target, '[data-testid="rfm-grid"] thead')).toContain('F۵');
    expect(text(target, '[data-testid="rfm-download"]')).toBe('دریافت CSV');
    // the option's value stays the English segment (the CSV download and the browser tests use it)
    const option = target.querySelectorAll('[data-testid="rfm-export-segment"] option')[1] as HTMLOptionElement;
    expect(option.value).toBe('Champions');
    expect(plain(option.textContent)).toBe('قهرمانان (۱۰۰)');

    switchTo('ar');
    expect(text(target, 'h2')).toBe('شرائح RFM');
    expect(texts(target, '[data-testid="rfm-table"] tbody th')[0]).toBe('الأبطال');
    expect(text(target, '[data-testid="rfm-table"] tbody tr')).toMatch(ARABIC_DIGIT);
    expect(text(target, '[data-testid="rfm-table"] thead')).toContain('الشريحة'); // glossary: segment

    switchTo('en');
    expect(text(target, 'h2')).toBe('RFM segments');
    expect(text(target, 'p')).toBe('Recency, frequency and monetary value scored 1–5 by quintile on 2024-03-20 (1,250 customers); segments from the recency × frequency grid.');
    expect(texts(target, '[data-testid="rfm-table"] thead th')).toEqual(['Segment', 'Customers', 'Share', 'Revenue share', 'Avg days since last order', 'Avg orders', 'Avg revenue']);
    expect(texts(target, '[data-testid="rfm-table"] tbody tr')[0]).toBe('Champions1008.0%5.0%101.50120 Toman');
    expect(text(target, '[data-testid="rfm-download"]')).toBe('Download CSV');
    unmount(c);
  });

  it('Churn: the window sentence, tiles and breakdown choices', () => {
    const target = host();
    const c = mount(ChurnSection, { target, props: { report: churnReport(), onwinback: () => {} } });
    flushSync();
    expect(text(target, 'h2')).toBe('Churn');
    expect(text(target, '.controls .small')).toBe('Churned: no order for 90 days (set at the top).');
    expect(text(target, '[data-testid="churn-suggested"]')).toBe('Use 64 days (80% of repeat orders come within it)');

    switchTo('fa');
    expect(text(target, 'h2')).toBe('ریزش مشتری');
    expect(text(target, '.controls .small')).toBe('مشتری ریزشی: بدون سفارش در ۹۰ روز گذشته (در بالای صفحه تنظیم می‌شود).');
    expect(text(target, '[data-testid="churn-days"]')).toBe('۹۰');
    const tiles = texts(target, '[data-testid="churn-tiles"] li');
    expect(tiles[0]).toContain('نرخ ریزش'); // glossary: churn rate
    expect(tiles[0]).toContain('۳۵٫۰٪');
    expect(tiles[0]).toContain('۴۲۰ از ۱٬۲۰۰');
    expect(tiles[1]).toContain('مشتریان فعال');
    expect(texts(target, '[data-testid="churn-segment-by"] option')).toEqual(['ماه اولین سفارش', 'کانال اولین سفارش']);
    expect(text(target, '[data-testid="winback-download"]')).toBe('دریافت فهرست بازگرداندن مشتریان (CSV)');

    switchTo('ar');
    expect(text(target, 'h2')).toBe('تسرب العملاء');
    expect(text(target, '[data-testid="churn-days"]')).toBe('٩٠');
    expect(texts(target, '[data-testid="churn-tiles"] li')[0]).toContain('معدل التسرب'); // glossary: churn rate
    expect(text(target, '[data-testid="churn-suggested"]')).toBe('استخدم ٦٤ يومًا (٨٠٪ من الطلبات المتكررة تأتي خلالها)');
    expect(texts(target, '[data-testid="churn-segment-by"] option')).toEqual(['شهر أول طلب', 'قناة أول طلب']);

    switchTo('en');
    expect(text(target, '.controls .small')).toBe('Churned: no order for 90 days (set at the top).');
    const en = texts(target, '[data-testid="churn-tiles"] li');
    expect(en[0]).toBe('Churn rate on 2024-03-31 35.0% 420 of 1,200 customers old enough to churn');
    expect(en[1]).toBe('Active customers 700 ordered in the last 90 days');
    expect(en[2]).toBe('Days between orders 30 median; 80% within 64 days');
    expect(texts(target, '[data-testid="churn-segment-by"] option')).toEqual(['month of first order', 'channel of first order']);
    unmount(c);
  });

  it('NPS: the score with its explanation in each language', () => {
    const target = host();
    const c = mount(NpsSection, { target, props: { result: NPS, period: 'month' } });
    flushSync();
    switchTo('fa');
    expect(text(target, 'h2')).toBe('رضایت مشتری (NPS و CSAT)');
    const tiles = texts(target, '[data-testid="nps-tiles"] li');
    expect(tiles[0]).toContain('امتیاز خالص مروجان'); // glossary: NPS
    expect(tiles[0]).toContain('۳۰٫۰');
    expect(tiles[0]).toContain('درصد مروجان منهای درصد منتقدان');
    expect(tiles[1]).toContain('۷۵٫۰٪');

    switchTo('ar');
    expect(text(target, 'h2')).toBe('رضا العملاء (NPS و CSAT)');
    const ar = texts(target, '[data-testid="nps-tiles"] li');
    expect(ar[0]).toContain('صافي نقاط الترويج'); // glossary: NPS
    expect(ar[0]).toContain('١٠ إجابات');

    switchTo('en');
    expect(texts(target, '[data-testid="nps-tiles"] li')).toEqual([
      'Net Promoter Score 30.0 % promoters − % detractors, 10 answers on 0–10',
      'CSAT 75.0% ratings 4–5 of 8 on 1–5',
    ]);
    unmount(c);
  });

  it('Subscriptions: MRR explained, months in the language, the running month marked', () => {
    const target = host();
    const c = mount(MrrSection, { target, props: { result: MRR } });
    flushSync();
    expect(texts(target, '[data-testid="mrr-table"] tbody th')).toEqual(['2024-05', '2024-06 (running)']);

    switchTo('fa');
    expect(text(target, 'h2')).toBe('اشتراک‌ها (MRR)');
    expect(text(target, 'p')).toContain('درآمد ماهانهٔ تکرارشونده (MRR)');
    const tiles = plain(target.querySelector('[data-testid="mrr-tiles"]')?.textContent);
    expect(tiles).toContain('نگهداری خالص درآمد'); // glossary: retention, revenue
    expect(tiles).toContain('ریزش خالص درآمد');
    const months = texts(target, '[data-testid="mrr-table"] tbody th');
    expect(months[1]).toMatch(/۲۰۲۴ \(جاری\)$/);
    expect(months.join(' ')).not.toMatch(LATIN_DIGIT);

    switchTo('ar');
    expect(text(target, 'h2')).toBe('الاشتراكات (MRR)');
    expect(text(target, 'p')).toContain('الإيرادات الشهرية المتكررة (MRR)');
    expect(texts(target, '[data-testid="mrr-table"] tbody th')[1]).toMatch(/٢٠٢٤ \(جارٍ\)$/);

    switchTo('en');
    expect(text(target, 'h2')).toBe('Subscriptions (MRR)');
    expect(text(target, 'p')).toBe("Monthly recurring revenue measured on each month's last day, in USD; the running month (to 2024-06-15) is drawn lighter and left out of the rates. Subscriptions in EUR (2) are not added in: currencies are never summed.");
    expect(texts(target, '[data-testid="mrr-table"] tbody th')).toEqual(['2024-05', '2024-06 (running)']);
    expect(plain(target.querySelector('[data-testid="mrr-tiles"]')?.textContent)).toMatch(/MRR, 2024-05\s*\$171\.00/);
    unmount(c);
  });

  it('Sales: data values isolated inside translated text, default loyalty tiers translated', () => {
    const target = host();
    const c = mount(SalesSection, { target, props: { result: SALES, currency: 'IRT', calendar: 'gregorian' } });
    flushSync();
    expect(texts(target, '[data-testid="sales-tiers"] tbody th')).toEqual(['no tier', 'VIP (10+ orders)']);
    switchTo('fa');
    expect(text(target, 'h2')).toBe('نمای فروش');
    const tiles = texts(target, '[data-testid="sales-tiles"] li');
    expect(tiles[0]).toContain('متوسط ارزش سفارش'); // glossary: AOV
    expect(tiles[1]).toContain('نرخ تکرار خرید'); // glossary: repeat rate
    const city = target.querySelectorAll('[data-testid="sales-tiles"] li .label')[2]?.textContent ?? '';
    expect(city).toBe('شهر برتر: \u2068تهران\u2069');
    expect(texts(target, '[data-testid="sales-tiers"] tbody th')).toEqual(['بدون سطح', 'ویژه (VIP، ۱۰ سفارش و بیشتر)']);
    switchTo('en');
    expect(texts(target, '[data-testid="sales-tiles"] li')[0]).toBe('Average order value 3,750 Toman 1,200 orders, 4,500,000 Toman');
    expect(texts(target, '[data-testid="sales-tiers"] tbody th')).toEqual(['no tier', 'VIP (10+ orders)']);
    unmount(c);
  });

  it('CLV: the settings form with the shared date input, and a refusal in the language', () => {
    const target = host();
    const store = new ClvStore();
    store.refusal = new TooFewRepeatBuyers('BG/NBD', 3, 20).message;
    const c = mount(ClvSection, { target, props: { store, currency: 'USD', firstDay: '2023-01-01', lastDay: '2024-03-31', onrun: () => {}, ondownload: () => {} } });
    flushSync();
    expect(text(target, 'h2')).toBe('Predicted customer lifetime value');
    const date = target.querySelector('[data-testid="clv-as-of"]') as HTMLInputElement;
    expect(date).not.toBeNull();
    expect(date.getAttribute('aria-label')).toBe('As of (end of observation)');
    expect(texts(target, '[data-testid="clv-unit"] option')).toEqual(['weeks', 'days']);

    switchTo('fa');
    expect(text(target, 'h2')).toBe('ارزش طول عمر پیش‌بینی‌شدهٔ مشتری'); // glossary: CLTV
    expect(texts(target, '[data-testid="clv-unit"] option')).toEqual(['هفته', 'روز']);
    expect(target.querySelector('[data-testid="clv-as-of"]')?.getAttribute('aria-label')).toBe('روز مبنا (پایان دورهٔ مشاهده)');
    const refusal = text(target, '[data-testid="clv-refusal"]');
    expect(refusal).toContain('مدل‌های ارزش طول عمر مشتری برازش نشدند');
    expect(refusal).toContain('۳ خریدار تکراری');
    expect(refusal).toContain('۲۰');
    expect(text(target, 'form button[type="submit"]')).toBe('برازش مدل‌ها');
    expect(text(target, 'form .muted')).toBe('مبنا: ۲۰۲۴/۰۳/۳۱، روز آخرین سفارش');

    switchTo('ar');
    expect(text(target, 'h2')).toBe('قيمة عمر العميل المتوقعة'); // glossary: CLTV
    expect(texts(target, '[data-testid="clv-unit"] option')).toEqual(['أسابيع', 'أيام']);
    expect(text(target, '[data-testid="clv-refusal"]')).toContain('٢٠ مشتريًا متكررًا');

    switchTo('en');
    expect(text(target, '[data-testid="clv-refusal"]')).toBe(`The CLV models were not fitted: ${store.refusal}`);
    expect(text(target, 'form .muted')).toBe('as of 2024-03-31, the last order day');
    expect(texts(target, 'form label').map((l) => l.trim())).toEqual(['Time unit weeksdays', 'As of (end of observation)', 'CLV horizon (months)', 'Discount per month (%)', 'Hold out last (weeks, 0 = none)']);
    unmount(c);
  });
});
