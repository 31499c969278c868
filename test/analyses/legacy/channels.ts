// Frozen copy of src/analyses/channels.ts before the performance work: the oracle of old-vs-new.test.ts.
import { queryRows, type Engine } from '../../../src/engine/engine';
import { ensureCalendar } from '../../../src/analyses/calendar';
import { requireColumn } from '../../../src/analyses/columns';
import { resolveOptions, type AnalysisOptions } from '../../../src/analyses/options';
import { ratio } from '../../../src/analyses/ratio';
import { extraColumn, scopeCtes } from './scope';
import { wilson } from '../../../src/analyses/wilson';

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

export function channelsSql(options: Partial<AnalysisOptions> & { column?: string } = {}): string {
  const o = resolveOptions(options);
  const column = options.column ?? 'channel';
  return `WITH ${scopeCtes(o, [column])},
  first_ord AS (SELECT customer_id, NULLIF(CAST(${extraColumn(column)} AS VARCHAR), '') AS channel FROM ord WHERE order_rank = 1),
  hist AS (
    SELECT ord.customer_id, count(*) AS orders, sum(amount) AS revenue, min(day) AS first_day
    FROM ord, win WHERE ord.day <= win.to_day GROUP BY ord.customer_id
  )
  SELECT f.channel, count(*) AS customers, count(*) FILTER (WHERE h.orders > 1) AS repeat_customers,
    sum(h.orders) AS orders, sum(h.revenue) AS revenue
  FROM hist h JOIN first_ord f USING (customer_id), win w
  WHERE h.first_day BETWEEN w.from_day AND w.to_day
  GROUP BY f.channel`;
}

export async function runChannels(engine: Engine, options: Partial<AnalysisOptions> & { column?: string } = {}): Promise<ChannelRow[]> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  await requireColumn(engine, 'orders', options.column ?? 'channel');
  const raw = await queryRows<{ channel: string | null; customers: number; repeat_customers: number; orders: number; revenue: number }>(
    engine, channelsSql({ ...o, column: options.column }));
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
