import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { detectTable } from '../../../src/data/detect/roles';
import { sniffCsv } from '../../../src/data/detect/sniff';
import { ALL_ROLES, ROLE_RULES } from '../../../src/data/detect/synonyms';

const mapped = (m: Record<string, string | null>) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== null));
const DATA = new URL('../../../../shared/datasets/', import.meta.url);
const real = (path: string) => sniffCsv(readFileSync(new URL(path, DATA), 'utf8').slice(0, 65536));

describe('detectTable: real exports', () => {
  it('Shopify orders_export_1.csv', () => {
    const s = real('shopify/orders_export_1.csv');
    const t = detectTable(s.headers, s.rows);
    expect(t).toMatchObject({ table: 'orders', preset: 'shopify', presetLabel: 'Shopify → Export orders', lineItems: true,
      customerKey: 'customer_email', confidence: 1, missing: [] });
    expect(mapped(t.mapping)).toEqual({
      order_id: 'Name', customer_email: 'Email', ordered_at: 'Created at', amount: 'Total', currency: 'Currency',
      status: 'Financial Status', refunded_amount: 'Refunded Amount', cancelled_at: 'Cancelled at', product: 'Lineitem name',
      quantity: 'Lineitem quantity', line_price: 'Lineitem price', channel: 'Source', city: 'Billing City',
      region: 'Billing Province', country: 'Billing Country',
    });
    expect(t.currency).toBeUndefined(); // there is a Currency column
    expect(t.dateFormats.ordered_at).toMatchObject({ format: 'ymd', hasTime: true, hasOffset: true, calendar: 'gregorian' });
    expect(t.amountStyles.amount).toBe('dot-decimal');
  });
  it('CDNOW sample (headerless, whitespace) and master (header)', () => {
    const sample = real('cdnow/CDNOW_sample.txt');
    const a = detectTable(sample.headers, sample.rows);
    expect(a).toMatchObject({ table: 'orders', preset: 'cdnow', customerKey: 'customer_id', currency: 'USD', missing: [] });
    expect(mapped(a.mapping)).toEqual({ customer_id: 'column_1', ordered_at: 'column_3', quantity: 'column_4', amount: 'column_5' });
    expect(a.dateFormats.ordered_at?.format).toBe('ymd-compact');
    const master = real('cdnow/CDNOW_master.txt');
    const b = detectTable(master.headers, master.rows);
    expect(b).toMatchObject({ table: 'orders', preset: 'cdnow', missing: [] });
    expect(mapped(b.mapping)).toEqual({ customer_id: 'customer_id', ordered_at: 'date', quantity: 'number_of_cds', amount: 'dollar_value' });
    expect(b.mapping.order_id).toBeNull();
  });
  it('CDNOW customer summaries are not orders', () => {
    const s = real('cdnow/cdnow_customers_summary.csv');
    expect(detectTable(s.headers, s.rows)).toMatchObject({ table: 'unknown', preset: null, confidence: 0 });
  });
});

describe('detectTable: generic headers', () => {
  it.each([
    [['orderId', 'customerId', 'createdAt', 'total'], { order_id: 'orderId', customer_id: 'customerId', ordered_at: 'createdAt', amount: 'total' }],
    [['Order Number', 'Client ID', 'Purchase Date', 'Revenue'], { order_id: 'Order Number', customer_id: 'Client ID', ordered_at: 'Purchase Date', amount: 'Revenue' }],
    [['invoice', 'user_id', 'timestamp', 'value'], { order_id: 'invoice', customer_id: 'user_id', ordered_at: 'timestamp', amount: 'value' }],
    [['ORDER_ID', 'EMAIL', 'DATE', 'SALES'], { order_id: 'ORDER_ID', customer_email: 'EMAIL', ordered_at: 'DATE', amount: 'SALES' }],
  ])('%j', (headers, expected) => {
    const email = headers.includes('EMAIL');
    const row = ['1', email ? 'a@b.co' : 'C1', '2024-01-01', '10.00'];
    const t = detectTable(headers, [row, row]);
    expect(t).toMatchObject({ table: 'orders', preset: 'generic', missing: [] });
    expect(mapped(t.mapping)).toEqual(expected);
    expect(t.customerKey).toBe(email ? 'customer_email' : 'customer_id');
  });
  it('all optional roles', () => {
    const headers = ['order_id', 'customer_id', 'email', 'order_date', 'total', 'price', 'currency', 'status', 'refund_amount',
      'cancelled_at', 'sku', 'qty', 'utm_source', 'city', 'state', 'country'];
    const row = ['1', 'C1', 'a@b.co', '2024-01-01', '20.00', '10.00', 'USD', 'paid', '0', '', 'MUG', '2', 'google', 'Austin', 'TX', 'US'];
    expect(mapped(detectTable(headers, [row]).mapping)).toEqual({
      order_id: 'order_id', customer_id: 'customer_id', customer_email: 'email', ordered_at: 'order_date', amount: 'total',
      line_price: 'price', currency: 'currency', status: 'status', refunded_amount: 'refund_amount', cancelled_at: 'cancelled_at',
      product: 'sku', quantity: 'qty', channel: 'utm_source', city: 'city', region: 'state', country: 'country',
    });
  });
  it('"price" alone is the amount; discount/tax/refund columns are never the amount', () => {
    expect(detectTable(['customer', 'date', 'price'], [['C1', '2024-01-01', '5.00']]).mapping.amount).toBe('price');
    const t = detectTable(['customer', 'date', 'discount_amount', 'tax_total', 'order_total'], [['C1', '2024-01-01', '1', '2', '30']]);
    expect(t.mapping.amount).toBe('order_total');
  });
  it('values veto a header: a "date" column of words is not the order date', () => {
    const t = detectTable(['customer', 'date', 'created_at', 'amount'], [['C1', 'Monday', '2024-01-01', '5'], ['C2', 'Tuesday', '2024-01-02', '6']]);
    expect(t.mapping.ordered_at).toBe('created_at');
  });
  it('missing roles and currency from the header', () => {
    const t = detectTable(['order_id', 'order_date', 'Amount (USD)'], [['1', '2024-01-01', '5']]);
    expect(t).toMatchObject({ table: 'orders', missing: ['customer_id'], currency: 'USD', customerKey: null });
  });
  it('currency from symbols in the amounts', () => {
    const t = detectTable(['customer', 'date', 'amount'], [['C1', '2024-01-01', '€ 9,99'], ['C2', '2024-01-02', '€ 12,00']]);
    expect(t).toMatchObject({ currency: 'EUR', amountStyles: { amount: 'comma-decimal' } });
  });
  it('ambiguous day/month gets a note', () => {
    const t = detectTable(['customer', 'date', 'amount'], [['C1', '01/02/2024', '5']]);
    expect(t.dateFormats.ordered_at).toMatchObject({ format: 'mdy', ambiguous: true });
    expect(t.notes.join(' ')).toMatch(/day and month order/);
  });
  it('headerless rows: roles guessed from values with low confidence', () => {
    const t = detectTable(['column_1', 'column_2', 'column_3'], [['a@b.co', '2024-01-01', '10.50'], ['c@d.co', '2024-01-02', '7.25']]);
    expect(t).toMatchObject({ table: 'orders', customerKey: 'customer_email', missing: [] });
    expect(mapped(t.mapping)).toEqual({ customer_email: 'column_1', ordered_at: 'column_2', amount: 'column_3' });
    expect(t.confidence).toBeLessThan(0.5);
    expect(t.notes.some((n) => n.includes('guessed'))).toBe(true);
  });
  it('unknown table', () => {
    expect(detectTable(['foo', 'bar'], [['1', '2']])).toMatchObject({ table: 'unknown', preset: null, confidence: 0, missing: ['customer_id', 'ordered_at', 'amount'] });
    expect(detectTable([], [])).toMatchObject({ table: 'unknown' });
  });
});

describe('detectTable: responses, customers, subscriptions', () => {
  it('survey responses', () => {
    const t = detectTable(['customer_id', 'responded_at', 'score', 'comment'], [['C1', '2024-05-01 10:00', '9', 'ok']]);
    expect(t).toMatchObject({ table: 'responses', missing: [] });
    expect(mapped(t.mapping)).toEqual({ customer_id: 'customer_id', responded_at: 'responded_at', score: 'score', comment: 'comment' });
  });
  it('Persian survey', () => {
    const t = detectTable(['کد مشتری', 'تاریخ نظرسنجی', 'امتیاز', 'نظر'], [['۵۰۱', '۱۴۰۳/۰۲/۰۱', '۹', 'خوب']]);
    expect(t).toMatchObject({ table: 'responses', preset: 'persian', missing: [] });
    expect(t.dateFormats.responded_at?.calendar).toBe('jalali');
  });
  it('customers with attributes', () => {
    const t = detectTable(['customer_id', 'age', 'gender', 'city', 'platform', 'signup_channel'], [['C1', '34', 'f', 'Tehran', 'ios', 'instagram']]);
    expect(t).toMatchObject({ table: 'customers', missing: [] });
    expect(mapped(t.mapping)).toEqual({ customer_id: 'customer_id', age: 'age', gender: 'gender', city: 'city', platform: 'platform', signup_channel: 'signup_channel' });
    const fa = detectTable(['کد مشتری', 'سن', 'جنسیت', 'پلتفرم'], [['۵۰۱', '۳۴', 'زن', 'اندروید']]);
    expect(fa).toMatchObject({ table: 'customers', preset: 'persian' });
  });
  it('Stripe subscriptions', () => {
    const headers = ['id', 'Customer ID', 'Plan', 'Status', 'Created (UTC)', 'Current Period Start (UTC)', 'Canceled At (UTC)', 'Quantity', 'Interval', 'Amount'];
    const t = detectTable(headers, [['sub_1', 'cus_1', 'pro', 'active', '2024-01-01 10:00:00', '2024-02-01 10:00:00', '', '1', 'month', '20.00']]);
    expect(t).toMatchObject({ table: 'subscriptions', preset: 'stripe', missing: [] });
    expect(t.mapping).toMatchObject({ subscription_id: 'id', started_at: 'Created (UTC)', cancelled_at: 'Canceled At (UTC)', interval: 'Interval' });
  });
});

describe('detectTable: Persian and Arabic headers', () => {
  it('Persian header variants (Arabic kaf/yeh typed, ZWNJ, ریال)', () => {
    const t = detectTable(['كد سفارش', 'شناسه\u200cمشتری', 'تاريخ', 'مبلغ (ریال)', 'نام کالا', 'استان', 'کشور', 'کانال', 'مبلغ مسترد'],
      [['۱', '۲', '۱۴۰۲/۰۱/۰۱', '۱۰٬۰۰۰', 'کتاب', 'تهران', 'ایران', 'اینستاگرام', '۰']]);
    expect(t).toMatchObject({ table: 'orders', preset: 'persian', currency: 'IRR', missing: [] });
    expect(mapped(t.mapping)).toEqual({ order_id: 'كد سفارش', customer_id: 'شناسه\u200cمشتری', ordered_at: 'تاريخ', amount: 'مبلغ (ریال)',
      product: 'نام کالا', region: 'استان', country: 'کشور', channel: 'کانال', refunded_amount: 'مبلغ مسترد' });
  });
  it('Arabic headers', () => {
    const t = detectTable(['رقم الطلب', 'معرف العميل', 'التاريخ', 'الإجمالي', 'العملة', 'المنتج', 'الكمية', 'القناة', 'المنطقة', 'الدولة'],
      [['1', 'K1', '2024-01-01', '10', 'SAR', 'x', '1', 'web', 'الرياض', 'SA']]);
    expect(t).toMatchObject({ table: 'orders', preset: 'arabic', missing: [] });
    expect(mapped(t.mapping)).toEqual({ order_id: 'رقم الطلب', customer_id: 'معرف العميل', ordered_at: 'التاريخ', amount: 'الإجمالي',
      currency: 'العملة', product: 'المنتج', quantity: 'الكمية', channel: 'القناة', region: 'المنطقة', country: 'الدولة' });
  });
});

describe('synonym tables', () => {
  it('every role has a rule and no exact word is listed twice for one role', () => {
    for (const role of ALL_ROLES) {
      const r = ROLE_RULES[role];
      expect(r.exact.length).toBeGreaterThan(0);
      expect(new Set(r.exact).size, role).toBe(r.exact.length);
    }
  });
});
