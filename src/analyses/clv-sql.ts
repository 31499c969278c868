/**
 * SQL of the predictive-CLV analysis: per-customer (x, t_x, T) summaries built in DuckDB from the
 * canonical `orders` table. Everything is in whole calendar days here; the division into the
 * model's unit (days or weeks) happens in JS, so grouping on integers is exact.
 *
 * Conventions (they reproduce lifetimes' `cdnow_customers_summary.csv` exactly, see docs/clv.md):
 * - a purchase is a customer's purchase DAY: orders of one customer on one calendar day
 *   (`ordered_at` wall time) are merged and their amounts summed;
 * - calibration = days ≤ calibrationEnd (inclusive); holdout = days in (calibrationEnd, asOf];
 *   orders after asOf are ignored;
 * - x = calibration purchase days − 1; recency_days = last − first calibration purchase day;
 *   age_days (T) = calibrationEnd − first purchase day (a plain day difference, not + 1);
 * - repeat_spend = summed amounts of the calibration purchase days after the first one
 *   (mean repeat spend = repeat_spend / x); NULL amounts count as 0;
 * - customers whose first purchase is after calibrationEnd are not in the summary.
 */
import { dateLiteral, literal } from '../engine/sql';

/** The scratch table the summary is materialised in (TEMP: per connection, gone on close). */
export const CLV_SUMMARY_TABLE = 'clv_customer_summary';

export interface ClvSqlDays {
  asOf: string;
  /** calibration end; equal to asOf when there is no holdout */
  calibrationEnd: string;
}

function purchaseDaysCtes(d: ClvSqlDays): string {
  return `purchase_days AS (
    SELECT CAST(customer_id AS VARCHAR) AS customer_id, CAST(ordered_at AS DATE) AS day,
      sum(COALESCE(CAST(amount AS DOUBLE), 0)) AS amount
    FROM orders
    WHERE customer_id IS NOT NULL AND ordered_at IS NOT NULL AND CAST(ordered_at AS DATE) <= ${dateLiteral(d.asOf)}
    GROUP BY 1, 2
  ),
  firsts AS (SELECT customer_id, min(day) AS first_day FROM purchase_days GROUP BY customer_id)`;
}

/** CREATE the per-customer summary table. */
export function clvSummaryTableSql(d: ClvSqlDays): string {
  const cal = dateLiteral(d.calibrationEnd);
  return `CREATE OR REPLACE TEMP TABLE ${CLV_SUMMARY_TABLE} AS
  WITH ${purchaseDaysCtes(d)}
  SELECT p.customer_id, f.first_day,
    CAST(count(*) FILTER (WHERE p.day <= ${cal}) - 1 AS INTEGER) AS x,
    CAST(max(p.day) FILTER (WHERE p.day <= ${cal}) - f.first_day AS INTEGER) AS recency_days,
    CAST(${cal} - f.first_day AS INTEGER) AS age_days,
    COALESCE(sum(p.amount) FILTER (WHERE p.day <= ${cal} AND p.day > f.first_day), 0) AS repeat_spend,
    CAST(count(*) FILTER (WHERE p.day > ${cal}) AS INTEGER) AS holdout
  FROM purchase_days p JOIN firsts f USING (customer_id)
  WHERE f.first_day <= ${cal}
  GROUP BY p.customer_id, f.first_day`;
}

/** The purchase days up to asOf with each customer's first purchase day, materialised once for the data phase. */
export const CLV_PURCHASE_DAYS_TABLE = 'clv_purchase_days';

/** CREATE the purchase-day table (customer_id, day, amount, first_day): the CTEs above, computed once. */
export function clvPurchaseDaysTableSql(d: ClvSqlDays): string {
  return `CREATE OR REPLACE TEMP TABLE ${CLV_PURCHASE_DAYS_TABLE} AS
  WITH ${purchaseDaysCtes(d)}
  SELECT p.customer_id, p.day, p.amount, f.first_day FROM purchase_days p JOIN firsts f USING (customer_id)`;
}

/** clvSummaryTableSql from the purchase-day table (the same rows). */
export function clvSummaryFromPurchaseDaysSql(d: ClvSqlDays): string {
  const cal = dateLiteral(d.calibrationEnd);
  return `CREATE OR REPLACE TEMP TABLE ${CLV_SUMMARY_TABLE} AS
  SELECT customer_id, first_day,
    CAST(count(*) FILTER (WHERE day <= ${cal}) - 1 AS INTEGER) AS x,
    CAST(max(day) FILTER (WHERE day <= ${cal}) - first_day AS INTEGER) AS recency_days,
    CAST(${cal} - first_day AS INTEGER) AS age_days,
    COALESCE(sum(amount) FILTER (WHERE day <= ${cal} AND day > first_day), 0) AS repeat_spend,
    CAST(count(*) FILTER (WHERE day > ${cal}) AS INTEGER) AS holdout
  FROM ${CLV_PURCHASE_DAYS_TABLE}
  WHERE first_day <= ${cal}
  GROUP BY customer_id, first_day`;
}

/** clvLateCustomersSql from the purchase-day table. */
export function clvLateFromPurchaseDaysSql(d: ClvSqlDays): string {
  return `SELECT CAST(count(DISTINCT customer_id) AS DOUBLE) AS n FROM ${CLV_PURCHASE_DAYS_TABLE} WHERE first_day > ${dateLiteral(d.calibrationEnd)}`;
}

/** clvRepeatDaysSql from the purchase-day table. */
export function clvRepeatDaysFromPurchaseDaysSql(d: ClvSqlDays, startDay: string): string {
  return `SELECT CAST(day - ${dateLiteral(startDay)} AS INTEGER) AS day, CAST(count(*) AS DOUBLE) AS purchases
  FROM ${CLV_PURCHASE_DAYS_TABLE}
  WHERE first_day <= ${dateLiteral(d.calibrationEnd)} AND day > first_day
  GROUP BY 1 ORDER BY 1`;
}

/** Distinct (x, recency_days, age_days) with their customer count and summed holdout purchases. */
export const CLV_GROUPED_SQL = `SELECT x, recency_days, age_days, CAST(count(*) AS DOUBLE) AS n, CAST(sum(holdout) AS DOUBLE) AS holdout
  FROM ${CLV_SUMMARY_TABLE} GROUP BY x, recency_days, age_days ORDER BY x, recency_days, age_days`;

/**
 * CLV_GROUPED_SQL and CLV_GROUP_SPEND_SQL in one pass: per distinct (x, recency_days, age_days)
 * the customers, summed holdout purchases and Σ max(z̄, 0), ordered by x, recency, age.
 */
export const CLV_GROUPED_SPEND_SQL = `SELECT x, recency_days, age_days, CAST(count(*) AS DOUBLE) AS n, CAST(sum(holdout) AS DOUBLE) AS holdout,
    CAST(sum(CASE WHEN x > 0 THEN greatest(repeat_spend / x, 0) ELSE 0 END) AS DOUBLE) AS zsum
  FROM ${CLV_SUMMARY_TABLE} GROUP BY x, recency_days, age_days ORDER BY x, recency_days, age_days`;

/** Every customer's summary in one result, by customer_id (the compute phase's input). */
export const CLV_CUSTOMERS_SQL = `SELECT customer_id, x, recency_days, age_days, CAST(repeat_spend AS DOUBLE) AS repeat_spend, holdout
  FROM ${CLV_SUMMARY_TABLE} ORDER BY customer_id`;

/**
 * Per distinct (x, recency_days, age_days): customers and the sum of their mean repeat spends
 * (negative means counted as 0), for the CLV total (the expected order value is linear in z̄).
 */
export const CLV_GROUP_SPEND_SQL = `SELECT x, recency_days, age_days, CAST(count(*) AS DOUBLE) AS n,
    sum(CASE WHEN x > 0 THEN greatest(repeat_spend / x, 0) ELSE 0 END) AS zsum
  FROM ${CLV_SUMMARY_TABLE} GROUP BY x, recency_days, age_days`;

/** Distinct (x, mean repeat spend) of repeat buyers with their count. */
export const CLV_SPEND_SQL = `SELECT x, repeat_spend / x AS zbar, CAST(count(*) AS DOUBLE) AS n
  FROM ${CLV_SUMMARY_TABLE} WHERE x > 0 GROUP BY x, zbar ORDER BY x, zbar`;

/** Customers with an order up to asOf whose first purchase is after the calibration end. */
export function clvLateCustomersSql(d: ClvSqlDays): string {
  return `WITH ${purchaseDaysCtes(d)}
  SELECT CAST(count(*) AS DOUBLE) AS n FROM firsts WHERE first_day > ${dateLiteral(d.calibrationEnd)}`;
}

/**
 * Repeat purchase days (calibration and holdout) of the calibration cohort per day offset from
 * `startDay` (the earliest first purchase), for the cumulative tracking check.
 */
export function clvRepeatDaysSql(d: ClvSqlDays, startDay: string): string {
  return `WITH ${purchaseDaysCtes(d)}
  SELECT CAST(p.day - ${dateLiteral(startDay)} AS INTEGER) AS day, CAST(count(*) AS DOUBLE) AS purchases
  FROM purchase_days p JOIN firsts f USING (customer_id)
  WHERE f.first_day <= ${dateLiteral(d.calibrationEnd)} AND p.day > f.first_day
  GROUP BY 1 ORDER BY 1`;
}

/** One page of per-customer summaries, by customer_id, after `after` (keyset paging). */
export function clvCustomerPageSql(after: string | null, limit: number): string {
  return `SELECT customer_id, x, recency_days, age_days, repeat_spend, holdout FROM ${CLV_SUMMARY_TABLE}
  ${after === null ? '' : `WHERE customer_id > ${literal(after)}`} ORDER BY customer_id LIMIT ${limit}`;
}
