// Frozen copy of src/analyses/kpis.ts before the performance work: the oracle of old-vs-new.test.ts.
import { queryRows, type Engine } from '../../../src/engine/engine';
import { activityCtes, activityJoins, churnCounts } from './activity';
import { ensureCalendar } from '../../../src/analyses/calendar';
import { resolveOptions, type AnalysisOptions } from '../../../src/analyses/options';
import { periodLabel } from '../../../src/analyses/periods';
import { ratio, times } from '../../../src/analyses/ratio';
import { scopeCtes } from './scope';

/** Days per year used to turn day counts into years (lifespan, observed range). */
export const DAYS_PER_YEAR = 365.25;

/** Measures computed for the whole window and for every period. Definitions: docs/metrics.md. */
export interface KpiValues {
  customers: number;
  newCustomers: number;
  returningCustomers: number;
  orders: number;
  revenue: number;
  /** revenue ÷ orders */
  aov: number | null;
  /** orders ÷ customers who purchased */
  purchaseFrequency: number | null;
  /** customers who purchased here and have > 1 order up to the end of the window/period */
  repeatCustomers: number;
  repeatCustomerRate: number | null;
  /** revenue of orders that are not the customer's first order */
  returningRevenue: number;
  returningRevenueShare: number | null;
  revenuePerCustomer: number | null;
  /** S: customers with an order in the churnDays days before the start */
  activeAtStart: number;
  /** E: customers with an order in the churnDays days before the (exclusive) end */
  activeAtEnd: number;
  /** (E − N) ÷ S, N = newCustomers; null when S = 0. Can exceed 1 (reactivated customers). */
  crr: number | null;
  /** customers whose first order is more than churnDays before the end */
  churnBase: number;
  /** of churnBase: no order in the last churnDays days before the end */
  churned: number;
  /** first order within the last churnDays days before the end: not yet at risk */
  notYetAtRisk: number;
  churnRate: number | null;
}

export interface KpiSummary extends KpiValues {
  asOf: string;
  from: string;
  to: string;
  /** days in the window, to − from + 1 */
  observedDays: number;
  /** AOV × purchase frequency = revenue per customer over the whole window (currency) */
  customerValue: number | null;
  /** customerValue ÷ (observedDays / 365.25) (currency per year) */
  customerValuePerYear: number | null;
  /** mean over window customers of (last − first order day), history up to `to` (days) */
  avgLifespanDays: number | null;
  avgLifespanYears: number | null;
  /** customerValuePerYear × avgLifespanYears (currency) */
  historicCltv: number | null;
}

export interface KpiPeriod extends KpiValues {
  period: string;
  /** first day of the period */
  start: string;
  /** first day after the period */
  end: string;
  complete: boolean;
}

export interface KpiResult {
  summary: KpiSummary;
  periods: KpiPeriod[];
}

interface RawCounts {
  customers: number;
  new_customers: number;
  repeat_customers: number;
  orders: number;
  revenue: number;
  returning_revenue: number;
  s_active: number;
  e_active: number;
  e_before: number;
  e_at_risk: number;
}

export function kpisSql(options: Partial<AnalysisOptions> = {}): { summary: string; periods: string } {
  const o = resolveOptions(options);
  const head = `WITH ${scopeCtes(o)}, ${activityCtes(o.churnDays)}`;
  const s = activityJoins('pts', 't0', 's', o.churnDays);
  const e = activityJoins('pts', 't1', 'e', o.churnDays);
  const summary = `${head},
  wo AS (SELECT ord.* FROM ord, win WHERE ord.day BETWEEN win.from_day AND win.to_day),
  wc AS (SELECT customer_id FROM wo GROUP BY customer_id),
  hist AS (
    SELECT ord.customer_id, count(*) AS orders_to_end, min(day) AS first_day, max(day) AS last_day
    FROM ord, win WHERE ord.day <= win.to_day GROUP BY ord.customer_id
  ),
  wh AS (SELECT hist.* FROM wc JOIN hist USING (customer_id)),
  pts AS (SELECT from_day AS t0, CAST(to_day + 1 AS DATE) AS t1 FROM win),
  act AS (SELECT ${s.columns}, ${e.columns} FROM pts ${s.joins} ${e.joins})
  SELECT CAST(p.as_of AS VARCHAR) AS as_of, CAST(w.from_day AS VARCHAR) AS from_day, CAST(w.to_day AS VARCHAR) AS to_day,
    CAST(w.to_day - w.from_day + 1 AS DOUBLE) AS observed_days,
    (SELECT count(*) FROM wh) AS customers,
    (SELECT count(*) FROM wh WHERE wh.first_day >= w.from_day) AS new_customers,
    (SELECT count(*) FROM wh WHERE wh.orders_to_end > 1) AS repeat_customers,
    (SELECT count(*) FROM wo) AS orders,
    (SELECT COALESCE(sum(amount), 0) FROM wo) AS revenue,
    (SELECT COALESCE(sum(amount), 0) FROM wo WHERE order_rank > 1) AS returning_revenue,
    (SELECT avg(wh.last_day - wh.first_day) FROM wh) AS avg_lifespan_days,
    act.*
  FROM params p, win w, act`;
  const ps = activityJoins('s', 'period_start', 's', o.churnDays);
  const pe = activityJoins('s', 'eff_end', 'e', o.churnDays);
  const periods = `${head},
  pc AS (
    SELECT customer_id, period_start, count(*) AS orders, sum(amount) AS revenue, max(order_rank) AS max_rank,
      sum(CASE WHEN order_rank > 1 THEN amount ELSE 0 END) AS returning_revenue
    FROM ord GROUP BY customer_id, period_start
  ),
  agg AS (
    SELECT pc.period_start, count(*) AS customers,
      count(*) FILTER (WHERE c.first_period = pc.period_start) AS new_customers,
      count(*) FILTER (WHERE pc.max_rank > 1) AS repeat_customers,
      sum(pc.orders) AS orders, sum(pc.revenue) AS revenue, sum(pc.returning_revenue) AS returning_revenue
    FROM pc JOIN cust c USING (customer_id) GROUP BY pc.period_start
  ),
  act AS (SELECT s.period_start, ${ps.columns}, ${pe.columns} FROM spine s ${ps.joins} ${pe.joins})
  SELECT CAST(s.period_start AS VARCHAR) AS period_start, CAST(s.period_end AS VARCHAR) AS period_end, s.complete,
    COALESCE(agg.customers, 0) AS customers, COALESCE(agg.new_customers, 0) AS new_customers,
    COALESCE(agg.repeat_customers, 0) AS repeat_customers, COALESCE(agg.orders, 0) AS orders,
    COALESCE(agg.revenue, 0) AS revenue, COALESCE(agg.returning_revenue, 0) AS returning_revenue,
    act.s_active, act.e_active, act.e_before, act.e_at_risk
  FROM spine s JOIN act USING (period_start) LEFT JOIN agg USING (period_start)
  WHERE s.in_window ORDER BY s.period_start`;
  return { summary, periods };
}

function values(r: RawCounts): KpiValues {
  const { notYetAtRisk, churned } = churnCounts(r.e_active, r.e_before, r.e_at_risk);
  return {
    customers: r.customers,
    newCustomers: r.new_customers,
    returningCustomers: r.customers - r.new_customers,
    orders: r.orders,
    revenue: r.revenue,
    aov: ratio(r.revenue, r.orders),
    purchaseFrequency: ratio(r.orders, r.customers),
    repeatCustomers: r.repeat_customers,
    repeatCustomerRate: ratio(r.repeat_customers, r.customers),
    returningRevenue: r.returning_revenue,
    returningRevenueShare: ratio(r.returning_revenue, r.revenue),
    revenuePerCustomer: ratio(r.revenue, r.customers),
    activeAtStart: r.s_active,
    activeAtEnd: r.e_active,
    crr: ratio(r.e_active - r.new_customers, r.s_active),
    churnBase: r.e_at_risk,
    churned,
    notYetAtRisk,
    churnRate: ratio(churned, r.e_at_risk),
  };
}

/** Only the whole-window figures (one query). */
export async function runKpiSummary(engine: Engine, options: Partial<AnalysisOptions> = {}): Promise<KpiSummary> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const [s] = await queryRows<RawCounts & { as_of: string; from_day: string; to_day: string; observed_days: number; avg_lifespan_days: number | null }>(engine, kpisSql(o).summary);
  const v = values(s);
  const customerValue = times(v.aov, v.purchaseFrequency);
  const customerValuePerYear = customerValue === null ? null : customerValue / (s.observed_days / DAYS_PER_YEAR);
  const avgLifespanYears = s.avg_lifespan_days === null ? null : s.avg_lifespan_days / DAYS_PER_YEAR;
  return {
    ...v,
    asOf: s.as_of,
    from: s.from_day,
    to: s.to_day,
    observedDays: s.observed_days,
    customerValue,
    customerValuePerYear,
    avgLifespanDays: s.avg_lifespan_days,
    avgLifespanYears,
    historicCltv: times(customerValuePerYear, avgLifespanYears),
  };
}

export async function runKpis(engine: Engine, options: Partial<AnalysisOptions> = {}): Promise<KpiResult> {
  const o = resolveOptions(options);
  const summary = await runKpiSummary(engine, o);
  const rows = await queryRows<RawCounts & { period_start: string; period_end: string; complete: boolean }>(engine, kpisSql(o).periods);
  const periods = rows.map((r): KpiPeriod => ({
    period: periodLabel(r.period_start, o.period, o.calendar),
    start: r.period_start,
    end: r.period_end,
    complete: r.complete,
    ...values(r),
  }));
  return { summary, periods };
}
