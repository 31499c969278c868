import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { resolveOptions, type AnalysisOptions } from './options';
import { ratio } from './ratio';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { historyCte, scopeCtes } from './scope';
import { literal } from '../engine/sql';
import type { Known } from './columns';

/**
 * Loyalty tiers over each customer's whole history up to the window's end. A customer reaches a
 * tier when orders ≥ minOrders OR revenue ≥ minSpend (whichever thresholds the tier sets) and
 * belongs to the LAST tier in the list that they reach (list tiers from lowest to highest).
 * Customers who reach none are reported with tier null.
 */
export interface LoyaltyTier {
  name: string;
  minOrders?: number;
  minSpend?: number;
}

/** The seeds' example: who has passed 10 purchases (VIP). */
export const DEFAULT_TIERS: LoyaltyTier[] = [
  { name: 'One order', minOrders: 1 },
  { name: 'Repeat (2–4 orders)', minOrders: 2 },
  { name: 'Loyal (5–9 orders)', minOrders: 5 },
  { name: 'VIP (10+ orders)', minOrders: 10 },
];

export interface TierRow {
  tier: string | null;
  customers: number;
  share: number | null;
  orders: number;
  revenue: number;
  revenueShare: number | null;
}

function tierCondition(t: LoyaltyTier): string {
  const parts: string[] = [];
  if (t.minOrders !== undefined) parts.push(`orders >= ${literal(t.minOrders)}`);
  if (t.minSpend !== undefined) parts.push(`revenue >= ${literal(t.minSpend)}`);
  if (parts.length === 0) throw new RangeError(`tier ${JSON.stringify(t.name)} sets neither minOrders nor minSpend`);
  return parts.join(' OR ');
}

export function loyaltySql(options: Partial<AnalysisOptions> & { tiers?: LoyaltyTier[] } = {}, base?: AnalysisBase): string {
  const o = resolveOptions(options);
  const tiers = options.tiers ?? DEFAULT_TIERS;
  const whens = tiers.map((t, i) => `WHEN ${tierCondition(t)} THEN ${i}`).reverse().join(' ');
  return `WITH ${scopeCtes(o, [], LATEST_ORDER_DAY, { base })},
  ${historyCte('hist', o, base)}
  SELECT ${tiers.length ? `CASE ${whens} ELSE -1 END` : '-1'} AS tier, count(*) AS customers, sum(orders) AS orders, sum(revenue) AS revenue
  FROM hist GROUP BY 1 ORDER BY 1`;
}

export async function runLoyalty(engine: Engine, options: Partial<AnalysisOptions> & { tiers?: LoyaltyTier[] } = {}, known: Known = {}): Promise<TierRow[]> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const tiers = options.tiers ?? DEFAULT_TIERS;
  const raw = await queryRows<{ tier: number; customers: number; orders: number; revenue: number }>(engine, loyaltySql({ ...o, tiers }, known.base ?? await prepareBase(engine, o)));
  const customers = raw.reduce((s, r) => s + r.customers, 0);
  const revenue = raw.reduce((s, r) => s + r.revenue, 0);
  const row = (tier: string | null, r?: (typeof raw)[number]): TierRow => ({
    tier,
    customers: r?.customers ?? 0,
    share: ratio(r?.customers ?? 0, customers),
    orders: r?.orders ?? 0,
    revenue: r?.revenue ?? 0,
    revenueShare: ratio(r?.revenue ?? 0, revenue),
  });
  const none = raw.find((r) => r.tier === -1);
  return [...(none ? [row(null, none)] : []), ...tiers.map((t, i) => row(t.name, raw.find((r) => r.tier === i)))];
}
