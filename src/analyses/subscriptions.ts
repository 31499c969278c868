import { queryRows, type Engine } from '../engine/engine';
import { dateLiteral, literal } from '../engine/sql';
import { checkDay } from './options';
import { ratio } from './ratio';

/**
 * Subscriptions (MRR) from the canonical `subscriptions` table (docs/metrics.md, "Subscriptions
 * (MRR)"). The loader has already decided what each row brings and when: `mrr` (money per
 * month) over the days [mrr_from, mrr_to) — trials, incomplete and unpaid subscriptions and
 * billing periods are handled there (docs/loading.md). Here:
 *
 * - month m (Gregorian) is measured on its last day D (the running month: on asOf, flagged
 *   `complete: false`). A row counts in m when mrr_from ≤ D < mrr_to (mrr_to NULL = ongoing):
 *   it is paying at the end of the month. A subscription cancelled on the 15th therefore counts
 *   in no month after the previous one; one started on the last day counts in full.
 * - MRR(m) = Σ mrr of the rows counting in m, in one currency; customer MRR the same per
 *   customer; a customer is *paying* when their MRR > 0.
 * - movements, per customer between m − 1 and m (before → now): new (0 → > 0, never paid
 *   before), reactivation (0 → > 0, paid in an earlier month), expansion (both > 0, up),
 *   contraction (both > 0, down), churned (> 0 → 0). They reconcile:
 *   MRR(m) = MRR(m − 1) + new + reactivation + expansion − contraction − churned.
 */
export interface SubscriptionOptions {
  /** Last observed day (YYYY-MM-DD), inclusive. Default: the latest start, period start,
   *  cancellation or end day in the data (an export's date; future period ends do not count). */
  asOf?: string;
  /** List the months overlapping [from, to] (days); earlier months still decide new vs reactivation. */
  from?: string;
  to?: string;
  /** ISO code. Default: the currency of the most subscriptions. Rows without a currency count in any. */
  currency?: string | null;
  /** Window of the trailing net revenue retention (months). Default 12. */
  trailingMonths?: number;
}

export interface MrrMovements {
  new: number;
  reactivation: number;
  expansion: number;
  /** ≥ 0, subtracted */
  contraction: number;
  /** ≥ 0, subtracted */
  churned: number;
}

export interface SubscriptionMonth {
  /** `2024-03` */
  month: string;
  /** first day of the month */
  start: string;
  /** the day MRR is measured on: the month's last day, or asOf for the running month */
  measuredOn: string;
  complete: boolean;
  /** money per month, in `currency` */
  mrr: number;
  /** paying subscriptions (mrr > 0) and paying customers */
  subscriptions: number;
  customers: number;
  /** mrr ÷ customers (money per customer per month); MRR = ARPA × customers */
  arpa: number | null;
  /** MRR and paying customers at the end of the previous month */
  startMrr: number;
  startCustomers: number;
  movements: MrrMovements;
  /** customers per movement */
  newCustomers: number;
  reactivatedCustomers: number;
  expandedCustomers: number;
  contractedCustomers: number;
  churnedCustomers: number;
  /** mrr − startMrr = new + reactivation + expansion − contraction − churned */
  netNewMrr: number;
  /** (churned + contraction − expansion) ÷ startMrr — DOMAIN's revenue churn rate, as a share */
  netRevenueChurnRate: number | null;
  /** (churned + contraction) ÷ startMrr */
  grossRevenueChurnRate: number | null;
  /** (startMrr + expansion − contraction − churned) ÷ startMrr */
  netRevenueRetention: number | null;
  /** (startMrr − contraction − churned) ÷ startMrr */
  grossRevenueRetention: number | null;
  /** churned customers ÷ paying customers at the start */
  customerChurnRate: number | null;
  /** MRR now of the customers paying `trailingMonths` months earlier ÷ their MRR then */
  trailingNrr: number | null;
}

export interface SubscriptionsResult {
  asOf: string;
  currency: string | null;
  /** subscriptions per currency (every row, whatever its status), most first */
  currencies: { currency: string | null; subscriptions: number }[];
  trailingMonths: number;
  months: SubscriptionMonth[];
  /** the last complete month listed, or null */
  latest: SubscriptionMonth | null;
}

/** Options after defaults: what `subscriptionsSql` needs. */
export interface SubscriptionSqlOptions {
  asOf: string;
  from?: string;
  to?: string;
  currency: string | null;
  trailingMonths: number;
}

function check(o: SubscriptionOptions): void {
  if (o.asOf !== undefined) checkDay(o.asOf, 'asOf');
  if (o.from !== undefined) checkDay(o.from, 'from');
  if (o.to !== undefined) checkDay(o.to, 'to');
  if (o.currency != null && !/^[A-Z]{3}$/.test(o.currency)) throw new RangeError(`currency must be an upper-case ISO code, got ${JSON.stringify(o.currency)}`);
  const n = o.trailingMonths;
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) throw new RangeError(`trailingMonths must be a whole number ≥ 1, got ${n}`);
}

/** Latest day that is an event up to the export (starts, period starts, cancellations, ends); NULL when empty. */
export const SUBSCRIPTIONS_AS_OF_SQL = `SELECT CAST(max(greatest(started_at, period_start, canceled_at,
  CASE WHEN row_kind = 'subscription' THEN ended_at END)) AS VARCHAR) AS as_of FROM subscriptions`;

/**
 * One row per month of the spine (k = 1 is the first month with MRR): its figures from the
 * paying (month, customer) pairs, the movements from each pair and the same customer's pair of
 * the month before, and the trailing NRR base from the pairs `trailingMonths` earlier.
 */
export function subscriptionsSql(o: SubscriptionSqlOptions): string {
  const asOf = dateLiteral(o.asOf);
  const inCurrency = o.currency === null ? 'true' : `(currency IS NULL OR currency = ${literal(o.currency)})`;
  const n = o.trailingMonths;
  return `WITH
  rows_ AS (SELECT customer_id, subscription_id, mrr, mrr_from, mrr_to FROM subscriptions
    WHERE ${inCurrency} AND mrr_from IS NOT NULL AND mrr_from <= ${asOf} AND (mrr_to IS NULL OR mrr_to > mrr_from)),
  bounds AS (SELECT CAST(date_trunc('month', min(mrr_from)) AS TIMESTAMP) AS first_month FROM rows_),
  spine AS (
    SELECT CAST(m.generate_series AS DATE) AS month_start,
      row_number() OVER (ORDER BY m.generate_series) AS k,
      least(CAST(m.generate_series + INTERVAL 1 MONTH AS DATE) - 1, ${asOf}) AS measured_on,
      CAST(m.generate_series + INTERVAL 1 MONTH AS DATE) - 1 <= ${asOf} AS complete
    FROM bounds, generate_series(bounds.first_month, CAST(date_trunc('month', ${asOf}) AS TIMESTAMP), INTERVAL 1 MONTH) m
    WHERE bounds.first_month IS NOT NULL),
  -- (month, customer): MRR of the rows paying on the measuring day; only paying customers kept.
  paying AS (
    SELECT s.k, r.customer_id, sum(r.mrr) AS mrr, count(DISTINCT r.subscription_id) FILTER (WHERE r.mrr > 0) AS subs
    FROM spine s JOIN rows_ r ON r.mrr_from <= s.measured_on AND (r.mrr_to IS NULL OR r.mrr_to > s.measured_on)
    GROUP BY s.k, r.customer_id HAVING sum(r.mrr) > 0),
  first_paid AS (SELECT customer_id, min(k) AS k0 FROM paying GROUP BY customer_id),
  pairs AS (
    SELECT coalesce(a.k, b.k + 1) AS k, coalesce(a.customer_id, b.customer_id) AS customer_id,
      coalesce(b.mrr, 0) AS before, coalesce(a.mrr, 0) AS now
    FROM paying a FULL JOIN paying b ON b.customer_id = a.customer_id AND b.k = a.k - 1),
  moves AS (
    SELECT p.k,
      sum(now) FILTER (WHERE before = 0 AND f.k0 = p.k) AS new_mrr,
      count(*) FILTER (WHERE before = 0 AND f.k0 = p.k) AS new_customers,
      sum(now) FILTER (WHERE before = 0 AND f.k0 < p.k) AS reactivation_mrr,
      count(*) FILTER (WHERE before = 0 AND f.k0 < p.k) AS reactivated_customers,
      sum(now - before) FILTER (WHERE before > 0 AND now > before) AS expansion_mrr,
      count(*) FILTER (WHERE before > 0 AND now > before) AS expanded_customers,
      sum(before - now) FILTER (WHERE now > 0 AND before > now) AS contraction_mrr,
      count(*) FILTER (WHERE now > 0 AND before > now) AS contracted_customers,
      sum(before) FILTER (WHERE now = 0) AS churned_mrr,
      count(*) FILTER (WHERE now = 0) AS churned_customers
    FROM pairs p JOIN first_paid f USING (customer_id) GROUP BY p.k),
  totals AS (SELECT k, sum(mrr) AS mrr, count(*) AS customers, sum(subs) AS subscriptions FROM paying GROUP BY k),
  -- Trailing NRR: customers paying at k - n, their MRR at k over their MRR then.
  trail AS (
    SELECT b.k + ${n} AS k, sum(b.mrr) AS base_mrr, sum(coalesce(a.mrr, 0)) AS kept_mrr
    FROM paying b LEFT JOIN paying a ON a.customer_id = b.customer_id AND a.k = b.k + ${n}
    GROUP BY b.k)
  SELECT s.k, CAST(s.month_start AS VARCHAR) AS month_start, CAST(s.measured_on AS VARCHAR) AS measured_on, s.complete,
    coalesce(t.mrr, 0) AS mrr, coalesce(t.customers, 0) AS customers, coalesce(t.subscriptions, 0) AS subscriptions,
    coalesce(p.mrr, 0) AS start_mrr, coalesce(p.customers, 0) AS start_customers,
    coalesce(mv.new_mrr, 0) AS new_mrr, coalesce(mv.new_customers, 0) AS new_customers,
    coalesce(mv.reactivation_mrr, 0) AS reactivation_mrr, coalesce(mv.reactivated_customers, 0) AS reactivated_customers,
    coalesce(mv.expansion_mrr, 0) AS expansion_mrr, coalesce(mv.expanded_customers, 0) AS expanded_customers,
    coalesce(mv.contraction_mrr, 0) AS contraction_mrr, coalesce(mv.contracted_customers, 0) AS contracted_customers,
    coalesce(mv.churned_mrr, 0) AS churned_mrr, coalesce(mv.churned_customers, 0) AS churned_customers,
    tr.base_mrr AS trailing_base, tr.kept_mrr AS trailing_kept
  FROM spine s LEFT JOIN totals t USING (k) LEFT JOIN totals p ON p.k = s.k - 1 LEFT JOIN moves mv ON mv.k = s.k
    LEFT JOIN trail tr ON tr.k = s.k
  ORDER BY s.k`;
}

interface Row {
  k: number; month_start: string; measured_on: string; complete: boolean; mrr: number; customers: number; subscriptions: number;
  start_mrr: number; start_customers: number; new_mrr: number; new_customers: number; reactivation_mrr: number;
  reactivated_customers: number; expansion_mrr: number; expanded_customers: number; contraction_mrr: number;
  contracted_customers: number; churned_mrr: number; churned_customers: number; trailing_base: number | null; trailing_kept: number | null;
}

function monthOf(r: Row): SubscriptionMonth {
  const mv: MrrMovements = {
    new: r.new_mrr, reactivation: r.reactivation_mrr, expansion: r.expansion_mrr, contraction: r.contraction_mrr, churned: r.churned_mrr,
  };
  const start = r.start_mrr;
  return {
    month: r.month_start.slice(0, 7), start: r.month_start, measuredOn: r.measured_on, complete: r.complete,
    mrr: r.mrr, subscriptions: r.subscriptions, customers: r.customers, arpa: ratio(r.mrr, r.customers),
    startMrr: start, startCustomers: r.start_customers, movements: mv,
    newCustomers: r.new_customers, reactivatedCustomers: r.reactivated_customers, expandedCustomers: r.expanded_customers,
    contractedCustomers: r.contracted_customers, churnedCustomers: r.churned_customers,
    netNewMrr: r.mrr - start,
    netRevenueChurnRate: ratio(mv.churned + mv.contraction - mv.expansion, start),
    grossRevenueChurnRate: ratio(mv.churned + mv.contraction, start),
    netRevenueRetention: ratio(start + mv.expansion - mv.contraction - mv.churned, start),
    grossRevenueRetention: ratio(start - mv.contraction - mv.churned, start),
    customerChurnRate: ratio(r.churned_customers, r.start_customers),
    trailingNrr: r.trailing_base === null ? null : ratio(r.trailing_kept ?? 0, r.trailing_base),
  };
}

/** The currency analysed: the one asked for, else the one with the most subscriptions. */
async function chooseCurrency(engine: Engine, asked: string | null | undefined) {
  const currencies = await queryRows<{ currency: string | null; subscriptions: number }>(engine,
    `SELECT currency, count(DISTINCT subscription_id) AS subscriptions FROM subscriptions GROUP BY currency
     ORDER BY subscriptions DESC, currency NULLS LAST`);
  const known = currencies.filter((c) => c.currency !== null);
  if (asked && known.length > 0 && !known.some((c) => c.currency === asked)) {
    throw new RangeError(`No subscriptions in ${asked}: they are in ${known.map((c) => `${c.currency} (${c.subscriptions})`).join(', ')}`);
  }
  return { currencies, currency: asked ?? known[0]?.currency ?? null };
}

export async function runSubscriptions(engine: Engine, options: SubscriptionOptions = {}): Promise<SubscriptionsResult> {
  check(options);
  const { currencies, currency } = await chooseCurrency(engine, options.currency);
  const asOf = options.asOf ?? (await queryRows<{ as_of: string | null }>(engine, SUBSCRIPTIONS_AS_OF_SQL))[0].as_of;
  const trailingMonths = options.trailingMonths ?? 12;
  if (asOf === null) return { asOf: '', currency, currencies, trailingMonths, months: [], latest: null };
  const rows = await queryRows<Row>(engine, subscriptionsSql({ ...options, asOf, currency, trailingMonths }));
  // List the months overlapping [from, to]: month start ≤ to and month end ≥ from.
  const from = options.from?.slice(0, 7);
  const to = (options.to !== undefined && options.to < asOf ? options.to : asOf).slice(0, 7);
  const months = rows.map(monthOf).filter((m) => (from === undefined || m.month >= from) && m.month <= to);
  const complete = months.filter((m) => m.complete);
  return { asOf, currency, currencies, trailingMonths, months, latest: complete.at(-1) ?? null };
}
