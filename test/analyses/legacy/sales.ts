// Frozen copy of src/analyses/sales.ts before the performance work: the oracle of old-vs-new.test.ts.
import type { Engine } from '../../../src/engine/engine';
import { runChannels, type ChannelRow } from './channels';
import { tableColumns, tableExists } from '../../../src/analyses/columns';
import { runGeography, type GeographyResult } from './geography';
import { runKpiSummary } from './kpis';
import { runLoyalty, type LoyaltyTier, type TierRow } from './loyalty';
import { resolveOptions, type AnalysisOptions } from '../../../src/analyses/options';
import { runProducts, type ProductsResult } from './products';
import { runSeasonality, type SeasonalityResult } from './seasonality';

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

export async function runSales(engine: Engine, options: Partial<SalesOptions> = {}): Promise<SalesResult> {
  const o = resolveOptions(options);
  const columns = await tableColumns(engine, 'orders');
  const has = (c: string) => columns.includes(c);
  const channelColumn = options.channelColumn ?? 'channel';
  const k = await runKpiSummary(engine, o);
  const hasProducts = (await tableExists(engine, 'order_lines')) || has('product');
  return {
    orders: k.orders,
    customers: k.customers,
    revenue: k.revenue,
    aov: k.aov,
    repeatPurchaseRate: k.repeatCustomerRate,
    geography: {
      city: has('city') ? await runGeography(engine, { ...o, column: 'city' }) : null,
      region: has('region') ? await runGeography(engine, { ...o, column: 'region' }) : null,
    },
    products: hasProducts ? await runProducts(engine, { ...o, limit: options.productLimit }) : null,
    seasonality: await runSeasonality(engine, o),
    channels: has(channelColumn) ? await runChannels(engine, { ...o, column: channelColumn }) : null,
    tiers: await runLoyalty(engine, { ...o, tiers: options.tiers }),
  };
}
