/** `runSubscriptions` → the report's `subscriptions` section (see sections.ts for the conventions). */
import type { SubscriptionMonth, SubscriptionsResult } from '../analyses';

const monthJson = (m: SubscriptionMonth) => ({
  month: m.month, start: m.start, measured_on: m.measuredOn, complete: m.complete,
  mrr: m.mrr, subscriptions: m.subscriptions, customers: m.customers, arpa: m.arpa,
  start_mrr: m.startMrr, start_customers: m.startCustomers,
  movements: {
    new: m.movements.new, reactivation: m.movements.reactivation, expansion: m.movements.expansion,
    contraction: m.movements.contraction, churned: m.movements.churned,
  },
  new_customers: m.newCustomers, reactivated_customers: m.reactivatedCustomers, expanded_customers: m.expandedCustomers,
  contracted_customers: m.contractedCustomers, churned_customers: m.churnedCustomers, net_new_mrr: m.netNewMrr,
  net_revenue_churn_rate: m.netRevenueChurnRate, gross_revenue_churn_rate: m.grossRevenueChurnRate,
  net_revenue_retention: m.netRevenueRetention, gross_revenue_retention: m.grossRevenueRetention,
  customer_churn_rate: m.customerChurnRate, trailing_nrr: m.trailingNrr,
});

export function subscriptionsJson(s: SubscriptionsResult) {
  const current = s.months.at(-1);
  return {
    as_of: s.asOf, currency: s.currency,
    currencies: s.currencies.map((c) => ({ currency: c.currency, subscriptions: c.subscriptions })),
    trailing_months: s.trailingMonths,
    mrr_as_of: current && current.measuredOn === s.asOf ? current.mrr : null,
    latest: s.latest === null ? null : monthJson(s.latest),
    months: s.months.map(monthJson),
  };
}
