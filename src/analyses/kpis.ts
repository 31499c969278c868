import { queryRows, type Engine } from '../engine/engine';
import { activityCtes, activityJoins, churnCounts } from './activity';
import { ensureCalendar } from './calendar';
import { resolveOptions, type AnalysisOptions } from './options';
import { periodLabel } from './periods';
import { ratio, times } from './ratio';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { scopeCtes } from './scope';
import type { Known } from './columns';

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

export function kpisSql(options: Partial<AnalysisOptions> = {}, base?: AnalysisBase): { summary: string; periods: string } {
  const o = resolveOptions(options);
  const n = o.churnDays;
  // Summary: two instants only (window start t0 = from, end t1 = to + 1), so active customers are
  // counted directly (an order day in [t − churnDays, t)); no activity curve needed. The window's
  // customers' last order up to `to` is in the window (wc.last_day). Revenue of repeat orders =
  // window revenue − the amounts of the first orders in the window (wf).
  // Without `from` and with the window ending at asOf the window holds every observed order, so
  // its customers and orders are the per-customer summary's.
  const whole = o.from === undefined && (o.to === undefined || (base !== undefined && base.asOf !== null && o.to >= base.asOf));
  const windowCtes = whole
    ? `ws AS (SELECT CAST(COALESCE(sum(orders), 0) AS BIGINT) AS orders, COALESCE(sum(revenue), 0) AS revenue FROM cust0),`
    : `wo AS NOT MATERIALIZED (SELECT ord.customer_id, ord.day, ord.amount FROM ord, win WHERE ord.day BETWEEN win.from_day AND win.to_day),
  ws AS (SELECT count(*) AS orders, COALESCE(sum(amount), 0) AS revenue FROM wo),
  wc AS (SELECT customer_id, max(day) AS last_day FROM wo GROUP BY customer_id),`;
  const summary = `WITH ${scopeCtes(o, [], LATEST_ORDER_DAY, { base })},
  ${windowCtes}
  wh AS (
    SELECT count(*) AS customers,
      count(*) FILTER (WHERE c.first_day >= w.from_day) AS new_customers,
      count(*) FILTER (WHERE c.second_day <= w.to_day) AS repeat_customers,
      avg(${whole ? 'c' : 'wc'}.last_day - c.first_day) AS avg_lifespan_days
    FROM ${whole ? 'cust0 c' : 'wc JOIN cust0 c USING (customer_id)'}, win w
  ),
  wf AS (SELECT COALESCE(sum(c.first_amount), 0) AS first_revenue FROM cust0 c, win w WHERE c.first_day BETWEEN w.from_day AND w.to_day),
  act AS (
    SELECT
      (SELECT count(DISTINCT ord.customer_id) FROM ord, win w WHERE ord.day >= CAST(w.from_day - ${n} AS DATE) AND ord.day < w.from_day) AS s_active,
      (SELECT count(*) FROM cust0 c, win w WHERE c.first_day < w.from_day) AS s_before,
      (SELECT count(*) FROM cust0 c, win w WHERE c.first_day < CAST(w.from_day - ${n} AS DATE)) AS s_at_risk,
      (SELECT count(DISTINCT ord.customer_id) FROM ord, win w WHERE ord.day > CAST(w.to_day - ${n} AS DATE) AND ord.day <= w.to_day) AS e_active,
      (SELECT count(*) FROM cust0 c, win w WHERE c.first_day <= w.to_day) AS e_before,
      (SELECT count(*) FROM cust0 c, win w WHERE c.first_day < CAST(w.to_day + 1 - ${n} AS DATE)) AS e_at_risk
  )
  SELECT CAST(p.as_of AS VARCHAR) AS as_of, CAST(w.from_day AS VARCHAR) AS from_day, CAST(w.to_day AS VARCHAR) AS to_day,
    CAST(w.to_day - w.from_day + 1 AS DOUBLE) AS observed_days,
    wh.customers, wh.new_customers, wh.repeat_customers, ws.orders, ws.revenue,
    ws.revenue - wf.first_revenue AS returning_revenue, wh.avg_lifespan_days, act.*
  FROM params p, win w, ws, wh, wf, act`;
  const ps = activityJoins('s', 'period_start', 's', n);
  const pe = activityJoins('s', 'eff_end', 'e', n);
  // Periods: fc = customers whose first order is in the period; one_time = those without a second
  // order by the period's end: the only buyers of the period who are not repeat customers.
  const periods = `WITH ${scopeCtes(o, [], LATEST_ORDER_DAY, { base, gaps: true })}, ${activityCtes(n)},
  pc AS (SELECT period_start, customer_id, count(*) AS orders, sum(amount) AS revenue FROM ordp GROUP BY period_start, customer_id),
  agg AS (SELECT period_start, count(*) AS customers, sum(orders) AS orders, sum(revenue) AS revenue FROM pc GROUP BY period_start),
  fc AS (
    SELECT c.first_period AS period_start, count(*) AS new_customers, sum(c.first_amount) AS first_revenue,
      count(*) FILTER (WHERE c.second_day IS NULL OR c.second_day >= s.period_end) AS one_time
    FROM cust c JOIN spine s ON s.period_start = c.first_period GROUP BY c.first_period
  ),
  act AS (SELECT s.period_start, ${ps.columns}, ${pe.columns} FROM spine s ${ps.joins} ${pe.joins})
  SELECT CAST(s.period_start AS VARCHAR) AS period_start, CAST(s.period_end AS VARCHAR) AS period_end, s.complete,
    COALESCE(agg.customers, 0) AS customers, COALESCE(fc.new_customers, 0) AS new_customers,
    COALESCE(agg.customers, 0) - COALESCE(fc.one_time, 0) AS repeat_customers, COALESCE(agg.orders, 0) AS orders,
    COALESCE(agg.revenue, 0) AS revenue, COALESCE(agg.revenue, 0) - COALESCE(fc.first_revenue, 0) AS returning_revenue,
    act.s_active, act.e_active, act.e_before, act.e_at_risk
  FROM spine s JOIN act USING (period_start) LEFT JOIN agg USING (period_start) LEFT JOIN fc USING (period_start)
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

/** Only the whole-window figures (one query). `known.base`: the shared tables for the same options, when the caller has them. */
export async function runKpiSummary(engine: Engine, options: Partial<AnalysisOptions> = {}, known: Pick<Known, 'base'> = {}): Promise<KpiSummary> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const base = known.base ?? await prepareBase(engine, o);
  const [s] = await queryRows<RawCounts & { as_of: string; from_day: string; to_day: string; observed_days: number; avg_lifespan_days: number | null }>(engine, kpisSql(o, base).summary);
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
  // One lookup of the shared tables (with the gaps) for both queries (the calendar, when Jalali,
  // is ensured by runKpiSummary before either query runs).
  const base = await prepareBase(engine, o, { gaps: true });
  const summary = await runKpiSummary(engine, o, { base });
  const rows = await queryRows<RawCounts & { period_start: string; period_end: string; complete: boolean }>(engine, kpisSql(o, base).periods);
  const periods = rows.map((r): KpiPeriod => ({
    period: periodLabel(r.period_start, o.period, o.calendar),
    start: r.period_start,
    end: r.period_end,
    complete: r.complete,
    ...values(r),
  }));
  return { summary, periods };
}
