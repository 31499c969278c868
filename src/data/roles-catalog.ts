import type { Role, TargetTable } from './load/plan';

/** The roles a user can map for each table, with a plain label; required ones first. */
export const ROLES: Record<TargetTable, { role: Role; label: string; required?: boolean }[]> = {
  orders: [
    { role: 'customer_id', label: 'Customer id', required: true },
    { role: 'customer_email', label: 'Customer e-mail (used when there is no id)' },
    { role: 'ordered_at', label: 'Order date', required: true },
    { role: 'amount', label: 'Order total', required: true },
    { role: 'order_id', label: 'Order id (made up from the row when absent)' },
    { role: 'currency', label: 'Currency' },
    { role: 'status', label: 'Status' },
    { role: 'refunded_amount', label: 'Refunded amount' },
    { role: 'cancelled_at', label: 'Cancelled at' },
    { role: 'product', label: 'Product' },
    { role: 'quantity', label: 'Quantity' },
    { role: 'line_price', label: 'Line item price' },
    { role: 'channel', label: 'Channel / source' },
    { role: 'city', label: 'City' },
    { role: 'region', label: 'Region / province' },
    { role: 'country', label: 'Country' },
  ],
  responses: [
    { role: 'customer_id', label: 'Customer id', required: true },
    { role: 'customer_email', label: 'Customer e-mail (used when there is no id)' },
    { role: 'score', label: 'Score (0–10 or 1–5)', required: true },
    { role: 'responded_at', label: 'Answer date' },
    { role: 'comment', label: 'Comment' },
  ],
  customers: [
    { role: 'customer_id', label: 'Customer id', required: true },
    { role: 'customer_email', label: 'Customer e-mail (used when there is no id)' },
  ],
  subscriptions: [
    { role: 'customer_id', label: 'Customer id', required: true },
    { role: 'customer_email', label: 'Customer e-mail (used when there is no id)' },
    { role: 'started_at', label: 'Start date (or a billing period start)', required: true },
    { role: 'amount', label: 'Amount per unit and billing interval', required: true },
    { role: 'subscription_id', label: 'Subscription id' },
    { role: 'plan', label: 'Plan' },
    { role: 'status', label: 'Status' },
    { role: 'quantity', label: 'Quantity (seats)' },
    { role: 'currency', label: 'Currency' },
    { role: 'interval', label: 'Billing interval (month, year, …)' },
    { role: 'interval_count', label: 'Intervals per bill (e.g. 3 for quarterly)' },
    { role: 'trial_end', label: 'Trial end' },
    { role: 'cancelled_at', label: 'Canceled at' },
    { role: 'cancel_at_period_end', label: 'Cancel at period end (true/false)' },
    { role: 'ended_at', label: 'Ended at' },
    { role: 'period_start', label: 'Billing period start' },
    { role: 'period_end', label: 'Billing period end' },
  ],
};

export const TABLE_LABELS: Record<TargetTable, string> = {
  orders: 'Orders',
  responses: 'Survey answers (NPS / CSAT)',
  customers: 'Customer attributes',
  subscriptions: 'Subscriptions (MRR)',
};
