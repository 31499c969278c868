import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { requireColumn, type Known } from './columns';
import { resolveOptions, type AnalysisOptions } from './options';
import { ratio } from './ratio';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { firstOrderCte, historyCte, scopeCtes } from './scope';
import { wilson } from './wilson';

/**
 * Which acquisition channel brings customers who come back: customers ACQUIRED in the reporting
 * window (first order in it), grouped by a column of their first order (default `channel`; an
 * affiliate column works the same), repeat = more than one order up to the window's end.
 * Customers acquired late had less time to repeat; compare channels over the same window.
 * Ranked by the lower end of the Wilson 95% interval of the repeat rate.
 */
export interface ChannelRow {
  channel: string | null;
  customers: number;
  repeatCustomers: number;
  repeatRate: number | null;
  low: number | null;
  high: number | null;
  orders: number;
  revenue: number;
  ordersPerCustomer: number | null;
  revenuePerCustomer: number | null;
}

export function channelsSql(options: Partial<AnalysisOptions> & { column?: string } = {}, base?: AnalysisBase): string {
  const o = resolveOptions(options);
  const column = options.column ?? 'channel';
  return `WITH ${scopeCtes(o, [column], LATEST_ORDER_DAY, { base })},
  ${firstOrderCte('first_ord', column)},
  ${historyCte('hist', o, base)}
  SELECT NULLIF(CAST(f.value AS VARCHAR), '') AS channel, count(*) AS customers, count(*) FILTER (WHERE h.orders > 1) AS repeat_customers,
    sum(h.orders) AS orders, sum(h.revenue) AS revenue
  FROM hist h JOIN first_ord f USING (customer_id), win w
  WHERE h.first_day BETWEEN w.from_day AND w.to_day
  GROUP BY 1`;
}

export async function runChannels(engine: Engine, options: Partial<AnalysisOptions> & { column?: string } = {}, known: Known = {}): Promise<ChannelRow[]> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  await requireColumn(engine, 'orders', options.column ?? 'channel', known.orderColumns);
  const raw = await queryRows<{ channel: string | null; customers: number; repeat_customers: number; orders: number; revenue: number }>(
    engine, channelsSql({ ...o, column: options.column }, known.base ?? await prepareBase(engine, o)));
  return raw
    .map((r): ChannelRow => {
      const ci = wilson(r.repeat_customers, r.customers);
      return {
        channel: r.channel,
        customers: r.customers,
        repeatCustomers: r.repeat_customers,
        repeatRate: ratio(r.repeat_customers, r.customers),
        low: ci?.low ?? null,
        high: ci?.high ?? null,
        orders: r.orders,
        revenue: r.revenue,
        ordersPerCustomer: ratio(r.orders, r.customers),
        revenuePerCustomer: ratio(r.revenue, r.customers),
      };
    })
    .sort((a, b) => (b.low ?? -1) - (a.low ?? -1) || b.customers - a.customers || String(a.channel).localeCompare(String(b.channel)));
}
