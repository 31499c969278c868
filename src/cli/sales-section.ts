/** `runSales` → the report's `sales` section (see sections.ts for the conventions). */
import type { ChannelRow, GeoRow, GeographyResult, ProductRow, SalesResult, SeasonRow, TierRow } from '../analyses';

const geoRowJson = (r: GeoRow) => ({
  place: r.place, customers: r.customers, orders: r.orders, revenue: r.revenue, revenue_share: r.revenueShare,
  aov: r.aov, repeat_rate: r.repeatRate,
});

const geographyJson = (g: GeographyResult | null) =>
  g === null ? null : { column: g.column, rows: g.rows.map(geoRowJson), top: g.top && geoRowJson(g.top), rest: g.rest && geoRowJson(g.rest) };

const productJson = (p: ProductRow) => ({
  product: p.product, revenue: p.revenue, quantity: p.quantity, orders: p.orders, customers: p.customers,
  repeat_buyers: p.repeatBuyers, repeat_buyer_rate: p.repeatBuyerRate,
});

const seasonJson = (key: 'month' | 'weekday') => (r: SeasonRow) => ({
  [key]: r.key, orders: r.orders, revenue: r.revenue, customers: r.customers, days: r.days, occurrences: r.occurrences,
  revenue_per_day: r.revenuePerDay,
});

const channelJson = (c: ChannelRow) => ({
  channel: c.channel, customers: c.customers, repeat_customers: c.repeatCustomers, repeat_rate: c.repeatRate,
  repeat_rate_low: c.low, repeat_rate_high: c.high, orders: c.orders, revenue: c.revenue,
  orders_per_customer: c.ordersPerCustomer, revenue_per_customer: c.revenuePerCustomer,
});

const tierJson = (t: TierRow) => ({
  tier: t.tier, customers: t.customers, share: t.share, orders: t.orders, revenue: t.revenue, revenue_share: t.revenueShare,
});

export function salesJson(s: SalesResult) {
  return {
    orders: s.orders, customers: s.customers, revenue: s.revenue, aov: s.aov, repeat_purchase_rate: s.repeatPurchaseRate,
    geography: { city: geographyJson(s.geography.city), region: geographyJson(s.geography.region) },
    products: s.products === null ? null : {
      source: s.products.source, by_revenue: s.products.byRevenue.map(productJson), by_repeat_buyers: s.products.byRepeatBuyers.map(productJson),
    },
    seasonality: { month_of_year: s.seasonality.monthOfYear.map(seasonJson('month')), weekday: s.seasonality.weekday.map(seasonJson('weekday')) },
    channels: s.channels === null ? null : s.channels.map(channelJson),
    loyalty_tiers: s.tiers.map(tierJson),
  };
}
