import { describe, expect, it } from 'vitest';
import { matchCdnowHeaderless, matchPreset, PRESETS } from '../../../src/data/detect/presets';

describe('matchPreset', () => {
  it('WooCommerce Analytics orders export', () => {
    const m = matchPreset(['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Product(s)', 'Items sold', 'Coupon(s)', 'Net sales', 'Attribution']);
    expect(m?.preset.id).toBe('woocommerce');
    expect(m?.preset.label).toBe('WooCommerce Analytics → Orders');
    expect(m?.columns).toEqual({
      order_id: 'Order #', customer_id: 'Customer', ordered_at: 'Date', amount: 'Net sales', status: 'Status',
      product: 'Product(s)', quantity: 'Items sold', channel: 'Attribution',
    });
  });
  it('WooCommerce analytics without the newer Attribution column still matches', () => {
    expect(matchPreset(['Date', 'Order #', 'Status', 'Customer', 'Customer type', 'Product(s)', 'Items sold', 'Coupon(s)', 'Net sales'])?.preset.id).toBe('woocommerce');
  });
  it('WooCommerce order export plugin (snake case and titled)', () => {
    const snake = matchPreset(['order_id', 'order_number', 'order_date', 'status', 'order_total', 'order_currency', 'billing_email', 'customer_user']);
    expect(snake?.preset.label).toBe('WooCommerce order export (plugin)');
    expect(snake?.columns).toMatchObject({ order_id: 'order_number', customer_id: 'customer_user', customer_email: 'billing_email', amount: 'order_total', currency: 'order_currency' });
    const titled = matchPreset(['Order ID', 'Order Date', 'Order Status', 'Customer User ID', 'Billing Email', 'Order Total', 'Order Currency']);
    expect(titled?.columns).toMatchObject({ order_id: 'Order ID', ordered_at: 'Order Date', status: 'Order Status', customer_id: 'Customer User ID' });
    expect(titled?.preset.preferEmail).toBe(true);
  });
  it('Stripe payments, old and new "Created" header', () => {
    const base = ['id', 'Description', 'Amount', 'Amount Refunded', 'Currency', 'Status', 'Customer ID', 'Customer Email', 'Captured'];
    expect(matchPreset([...base, 'Created (UTC)'])?.columns.ordered_at).toBe('Created (UTC)');
    expect(matchPreset([...base, 'Created date (UTC)'])?.columns.ordered_at).toBe('Created date (UTC)');
    expect(matchPreset([...base, 'Created date (UTC)'])?.preset.table).toBe('orders');
  });
  it('Stripe subscriptions', () => {
    const m = matchPreset(['id', 'Customer ID', 'Customer Name', 'Plan', 'Quantity', 'Interval', 'Amount', 'Status', 'Created (UTC)',
      'Start (UTC)', 'Current Period Start (UTC)', 'Current Period End (UTC)', 'Canceled At (UTC)', 'Ended At (UTC)']);
    expect(m?.preset).toMatchObject({ id: 'stripe', table: 'subscriptions' });
    expect(m?.columns).toMatchObject({ subscription_id: 'id', customer_id: 'Customer ID', started_at: 'Start (UTC)',
      period_start: 'Current Period Start (UTC)', cancelled_at: 'Canceled At (UTC)', plan: 'Plan', interval: 'Interval' });
  });
  it('CDNOW master header', () => {
    expect(matchPreset(['customer_id', 'date', 'number_of_cds', 'dollar_value'])?.columns).toEqual({
      customer_id: 'customer_id', ordered_at: 'date', quantity: 'number_of_cds', amount: 'dollar_value',
    });
  });
  it('generic headers match no preset', () => {
    expect(matchPreset(['order_id', 'customer_id', 'order_date', 'amount'])).toBeNull();
    expect(matchPreset([])).toBeNull();
  });
  it('every preset maps at least one role per signature table', () => {
    for (const p of PRESETS) expect(Object.keys(p.mapping).length).toBeGreaterThan(2);
  });
});

describe('matchCdnowHeaderless', () => {
  const h5 = ['column_1', 'column_2', 'column_3', 'column_4', 'column_5'];
  it('5 columns: id, sample id, date, count, dollars', () => {
    const m = matchCdnowHeaderless(h5, [['00004', '0001', '19970101', '2', '29.33'], ['00004', '0001', '19970118', '2', '29.73']]);
    expect(m?.columns).toEqual({ customer_id: 'column_1', ordered_at: 'column_3', quantity: 'column_4', amount: 'column_5' });
  });
  it('4 columns: id, date, count, dollars', () => {
    const m = matchCdnowHeaderless(h5.slice(0, 4), [['00001', '19970101', '1', '11.77']]);
    expect(m?.columns).toEqual({ customer_id: 'column_1', ordered_at: 'column_2', quantity: 'column_3', amount: 'column_4' });
  });
  it('not for named headers, text values or non-dates', () => {
    expect(matchCdnowHeaderless(['a', 'b', 'c', 'd'], [['1', '19970101', '1', '2']])).toBeNull();
    expect(matchCdnowHeaderless(h5.slice(0, 4), [['x', '19970101', '1', '2']])).toBeNull();
    expect(matchCdnowHeaderless(h5.slice(0, 4), [['1', '19971399', '1', '2']])).toBeNull();
    expect(matchCdnowHeaderless(h5.slice(0, 4), [])).toBeNull();
  });
});
