import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { hasOrderLines, requireColumn, tableColumns, type Known } from './columns';
import { LATEST_ORDER_DAY, type AnalysisBase } from './base';
import { resolveOptions, type AnalysisOptions } from './options';
import { ratio } from './ratio';
import { extraColumn, scopeCtes } from './scope';

/**
 * Best sellers over the orders of the reporting window. Source: `order_lines` when it has rows
 * (lines of orders that are in `orders`, so refunded orders drop out), else `orders.product`
 * (the order's first product, revenue = the whole order). A repeat buyer of a product bought it
 * in at least two different orders.
 */
export type ProductSource = 'order_lines' | 'orders';

export interface ProductRow {
  product: string | null;
  revenue: number;
  /** null when the source has no quantities */
  quantity: number | null;
  orders: number;
  customers: number;
  repeatBuyers: number;
  repeatBuyerRate: number | null;
}

export interface ProductsResult {
  source: ProductSource;
  byRevenue: ProductRow[];
  byRepeatBuyers: ProductRow[];
}

/** With `base` (optional) the cut-off and the window's first day come from the shared tables. */
export function productsSql(options: Partial<AnalysisOptions> & { source: ProductSource; hasQuantity?: boolean }, base?: AnalysisBase): string {
  const o = resolveOptions(options);
  const lines = options.source === 'order_lines';
  const extras = lines ? [] : ['product', ...(options.hasQuantity ? ['quantity'] : [])];
  // src: every candidate item (all lines, or the window's orders); items: the ones that count.
  const src = lines
    ? `SELECT l.customer_id, l.order_id, NULLIF(CAST(l.product AS VARCHAR), '') AS product, CAST(l.quantity AS DOUBLE) AS quantity,
         COALESCE(CAST(l.line_amount AS DOUBLE), 0) AS revenue
       FROM order_lines l`
    : `SELECT customer_id, order_id, NULLIF(CAST(${extraColumn('product')} AS VARCHAR), '') AS product,
         ${options.hasQuantity ? `CAST(${extraColumn('quantity')} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)'} AS quantity, amount AS revenue
       FROM wo`;
  const counted = (rel: string) => (lines ? `${rel} SEMI JOIN wo ON wo.order_id = ${rel.split(' ').pop()}.order_id` : rel);
  // Orders per (product, customer) = distinct order ids: distinct (product, customer, order) first.
  return `WITH ${scopeCtes(o, extras, LATEST_ORDER_DAY, { base })},
  wo AS NOT MATERIALIZED (SELECT ord.* FROM ord, win WHERE ord.day BETWEEN win.from_day AND win.to_day),
  src AS NOT MATERIALIZED (${src}),
  po AS (SELECT product, customer_id, order_id, sum(revenue) AS revenue, sum(quantity) AS quantity FROM ${counted('src i')} GROUP BY ALL),
  pc AS (SELECT product, customer_id, count(order_id) AS orders, sum(revenue) AS revenue, sum(quantity) AS quantity FROM po GROUP BY ALL)
  SELECT product, sum(revenue) AS revenue, sum(quantity) AS quantity, sum(orders) AS orders, count(*) AS customers,
    count(*) FILTER (WHERE orders >= 2) AS repeat_buyers
  FROM pc GROUP BY product`;
}

export async function runProducts(engine: Engine, options: Partial<AnalysisOptions> & { limit?: number } = {}, known: Known = {}): Promise<ProductsResult> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const source: ProductSource = (known.hasOrderLines ?? (await hasOrderLines(engine))) ? 'order_lines' : 'orders';
  let hasQuantity = false;
  if (source === 'orders') {
    const columns = known.orderColumns ?? (await tableColumns(engine, 'orders'));
    await requireColumn(engine, 'orders', 'product', columns);
    hasQuantity = columns.includes('quantity');
  }
  const raw = await queryRows<{ product: string | null; revenue: number; quantity: number | null; orders: number; customers: number; repeat_buyers: number }>(
    engine, productsSql({ ...o, source, hasQuantity }, known.base));
  const rows = raw.map((r): ProductRow => ({
    product: r.product, revenue: r.revenue, quantity: r.quantity, orders: r.orders, customers: r.customers,
    repeatBuyers: r.repeat_buyers, repeatBuyerRate: ratio(r.repeat_buyers, r.customers),
  }));
  const name = (a: ProductRow, b: ProductRow) => String(a.product).localeCompare(String(b.product));
  const limit = options.limit ?? 10;
  return {
    source,
    byRevenue: [...rows].sort((a, b) => b.revenue - a.revenue || name(a, b)).slice(0, limit),
    byRepeatBuyers: [...rows].sort((a, b) => b.repeatBuyers - a.repeatBuyers || b.revenue - a.revenue || name(a, b)).slice(0, limit),
  };
}
