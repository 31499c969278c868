// Frozen copy of src/analyses/activity.ts before the performance work: the oracle of old-vs-new.test.ts.
/**
 * "Active at instant t" (t = a day at 00:00): the customer has an order on one of the `churnDays`
 * days before t, i.e. an order day d with t − churnDays ≤ d < t. Churned at t = at risk (first
 * order day < t − churnDays) and not active.
 *
 * Counting active customers at many instants with a range join would multiply every order day by
 * every instant it covers (too big at 10M rows, see DUCKDB_WASM.md). Instead each customer's order
 * days are merged into activity spells: an order on day d makes the customer active for
 * t in (d, d + churnDays]; consecutive days at most churnDays apart give one spell. A spell adds
 * +1 after its first day and −1 after last day + churnDays, so active(t) = the running sum of
 * the events strictly before t — one ASOF join per instant.
 *
 * CTEs (need `ord` and `cust` from scope.ts): `cdays`, `activity_curve(at_day, active)`,
 * `first_curve(at_day, customers)` (customers whose first order day ≤ at_day).
 */
export function activityCtes(churnDays: number): string {
  return `cdays AS (SELECT DISTINCT customer_id, day FROM ord),
  spells AS (
    SELECT day,
      day - lag(day) OVER (PARTITION BY customer_id ORDER BY day) AS gap_before,
      lead(day) OVER (PARTITION BY customer_id ORDER BY day) - day AS gap_after
    FROM cdays
  ),
  activity_events AS (
    SELECT day AS at_day, 1 AS delta FROM spells WHERE gap_before IS NULL OR gap_before > ${churnDays}
    UNION ALL
    SELECT CAST(day + ${churnDays} AS DATE) AS at_day, -1 AS delta FROM spells WHERE gap_after IS NULL OR gap_after > ${churnDays}
  ),
  activity_curve AS (
    SELECT at_day, sum(sum(delta)) OVER (ORDER BY at_day) AS active FROM activity_events GROUP BY at_day
  ),
  first_curve AS (
    SELECT first_day AS at_day, sum(count(*)) OVER (ORDER BY first_day) AS customers FROM cust GROUP BY first_day
  )`;
}

/**
 * SQL fragment joining the activity counts for instants in column `alias.col` (a DATE, meaning
 * 00:00 of that day): exposes `<name>_active`, `<name>_before` (customers with a first order
 * before t) and `<name>_at_risk` (first order before t − churnDays).
 */
export function activityJoins(alias: string, col: string, name: string, churnDays: number): { joins: string; columns: string } {
  const t = `${alias}.${col}`;
  return {
    joins: `ASOF LEFT JOIN activity_curve ${name}_a ON ${t} > ${name}_a.at_day
      ASOF LEFT JOIN first_curve ${name}_f ON ${t} > ${name}_f.at_day
      ASOF LEFT JOIN first_curve ${name}_r ON CAST(${t} - ${churnDays} AS DATE) > ${name}_r.at_day`,
    columns: `COALESCE(${name}_a.active, 0) AS ${name}_active, COALESCE(${name}_f.customers, 0) AS ${name}_before,
      COALESCE(${name}_r.customers, 0) AS ${name}_at_risk`,
  };
}

/** Churn counts at one instant from the three counts `activityJoins` exposes. Customers whose
 *  first order is within the window are all active (they bought inside it), so the active
 *  at-risk customers are the active ones minus those. */
export function churnCounts(active: number, before: number, atRisk: number): { atRisk: number; notYetAtRisk: number; churned: number } {
  const notYetAtRisk = before - atRisk;
  return { atRisk, notYetAtRisk, churned: atRisk - (active - notYetAtRisk) };
}
