import type { Engine } from '../engine/engine';
import { runChannels, type ChannelRow } from './channels';
import { tableColumns, type Known, hasOrderLines as hasOrderLinesWithRows } from './columns';
import { prepareBase } from './base';
import { ensureCalendar } from './calendar';
import { runGeography, type GeographyResult } from './geography';
import { runKpiSummary, type KpiSummary } from './kpis';
import { runLoyalty, type LoyaltyTier, type TierRow } from './loyalty';
import { resolveOptions, type AnalysisOptions } from './options';
import { runProducts, type ProductsResult } from './products';
import { runSeasonality, type SeasonalityResult } from './seasonality';

export type { Known } from './columns';

/**
 * The sales profile (DOMAIN.md question 6, 7, 9) in one call: AOV and repeat purchase rate (the
 * KPI definitions, kpis.ts), geography (city and region when `orders` has them), best sellers,
 * seasonality, repeat rate by acquisition channel, loyalty tiers. Parts whose columns are missing
 * come back null. Each part also has its own module and `runXxx`.
 */
export interface SalesOptions extends AnalysisOptions {
  tiers?: LoyaltyTier[];
  /** top products listed (default 10) */
  productLimit?: number;
  /** column of the first order that names the acquisition channel (default 'channel') */
  channelColumn?: string;
}

export interface SalesResult {
  orders: number;
  customers: number;
  revenue: number;
  aov: number | null;
  /** customers with > 1 order up to the window's end ÷ customers who bought in the window */
  repeatPurchaseRate: number | null;
  geography: { city: GeographyResult | null; region: GeographyResult | null };
  products: ProductsResult | null;
  seasonality: SeasonalityResult;
  channels: ChannelRow[] | null;
  tiers: TierRow[];
}

/**
 * What every part of the sales profile looks up (the columns of `orders`, whether `order_lines`
 * exists, the shared per-customer tables), once for all of them; pass it as the parts' `known`.
 */
export async function salesContext(engine: Engine, options: Partial<AnalysisOptions> = {}): Promise<Known & { orderColumns: string[]; hasOrderLines: boolean }> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const orderColumns = await tableColumns(engine, 'orders');
  const hasOrderLines = await hasOrderLinesWithRows(engine);
  return { orderColumns, hasOrderLines, base: await prepareBase(engine, o) };
}

/**
 * `kpis`: the KPI summary of the same options when the caller already has it (the report runs
 * `runKpis` first); then it is not computed again. The parts share one lookup of the tables'
 * columns and of the shared per-customer tables (base.ts).
 */
export async function runSales(engine: Engine, options: Partial<SalesOptions> = {}, kpis?: KpiSummary): Promise<SalesResult> {
  const o = resolveOptions(options);
  const known = await salesContext(engine, o);
  const columns = known.orderColumns;
  const has = (c: string) => columns.includes(c);
  const channelColumn = options.channelColumn ?? 'channel';
  const k = kpis ?? await runKpiSummary(engine, o, known);
  const hasProducts = known.hasOrderLines || has('product');
  return {
    orders: k.orders,
    customers: k.customers,
    revenue: k.revenue,
    aov: k.aov,
    repeatPurchaseRate: k.repeatCustomerRate,
    geography: {
      city: has('city') ? await runGeography(engine, { ...o, column: 'city' }, known) : null,
      region: has('region') ? await runGeography(engine, { ...o, column: 'region' }, known) : null,
    },
    products: hasProducts ? await runProducts(engine, { ...o, limit: options.productLimit }, known) : null,
    seasonality: await runSeasonality(engine, o, known),
    channels: has(channelColumn) ? await runChannels(engine, { ...o, column: channelColumn }, known) : null,
    tiers: await runLoyalty(engine, { ...o, tiers: options.tiers }, known),
  };
}
