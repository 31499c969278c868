import type { Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { resolveOptions, type AnalysisOptions } from './options';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { columnOf } from './rows';
import { scopeCtes } from './scope';

/**
 * Win-back list: customers churned at asOf (first order ≥ churnDays days old and no order in
 * the last churnDays days, see churn.ts), most valuable first (historic revenue, then orders,
 * then customer_id). Rows are meant for CSV export.
 */
export interface WinbackOptions extends AnalysisOptions {
  /** at most this many rows (default: all) */
  limit?: number;
}

export interface WinbackRow {
  customerId: string;
  orders: number;
  revenue: number;
  firstOrder: string;
  lastOrder: string;
  /** asOf − last order day */
  daysSince: number;
}

export function winbackSql(options: Partial<WinbackOptions> = {}, base?: AnalysisBase): string {
  const o = resolveOptions(options);
  const { limit } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  const n = o.churnDays;
  return `WITH ${scopeCtes(o, [], LATEST_ORDER_DAY, { base })}
  SELECT CAST(c.customer_id AS VARCHAR) AS customer_id, c.orders, c.revenue,
    CAST(c.first_day AS VARCHAR) AS first_order, CAST(c.last_day AS VARCHAR) AS last_order,
    CAST(p.as_of - c.last_day AS INTEGER) AS days_since
  FROM cust0 c, params p
  WHERE c.first_day <= p.as_of - ${n} AND c.last_day <= p.as_of - ${n}
  ORDER BY c.revenue DESC, c.orders DESC, c.customer_id${limit === undefined ? '' : ` LIMIT ${limit}`}`;
}

export async function runWinback(engine: Engine, options: Partial<WinbackOptions> = {}): Promise<WinbackRow[]> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const t = await engine.query(winbackSql({ ...o, limit: options.limit }, await prepareBase(engine, o)));
  // Built straight from the result's columns (lists can hold every churned customer).
  const id = columnOf<string>(t, 'customer_id');
  const orders = columnOf<number>(t, 'orders');
  const revenue = columnOf<number>(t, 'revenue');
  const first = columnOf<string>(t, 'first_order');
  const last = columnOf<string>(t, 'last_order');
  const since = columnOf<number>(t, 'days_since');
  const rows: WinbackRow[] = new Array(t.numRows);
  // numRows is recomputed over the record batches on every read: read it once.
  for (let i = 0, n = rows.length; i < n; i++) {
    rows[i] = { customerId: id[i], orders: orders[i], revenue: revenue[i], firstOrder: first[i], lastOrder: last[i], daysSince: since[i] };
  }
  return rows;
}
