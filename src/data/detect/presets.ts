/**
 * Known export layouts, recognised by their header signature, each with a fixed column mapping
 * and what the loader has to know about it (line items, lower-case currencies, …).
 * `persian`, `arabic` and `generic` have no fixed layout: their mapping comes from the synonyms.
 */
import { normaliseHeader } from './headers';
import type { Role, TableKind } from './synonyms';
import { parseDate } from './dates';
import { parseAmount } from './numbers';

export type PresetId = 'shopify' | 'woocommerce' | 'stripe' | 'cdnow' | 'persian' | 'arabic' | 'generic';

export interface PresetDef {
  id: PresetId;
  /** Variant name shown to the user (e.g. "WooCommerce Analytics → Orders"). */
  label: string;
  table: Exclude<TableKind, 'unknown'>;
  /** Groups of alternative header names; the share of groups present must reach `threshold`. */
  signature: string[][];
  threshold: number;
  /** Candidate headers per role, first present wins. */
  mapping: Partial<Record<Role, string[]>>;
  /** The export has one row per line item (order totals on the first row of each order). */
  lineItems?: boolean;
  /** Prefer the e-mail over `customer_id` as the customer key. */
  preferEmail?: boolean;
  notes: string[];
}

export const PRESETS: PresetDef[] = [
  {
    id: 'shopify', label: 'Shopify → Export orders', table: 'orders', threshold: 0.85, lineItems: true,
    signature: [['Name'], ['Email'], ['Financial Status'], ['Created at'], ['Lineitem name'], ['Lineitem quantity'],
      ['Total'], ['Currency'], ['Paid at', 'Fulfillment Status']],
    mapping: {
      order_id: ['Name'], customer_email: ['Email'], ordered_at: ['Created at'], amount: ['Total'], currency: ['Currency'],
      status: ['Financial Status'], refunded_amount: ['Refunded Amount'], cancelled_at: ['Cancelled at'],
      product: ['Lineitem name'], quantity: ['Lineitem quantity'], line_price: ['Lineitem price'], channel: ['Source'],
      city: ['Billing City', 'Shipping City'], region: ['Billing Province', 'Shipping Province'],
      country: ['Billing Country', 'Shipping Country'],
    },
    notes: [
      'One row per line item: order totals, status and currency are only on the first row of each order.',
      'Shopify exports have no customer id: customers are keyed by e-mail (lower-cased).',
    ],
  },
  {
    id: 'woocommerce', label: 'WooCommerce Analytics → Orders', table: 'orders', threshold: 0.75,
    signature: [['Date'], ['Order #'], ['Status'], ['Customer'], ['Customer type'], ['Product(s)'], ['Items sold'],
      ['Coupon(s)'], ['Net sales']],
    mapping: {
      order_id: ['Order #'], customer_id: ['Customer'], ordered_at: ['Date'], amount: ['Net sales'], status: ['Status'],
      product: ['Product(s)'], quantity: ['Items sold'], channel: ['Attribution'],
    },
    notes: [
      'The "Customer" column holds the customer\'s name: customers with the same name are merged.',
      'Refunded orders appear twice (the order and, on the refund date, a row with a negative net sales figure).',
      '"Product(s)" lists all products of the order ("2× Mug, 1× Tea"); the first is used as the product.',
    ],
  },
  {
    id: 'woocommerce', label: 'WooCommerce order export (plugin)', table: 'orders', threshold: 0.8, preferEmail: true,
    signature: [['Order Total', 'order_total'], ['Order Date', 'order_date'], ['Order Number', 'Order ID', 'order_number', 'order_id'],
      ['Order Currency', 'Billing Email', 'Customer User ID', 'customer_user', 'customer_email'], ['Order Status', 'status']],
    mapping: {
      order_id: ['Order Number', 'order_number', 'Order ID', 'order_id'],
      customer_id: ['Customer User ID', 'customer_user', 'Customer ID', 'customer_id'],
      customer_email: ['Billing Email', 'billing_email', 'Customer Email', 'customer_email'],
      ordered_at: ['Order Date', 'order_date'], amount: ['Order Total', 'order_total', 'Order Total Amount'],
      currency: ['Order Currency', 'order_currency'], status: ['Order Status', 'status'],
      refunded_amount: ['Order Refund Amount', 'refund_total', 'Refunded Total', 'order_refund'],
      product: ['Item Name', 'item_name', 'Product Name', 'line_item_name'], quantity: ['Item Quantity', 'item_quantity', 'Quantity'],
      channel: ['Order Source', 'created_via'], city: ['Billing City', 'billing_city'], region: ['Billing State', 'billing_state'],
      country: ['Billing Country', 'billing_country'],
    },
    notes: ['Guest orders have customer user id 0: customers are keyed by billing e-mail when one is present.'],
  },
  {
    id: 'stripe', label: 'Stripe → Payments export', table: 'orders', threshold: 0.85,
    signature: [['id'], ['Created (UTC)', 'Created date (UTC)', 'Created'], ['Amount'], ['Amount Refunded'], ['Currency'],
      ['Status'], ['Customer ID', 'Customer Email'], ['Captured', 'Seller Message', 'Converted Amount', 'Fee']],
    mapping: {
      order_id: ['id'], customer_id: ['Customer ID'], customer_email: ['Customer Email'],
      ordered_at: ['Created (UTC)', 'Created date (UTC)', 'Created'], amount: ['Amount'], refunded_amount: ['Amount Refunded'],
      currency: ['Currency'], status: ['Status'], product: ['Description'], city: ['Card Address City'],
      region: ['Card Address State'], country: ['Card Address Country'],
    },
    notes: [
      'Times are UTC.',
      'Currency codes are lower-case (usd): upper-case them.',
      'Rows with Status "Failed" (or Captured = false) moved no money and should be left out.',
    ],
  },
  {
    id: 'stripe', label: 'Stripe → Subscriptions export', table: 'subscriptions', threshold: 0.85,
    signature: [['id'], ['Customer ID', 'Customer Email'], ['Plan', 'Product', 'Price'], ['Status'],
      ['Created (UTC)', 'Created date (UTC)', 'Start (UTC)', 'Start Date (UTC)'], ['Current Period Start (UTC)'],
      ['Current Period End (UTC)', 'Canceled At (UTC)', 'Ended At (UTC)', 'Interval']],
    mapping: {
      subscription_id: ['id'], customer_id: ['Customer ID'], customer_email: ['Customer Email'],
      started_at: ['Start (UTC)', 'Start Date (UTC)', 'Created (UTC)', 'Created date (UTC)'],
      period_start: ['Current Period Start (UTC)'], period_end: ['Current Period End (UTC)'],
      cancelled_at: ['Canceled At (UTC)'], ended_at: ['Ended At (UTC)'], plan: ['Plan', 'Product', 'Price'],
      status: ['Status'], quantity: ['Quantity'], interval: ['Interval'], interval_count: ['Interval Count'], amount: ['Amount'],
      currency: ['Currency'], trial_end: ['Trial End (UTC)'], cancel_at_period_end: ['Cancel At Period End'],
    },
    notes: [
      'Times are UTC; days are read as the UTC day.',
      'One row per subscription, Amount per unit and billing interval in currency units (29.00): MRR = Amount × Quantity per month.',
      'Currency codes are lower-case (usd): upper-case them.',
    ],
  },
  {
    id: 'cdnow', label: 'CDNOW transactions', table: 'orders', threshold: 1,
    signature: [['customer_id'], ['date'], ['number_of_cds'], ['dollar_value']],
    mapping: { customer_id: ['customer_id'], ordered_at: ['date'], quantity: ['number_of_cds'], amount: ['dollar_value'] },
    notes: ['No order id: the loader numbers the rows.', 'Amounts are US dollars.'],
  },
];

export interface PresetMatch {
  preset: PresetDef;
  /** Share of signature groups present (0–1). */
  score: number;
  /** Role → the header (as written in the file) it maps to. */
  columns: Partial<Record<Role, string>>;
}

/** The best preset whose signature the headers meet, or null. */
export function matchPreset(headers: string[]): PresetMatch | null {
  const byNorm = new Map<string, string>();
  for (const h of headers) if (!byNorm.has(normaliseHeader(h))) byNorm.set(normaliseHeader(h), h);
  const find = (names: string[]) => names.map((n) => byNorm.get(normaliseHeader(n))).find((h) => h !== undefined);
  let best: PresetMatch | null = null;
  for (const preset of PRESETS) {
    const score = preset.signature.filter((g) => find(g) !== undefined).length / preset.signature.length;
    if (score < preset.threshold || (best && score <= best.score)) continue;
    const columns: Partial<Record<Role, string>> = {};
    for (const [role, names] of Object.entries(preset.mapping) as [Role, string[]][]) {
      const h = find(names);
      if (h !== undefined) columns[role] = h;
    }
    best = { preset, score, columns };
  }
  return best;
}

/**
 * Headerless CDNOW-style rows: 4 or 5 numeric columns `[id] [sample id] yyyymmdd count dollars`.
 * Returns the mapping onto `column_N` names, or null.
 */
export function matchCdnowHeaderless(headers: string[], rows: string[][]): PresetMatch | null {
  const n = headers.length;
  if ((n !== 4 && n !== 5) || !headers.every((h, i) => h === `column_${i + 1}`)) return null;
  const data = rows.filter((r) => r.length === n);
  if (data.length === 0 || data.length < rows.length * 0.9) return null;
  const dateCol = n - 3;
  const ok = data.every((r) => r.every((c) => parseAmount(c) != null) && parseDate(r[dateCol], 'ymd-compact') != null);
  if (!ok) return null;
  const preset = PRESETS.find((p) => p.id === 'cdnow')!;
  const columns: Partial<Record<Role, string>> = {
    customer_id: 'column_1', ordered_at: headers[dateCol], quantity: headers[dateCol + 1], amount: headers[n - 1],
  };
  return { preset, score: 1, columns };
}
