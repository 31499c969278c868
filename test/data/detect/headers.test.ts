import { describe, expect, it } from 'vitest';
import { currencyFromText, headerScript, headerSignature, normaliseHeader } from '../../../src/data/detect/headers';

describe('normaliseHeader', () => {
  it('snake, camel and spaced English variants normalise alike', () => {
    for (const h of ['customer_id', 'customerId', 'Customer ID', ' CUSTOMER-ID ', 'customer.id']) expect(normaliseHeader(h)).toBe('customerid');
    expect(normaliseHeader('Order #')).toBe('order');
    expect(normaliseHeader('Product(s)')).toBe('products');
    expect(normaliseHeader('Created (UTC)')).toBe('createdutc');
  });
  it('Persian/Arabic letter variants, ZWNJ, diacritics, tatweel and digits', () => {
    expect(normaliseHeader('مبلغ (تومان)')).toBe('مبلغتومان');
    expect(normaliseHeader('کد مشتری')).toBe(normaliseHeader('كد مشتري')); // Persian vs Arabic kaf/yeh
    expect(normaliseHeader('رقم العميل')).toBe('رقمالعمیل');
    expect(normaliseHeader('المدينة')).toBe('المدینه');
    expect(normaliseHeader('الإجمالي')).toBe('الاجمالی');
    expect(normaliseHeader('کتاب\u200cها')).toBe('کتابها');
    expect(normaliseHeader('تـاريـخ')).toBe(normaliseHeader('تاریخ'));
    expect(normaliseHeader('مَبلَغ')).toBe('مبلغ');
    expect(normaliseHeader('ستون ۱')).toBe('ستون1');
  });
});

describe('headerSignature', () => {
  it('is stable and ignores order, case and spacing', () => {
    const a = headerSignature(['Order ID', 'Customer', 'Total']);
    expect(a).toMatch(/^3-[0-9a-f]{8}$/);
    expect(headerSignature(['total', 'order_id', 'customer'])).toBe(a);
    expect(headerSignature(['Order ID', 'Customer', 'Total', 'Extra'])).not.toBe(a);
    expect(headerSignature(['Name', 'Email'])).toBe(headerSignature(['Name', 'Email']));
  });
  it('known value (guards against accidental changes: saved mappings are keyed by it)', () => {
    expect(headerSignature(['a'])).toBe('1-e40c292c');
  });
});

describe('headerScript', () => {
  it('tells Persian from Arabic from Latin', () => {
    expect(headerScript(['شماره سفارش', 'کد مشتری', 'مبلغ (تومان)'])).toBe('fa');
    expect(headerScript(['رقم الطلب', 'رقم العميل', 'المبلغ'])).toBe('ar');
    expect(headerScript(['order_id', 'amount'])).toBe('latin');
  });
});

describe('currencyFromText', () => {
  it.each([
    ['مبلغ (تومان)', 'fa', 'IRT'], ['مبلغ (ریال)', 'fa', 'IRR'], ['Amount (Rial)', 'latin', 'IRR'], ['ريال', 'fa', 'IRR'],
    ['المبلغ (ريال)', 'ar', 'SAR'], ['Total (USD)', 'latin', 'USD'], ['Amount EUR', 'latin', 'EUR'], ['usd', 'latin', 'USD'],
    ['$12.00', 'latin', 'USD'], ['€ 9,99', 'latin', 'EUR'], ['£5', 'latin', 'GBP'], ['₹ 1,299.00', 'latin', 'INR'],
    ['Rs. 450', 'latin', 'INR'], ['100 درهم', 'ar', 'AED'], ['250 ﷼', 'fa', 'IRR'],
    ['Total', 'latin', null], ['Try again', 'latin', null], ['Country', 'latin', null], ['12.50', 'latin', null],
  ] as const)('%j (%s) → %s', (s, lang, iso) => {
    expect(currencyFromText(s, lang)).toBe(iso);
  });
});
