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
 * The events come from the `gaps` histogram (purchase days by the gap to the previous one, see
 * base.ts) and `cust0`: a spell starts on a first purchase day or after a gap > churnDays; it ends
 * on the day before such a gap (day − gap) or on the customer's last purchase day.
 *
 * CTEs (need `gaps` and `cust0` from scope.ts): `activity_curve(at_day, active)`,
 * `first_curve(at_day, customers)` (customers whose first order day ≤ at_day).
 */
export function activityCtes(churnDays: number): string {
  return `activity_events AS (
    SELECT day AS at_day, n AS delta FROM gaps WHERE gap IS NULL OR gap > ${churnDays}
    UNION ALL
    SELECT CAST(day - CAST(gap AS INTEGER) + ${churnDays} AS DATE) AS at_day, -n AS delta FROM gaps WHERE gap > ${churnDays}
    UNION ALL
    SELECT CAST(last_day + ${churnDays} AS DATE) AS at_day, -count(*) AS delta FROM cust0 GROUP BY last_day
  ),
  activity_curve AS (
    SELECT at_day, CAST(sum(sum(delta)) OVER (ORDER BY at_day) AS BIGINT) AS active FROM activity_events GROUP BY at_day
  ),
  first_curve AS (
    SELECT first_day AS at_day, sum(count(*)) OVER (ORDER BY first_day) AS customers FROM cust0 GROUP BY first_day
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
