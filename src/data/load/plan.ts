/**
 * A load plan: everything decided about a file before the heavy work runs — how to read it
 * (format, encoding, delimiter, header) and what its columns mean (table, mapping, date and
 * amount conventions). The app shows it as the preview/mapping step; the user may correct it.
 * Plain data, so it can be saved per header signature and sent to a worker.
 */
export type SourceFormat = 'csv' | 'csv-gzip' | 'whitespace' | 'json' | 'ndjson' | 'parquet';
export type TargetTable = 'orders' | 'responses' | 'customers' | 'subscriptions';

export type OrderRole =
  | 'order_id'
  | 'customer_id'
  | 'customer_email'
  | 'ordered_at'
  | 'amount'
  | 'currency'
  | 'status'
  | 'refunded_amount'
  | 'cancelled_at'
  | 'product'
  | 'quantity'
  | 'line_price'
  | 'channel'
  | 'city'
  | 'region'
  | 'country';
export type ResponseRole = 'customer_id' | 'customer_email' | 'responded_at' | 'score' | 'comment';
export type SubscriptionRole =
  | 'subscription_id' | 'customer_id' | 'customer_email' | 'plan' | 'status' | 'quantity' | 'amount' | 'currency'
  | 'interval' | 'interval_count' | 'started_at' | 'trial_end' | 'cancelled_at' | 'cancel_at_period_end' | 'ended_at'
  | 'period_start' | 'period_end';
export type Role = OrderRole | ResponseRole | SubscriptionRole;

export type DateOrder = 'ymd' | 'ymd-compact' | 'dmy' | 'mdy' | 'epoch-s' | 'epoch-ms';

export interface DateConvention {
  format: DateOrder;
  calendar: 'gregorian' | 'jalali';
}

export type AmountStyle = 'dot-decimal' | 'comma-decimal';

/**
 * What happens to refunds and cancellations (shown to the user in the load report):
 * - `net` (default): revenue = total − refunded; cancelled orders and orders refunded in full
 *   (net ≤ 0) do not count as orders.
 * - `exclude`: any order with a refund or a cancellation is left out; the others count in full.
 */
export type RefundRule = 'net' | 'exclude';

export interface ReadPlan {
  format: SourceFormat;
  encoding: string;
  delimiter: string;
  hasHeader: boolean;
  /** Column names as the loader will create them (unique, trimmed). */
  columns: string[];
}

export interface LoadPlan {
  /** Name shown to the user and used in `load_rejects.file`. */
  fileName: string;
  read: ReadPlan;
  table: TargetTable;
  preset: string | null;
  /** role → column name (one of read.columns) or null when absent. */
  mapping: Partial<Record<Role, string | null>>;
  date: DateConvention;
  amountStyle: AmountStyle;
  /** Currency when the file has no currency column (e.g. read from a header "مبلغ (تومان)"). */
  currency: string | null;
  /** One row per line item, order totals on the order's first row (Shopify "Export orders"). */
  lineItems: boolean;
}

export interface LoadSettings {
  refundRule: RefundRule;
  /** Analyse this currency; orders in other currencies are set aside, never summed with it.
   *  null = the currency with the most orders. */
  currency: string | null;
}

export const DEFAULT_SETTINGS: LoadSettings = { refundRule: 'net', currency: null };
