/**
 * The analyses' typed results → the report's JSON sections (snake_case, dates as YYYY-MM-DD).
 * One explicit mapping per result type: a field added to an analysis appears in the report only
 * when it is added here (and documented in docs/report-json.md).
 */
import type {
  ChurnPeriod, ChurnResult, ChurnSegment, CohortAverage, CohortResult, CsatScore, InterpurchaseResult, KpiResult, KpiValues,
  LifecyclePeriod, NpsResult, NpsScore, RfmResult,
} from '../analyses';

/** A calendar day as `YYYY-MM-DD`, whatever the engine handed back (string, epoch ms, Date). */
export function isoDay(v: unknown): string {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v).toISOString().slice(0, 10);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  throw new TypeError(`not a day: ${JSON.stringify(v)}`);
}
export const isoDayOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : isoDay(v));

const periodHead = (p: { period: string; start: string; end: string; complete: boolean }) => ({
  period: p.period, start: isoDay(p.start), end: isoDay(p.end), complete: p.complete,
});

export function kpiValuesJson(v: KpiValues) {
  return {
    customers: v.customers, new_customers: v.newCustomers, returning_customers: v.returningCustomers,
    orders: v.orders, revenue: v.revenue, aov: v.aov, purchase_frequency: v.purchaseFrequency,
    repeat_customers: v.repeatCustomers, repeat_customer_rate: v.repeatCustomerRate,
    returning_revenue: v.returningRevenue, returning_revenue_share: v.returningRevenueShare,
    revenue_per_customer: v.revenuePerCustomer, active_at_start: v.activeAtStart, active_at_end: v.activeAtEnd,
    crr: v.crr, churn_base: v.churnBase, churned: v.churned, not_yet_at_risk: v.notYetAtRisk, churn_rate: v.churnRate,
  };
}

export function kpisJson(k: KpiResult) {
  const s = k.summary;
  return {
    as_of: isoDay(s.asOf), from: isoDay(s.from), to: isoDay(s.to), observed_days: s.observedDays,
    ...kpiValuesJson(s),
    customer_value: s.customerValue, customer_value_per_year: s.customerValuePerYear,
    avg_lifespan_days: s.avgLifespanDays, avg_lifespan_years: s.avgLifespanYears, historic_cltv: s.historicCltv,
    periods: k.periods.map((p) => ({ ...periodHead(p), ...kpiValuesJson(p) })),
  };
}

const averageJson = (a: CohortAverage) => ({
  cohort: 'weighted average', size: a.size, active: a.active, retention: a.retention,
  cumulative_revenue_per_customer: a.cumulativeRevenuePerCustomer,
});

export function cohortsJson(c: CohortResult, period: string) {
  return {
    period, mode: c.mode,
    cohorts: c.cohorts.map((r) => ({
      cohort: r.cohort, start: isoDay(r.start), size: r.size, active: r.active, retention: r.retention, revenue: r.revenue,
      orders: r.orders, cumulative_revenue_per_customer: r.cumulativeRevenuePerCustomer, complete: r.complete,
    })),
    average: averageJson(c.average),
  };
}

const churnCounts = (c: { customers: number; active: number; notYetAtRisk: number; atRisk: number; churned: number; churnRate: number | null }) => ({
  customers: c.customers, active: c.active, not_yet_at_risk: c.notYetAtRisk, at_risk: c.atRisk, churned: c.churned, churn_rate: c.churnRate,
});

export const churnSegmentJson = (s: ChurnSegment) => ({
  segment: s.segment, customers: s.customers, not_yet_at_risk: s.notYetAtRisk, at_risk: s.atRisk, churned: s.churned,
  churn_rate: s.churnRate, churn_rate_low: s.low, churn_rate_high: s.high,
});

export function interpurchaseJson(i: InterpurchaseResult) {
  return {
    gaps: i.gaps, repeat_customers: i.repeatCustomers, mean_days: i.meanDays, p50_days: i.p50, p80_days: i.p80, p90_days: i.p90,
    suggested_churn_days: i.suggestedChurnDays,
    buckets: i.buckets.map((b) => ({ label: b.label, min_days: b.minDays, max_days: b.maxDays, gaps: b.gaps, share: b.share })),
  };
}

export const lifecycleJson = (l: LifecyclePeriod) => ({
  ...periodHead(l), active: l.active, new: l.new, returning: l.returning, resurrected: l.resurrected, dormant: l.dormant,
});

export function churnJson(
  c: ChurnResult, interpurchase: InterpurchaseResult, bySegment: Record<string, ChurnSegment[] | null>, lifecycle: LifecyclePeriod[],
) {
  return {
    as_of: isoDay(c.status.asOf), window_days: c.status.churnDays, rate: c.status.churnRate,
    status: churnCounts(c.status),
    over_time: c.overTime.map((p: ChurnPeriod) => ({ ...periodHead(p), evaluated_on: isoDay(p.evaluatedOn), ...churnCounts(p) })),
    interpurchase: interpurchaseJson(interpurchase),
    by_segment: Object.fromEntries(Object.entries(bySegment).map(([by, rows]) => [by, rows === null ? null : rows.map(churnSegmentJson)])),
    lifecycle: lifecycle.map(lifecycleJson),
  };
}

export function rfmJson(r: RfmResult) {
  return {
    as_of: isoDay(r.asOf), customers: r.customers,
    segments: r.segments.map((s) => ({
      segment: s.segment, customers: s.customers, share: s.share, revenue: s.revenue, revenue_share: s.revenueShare,
      avg_recency_days: s.avgRecencyDays, avg_frequency: s.avgFrequency, avg_monetary: s.avgMonetary,
    })),
  };
}

const npsScoreJson = (n: NpsScore) => ({
  score: n.nps, responses: n.responses, promoters: n.promoters, passives: n.passives, detractors: n.detractors,
});
/** null when there is no CSAT (1–5) answer at all */
const csatJson = (c: CsatScore) => (c.responses === 0 ? null : { score: c.csat, satisfied: c.satisfied, responses: c.responses });

export function npsJson(n: NpsResult) {
  return {
    as_of: isoDay(n.asOf), ...npsScoreJson(n.nps), csat: csatJson(n.csat),
    over_time: n.overTime.map((p) => ({ ...periodHead(p), nps: npsScoreJson(p.nps), csat: csatJson(p.csat) })),
    by_rfm_segment: n.byGroup.map((g) => ({ segment: g.segment, nps: npsScoreJson(g.nps), csat: csatJson(g.csat) })),
    behaviour: n.behaviour.map((b) => ({
      category: b.category, respondents: b.respondents, customers: b.customers, repeat_customers: b.repeatCustomers,
      repeat_rate: b.repeatRate, at_risk: b.atRisk, churned: b.churned, churn_rate: b.churnRate,
    })),
  };
}
