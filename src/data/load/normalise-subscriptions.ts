import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import type { LoadPlan } from './plan';
import { REJECTS_TABLE } from './rejects';
import { ident, literal } from '../../engine/sql';
import { amountExpr, currencyExpr, datePartsExpr, gregorianDate, idExpr, textExpr } from './sql-normalise';
import { buildJalaliMap } from './jalali-map';
import { rawRowText } from './raw-row-text';

/**
 * How the rows of a subscriptions file were read:
 * - `one-row-per-subscription`: an export of subscriptions (Stripe → Subscriptions), each row a
 *   subscription with its current plan, from its start to its end (or ongoing);
 * - `billing-periods`: invoice-like rows, several per subscription, each a segment
 *   [period_start, period_end) with its own amount (plan changes over time).
 */
export type SubscriptionRowMode = 'one-row-per-subscription' | 'billing-periods';

/** The canonical columns of `subscriptions`, in order (docs/ARCHITECTURE.md, docs/loading.md). */
export const SUBSCRIPTION_COLUMNS = [
  'source_file', 'source_row', 'row_kind', 'subscription_id', 'customer_id', 'plan', 'status', 'quantity', 'amount',
  'currency', 'interval', 'interval_count', 'mrr', 'started_at', 'trial_end', 'canceled_at', 'ended_at', 'period_start',
  'period_end', 'mrr_from', 'mrr_to',
] as const;

/** `CREATE TABLE` column list of an empty `subscriptions`. */
export const SUBSCRIPTION_TABLE_DDL = `source_file VARCHAR, source_row BIGINT, row_kind VARCHAR, subscription_id VARCHAR,
  customer_id VARCHAR, plan VARCHAR, status VARCHAR, quantity DOUBLE, amount DOUBLE, currency VARCHAR, "interval" VARCHAR,
  interval_count INTEGER, mrr DOUBLE, started_at DATE, trial_end DATE, canceled_at DATE, ended_at DATE, period_start DATE,
  period_end DATE, mrr_from DATE, mrr_to DATE`;

/** Billing intervals per year, by unit: MRR = amount × quantity × this ÷ 12 ÷ interval_count
 *  (monthly × 12 ÷ 12 = as is, yearly ÷ 12, weekly × 52 ÷ 12, daily × 365.25 ÷ 12). */
export const INTERVALS_PER_YEAR = { day: 365.25, week: 52, month: 12, year: 1 } as const;

/** Interval words → (unit, multiplier of interval_count). Compared lower-case, spaces, `_` and `-` removed. */
const INTERVAL_WORDS: [string, 'day' | 'week' | 'month' | 'year', number][] = [
  ...['day', 'days', 'daily', 'd'].map((w) => [w, 'day', 1] as [string, 'day', number]),
  ...['week', 'weeks', 'weekly', 'w', 'wk'].map((w) => [w, 'week', 1] as [string, 'week', number]),
  ...['month', 'months', 'monthly', 'm', 'mo', 'mon'].map((w) => [w, 'month', 1] as [string, 'month', number]),
  ...['quarter', 'quarters', 'quarterly', 'q'].map((w) => [w, 'month', 3] as [string, 'month', number]),
  ...['halfyear', 'semiannual', 'semiannually', 'biannual'].map((w) => [w, 'month', 6] as [string, 'month', number]),
  ...['year', 'years', 'yearly', 'annual', 'annually', 'y', 'yr', 'a'].map((w) => [w, 'year', 1] as [string, 'year', number]),
];

/** The date roles of a subscriptions file, each read into a DATE (the day as written; Stripe's are UTC days). */
const DATE_ROLES = ['started_at', 'period_start', 'period_end', 'trial_end', 'cancelled_at', 'ended_at'] as const;
type DateRole = (typeof DATE_ROLES)[number];

/** Statuses whose subscription never brings MRR (Stripe: the first payment never succeeded). */
const NEVER_PAID = ['incomplete', 'incomplete_expired'];
/** Statuses whose current period is not paid: MRR stops at the current period's start. */
const STOPPED = ['unpaid', 'paused'];
/** Statuses of a subscription that has ended. */
const ENDED = ['canceled', 'incomplete_expired', 'ended', 'expired'];

export interface SubscriptionsStageResult {
  /** Data rows read from the raw relation (malformed CSV rows not included). */
  rows: number;
  /** Rows kept: subscriptions, or billing periods in `billing-periods` mode. */
  kept: number;
  rowMode: SubscriptionRowMode;
  notes: string[];
}

/**
 * Raw text relation → `stageTable` with the canonical `subscriptions` columns; every row that
 * cannot be used goes to `load_rejects` with its reason (docs/loading.md, "Subscriptions").
 * One SQL pass types and judges every row; the rules of what counts as MRR and when are here,
 * so the analysis (src/analyses/subscriptions.ts) only reads `mrr` over [mrr_from, mrr_to):
 *
 * - mrr = amount × quantity (1 when absent) × months-per-unit ÷ interval_count, i.e. the amount
 *   of one bill spread evenly over the months it pays for (year ÷ 12, week × 52 ÷ 12,
 *   day × 365.25 ÷ 12, quarter = 3 months);
 * - ended_at (the day the subscription ended; NULL = ongoing): the `Ended At` column; else, for a
 *   subscription whose status says it has ended (canceled, incomplete_expired), `Canceled At` —
 *   or the current period's end when `Cancel At Period End` is true (Stripe then ends it there).
 *   A `Canceled At` on a subscription still active is a scheduled cancellation: not an end yet;
 * - mrr_from = the start (segment: period start), or the trial end when later — trials bring no
 *   MRR; NULL for incomplete / incomplete_expired (never paid, never counts);
 * - mrr_to (exclusive) = ended_at (segment: the earlier of period end and ended_at); for unpaid
 *   and paused subscriptions the current period's start: the period that was not paid.
 */
export async function normaliseSubscriptions(
  engine: Engine, plan: LoadPlan, rawTable: string, stageTable: string, columns: string[],
): Promise<SubscriptionsStageResult> {
  const m = plan.mapping;
  const typed = `${rawTable}_typed`;
  const file = literal(plan.fileName);
  const notes: string[] = [];
  const customer = m.customer_id
    ? `coalesce(${idExpr(m.customer_id)}, lower(${textExpr(m.customer_email)}))`
    : `lower(${textExpr(m.customer_email)})`;

  // Several rows per subscription with billing periods = an invoice-like file (segments).
  // A Stripe subscriptions export has one row per subscription: a repeated id there is a duplicate.
  let rowMode: SubscriptionRowMode = 'one-row-per-subscription';
  if (plan.preset !== 'stripe' && m.period_start && m.period_end) {
    const [{ repeats }] = await queryRows<{ repeats: number }>(engine, m.subscription_id
      ? `SELECT count(sid) - count(DISTINCT sid) AS repeats FROM (SELECT ${idExpr(m.subscription_id)} AS sid FROM ${ident(rawTable)})`
      : 'SELECT 1 AS repeats');
    if (repeats > 0) rowMode = 'billing-periods';
  }
  const segments = rowMode === 'billing-periods';

  // Dates: parts in SQL; Jalali dates through one map of the distinct dates of every date column.
  const dateCols = DATE_ROLES.filter((r) => m[r]);
  const dp = (r: DateRole) => `dp_${r}`;
  let gdate = (r: DateRole) => gregorianDate(`a.${dp(r)}`);
  let joins = '';
  if (plan.date.calendar === 'jalali' && dateCols.length > 0) {
    const map = `${rawTable}_jmap`;
    await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(map + '_dp')} AS
      ${dateCols.map((r) => `SELECT DISTINCT ${datePartsExpr(m[r], plan.date)} AS dp FROM ${ident(rawTable)}`).join(' UNION ')}`);
    await buildJalaliMap(engine, map + '_dp', 'dp', map);
    await engine.query(`DROP TABLE ${ident(map + '_dp')}`);
    joins = dateCols.map((r) => `LEFT JOIN ${ident(map)} j_${r} ON j_${r}.y = a.${dp(r)}.y AND j_${r}.mo = a.${dp(r)}.mo AND j_${r}.d = a.${dp(r)}.d`).join('\n');
    gdate = (r) => `j_${r}.gdate`;
  }
  const day = (r: DateRole) => (m[r] ? gdate(r) : 'NULL::DATE');

  const key = (x: string) => `replace(replace(replace(lower(${x}), ' ', ''), '_', ''), '-', '')`;
  const words = `[${INTERVAL_WORDS.map(([w]) => literal(w)).join(', ')}]`;
  const units = `[${INTERVAL_WORDS.map(([, u]) => literal(u)).join(', ')}]`;
  const mults = `[${INTERVAL_WORDS.map(([, , n]) => n).join(', ')}]`;
  const list = (xs: string[]) => xs.map(literal).join(', ');
  const rawText = rawRowText(columns.map((c) => `r.${ident(c)}`));
  // Without a subscription id: each row its own subscription; billing periods: one per customer and plan.
  const sid = m.subscription_id ? 'sid_raw'
    : segments ? `customer_id || ' / ' || coalesce(plan, '')` : `'row-' || __row`;
  const dateChecks = dateCols.map((r) => `
        WHEN t_${r} IS NOT NULL AND ${dp(r)} IS NULL THEN 'unparseable date'
        WHEN t_${r} IS NOT NULL AND d_${r} IS NULL THEN 'invalid date'`).join('');
  const dateDetail = dateCols.map((r) => `
        WHEN reason IN ('unparseable date', 'invalid date') AND t_${r} IS NOT NULL AND d_${r} IS NULL
          THEN ${literal(`${m[r]}: `)} || CASE reason WHEN 'unparseable date' THEN 'date not readable: ' ELSE 'no such date: ' END || t_${r}`).join('');

  await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(typed)} AS
    WITH a AS (
      SELECT r.__row, ${customer} AS customer_id, ${idExpr(m.subscription_id)} AS sid_raw, ${textExpr(m.plan)} AS plan,
        lower(${textExpr(m.status)}) AS status_raw,
        ${amountExpr(m.amount, plan.amountStyle)} AS amount, ${textExpr(m.amount)} AS amount_raw,
        ${amountExpr(m.quantity, 'dot-decimal')} AS quantity, ${textExpr(m.quantity)} AS quantity_raw,
        ${m.currency ? currencyExpr(textExpr(m.currency)) : plan.currency ? literal(plan.currency) : 'NULL::VARCHAR'} AS currency,
        ${textExpr(m.interval)} AS interval_raw,
        ${amountExpr(m.interval_count, 'dot-decimal')} AS interval_count_raw, ${textExpr(m.interval_count)} AS interval_count_text,
        lower(coalesce(${textExpr(m.cancel_at_period_end)}, '')) IN ('true', 't', 'yes', 'y', '1') AS cancel_at_period_end,
        ${dateCols.map((r) => `${datePartsExpr(m[r], plan.date)} AS ${dp(r)}, ${textExpr(m[r])} AS t_${r}`).join(', ') || 'NULL AS no_dates'}
      FROM ${ident(rawTable)} r),
    b AS (
      SELECT a.*, ${DATE_ROLES.map((r) => `${day(r)} AS d_${r}`).join(', ')},
        ${m.interval ? `list_position(${words}, ${key('interval_raw')})` : 'NULL::INTEGER'} AS iv,
        CASE WHEN status_raw = 'cancelled' THEN 'canceled' ELSE replace(status_raw, ' ', '_') END AS status0
      FROM a ${joins}),
    c AS (
      SELECT b.*, ${sid} AS subscription_id,
        ${m.interval ? `${units}[iv]` : `'month'`} AS unit,
        coalesce(interval_count_raw, 1) * ${m.interval ? `${mults}[iv]` : '1'} AS n_intervals,
        coalesce(status0, CASE WHEN d_ended_at IS NOT NULL THEN 'canceled' ELSE 'active' END) AS status,
        ${segments ? 'd_period_start' : 'coalesce(d_started_at, d_period_start)'} AS start_day
      FROM b),
    d AS (
      SELECT c.*,
        CASE WHEN d_ended_at IS NOT NULL THEN d_ended_at
             WHEN status IN (${list(ENDED)}) THEN
               CASE WHEN cancel_at_period_end AND d_period_end IS NOT NULL THEN d_period_end ELSE coalesce(d_cancelled_at, d_period_end) END
        END AS end_day
      FROM c),
    e AS (
      SELECT d.*, CASE
        WHEN customer_id IS NULL THEN 'missing customer id'${dateChecks}
        WHEN start_day IS NULL THEN 'missing start date'
        WHEN amount IS NULL THEN 'unparseable amount'
        WHEN amount < 0 THEN 'negative amount'
        WHEN quantity_raw IS NOT NULL AND (quantity IS NULL OR quantity < 0) THEN 'unparseable quantity'
        WHEN ${m.interval ? 'coalesce(iv, 0) = 0' : 'false'} THEN 'unknown billing interval'
        WHEN interval_count_text IS NOT NULL AND (interval_count_raw IS NULL OR interval_count_raw < 1
          OR interval_count_raw <> round(interval_count_raw)) THEN 'unknown billing interval'
        WHEN status IN (${list(ENDED)}) AND end_day IS NULL THEN 'canceled without an end date'
        WHEN end_day < start_day OR ${segments ? 'd_period_end <= d_period_start' : 'false'} THEN 'ends before it starts'
        ${segments ? "WHEN d_period_end IS NULL THEN 'missing period end'" : ''}
      END AS reason FROM d),
    f AS (SELECT e.*, CASE
        WHEN reason = 'missing customer id' THEN 'no customer id or e-mail on this row'${dateDetail}
        WHEN reason = 'missing start date' THEN 'no start date on this row'
        WHEN reason = 'unparseable amount' THEN 'amount not a number: ' || coalesce(amount_raw, '(empty)')
        WHEN reason = 'negative amount' THEN 'negative amount ' || amount_raw
        WHEN reason = 'unparseable quantity' THEN 'quantity not a number ≥ 0: ' || quantity_raw
        WHEN reason = 'unknown billing interval' THEN 'billing interval not understood: '
          || coalesce(interval_raw, '') || coalesce(' × ' || interval_count_text, '')
        WHEN reason = 'canceled without an end date' THEN 'status ' || status || ' but no end, cancellation or period end date'
        WHEN reason = 'ends before it starts' THEN 'ends ' || coalesce(least(end_day, d_period_end), end_day)::VARCHAR
          || ' before it starts ' || start_day::VARCHAR
        WHEN reason = 'missing period end' THEN 'no billing period end on this row'
      END AS detail FROM e)
    SELECT f.*, CASE WHEN f.reason IS NOT NULL THEN ${rawText} END AS raw_text
    FROM f JOIN ${ident(rawTable)} r ON r.__row = f.__row`);

  // A subscription read twice (export), or two billing periods of one subscription that overlap:
  // the first row (by period start, then file order) is kept.
  const dupReason = segments ? 'overlapping period' : 'duplicate subscription id';
  await engine.query(`UPDATE ${ident(typed)} t SET reason = ${literal(dupReason)}, detail = x.detail, raw_text = x.raw_text
    FROM (
      SELECT v.__row, ${segments
        ? `'period ' || v.start_day::VARCHAR || ' – ' || v.d_period_end::VARCHAR || ' overlaps an earlier period of ' || v.subscription_id || ' (to ' || v.prev_end::VARCHAR || ')'`
        : `'subscription ' || v.subscription_id || ' already read from row ' || v.first_row`} AS detail, ${rawText} AS raw_text
      FROM (SELECT __row, subscription_id, start_day, d_period_end,
              max(d_period_end) OVER (PARTITION BY subscription_id ORDER BY start_day, __row ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end,
              min(__row) OVER (PARTITION BY subscription_id) AS first_row
            FROM ${ident(typed)} WHERE reason IS NULL) v JOIN ${ident(rawTable)} r USING (__row)
      WHERE ${segments ? 'v.prev_end > v.start_day' : 'v.__row <> v.first_row'}) x
    WHERE t.__row = x.__row`);
  await engine.query(`INSERT INTO ${REJECTS_TABLE}
    SELECT ${file}, NULL, __row, reason, detail, raw_text FROM ${ident(typed)} WHERE reason IS NOT NULL ORDER BY __row`);

  // Kept rows → canonical columns. In billing-periods mode the subscription's start and end are
  // those of all its periods: start = the start column, else its first period's start.
  const startedAt = segments ? 'coalesce(d_started_at, min(start_day) OVER (PARTITION BY subscription_id))' : 'start_day';
  const endedAt = segments ? 'max(end_day) OVER (PARTITION BY subscription_id)' : 'end_day';
  // greatest/least skip NULLs: no trial → the start; no end → open.
  const mrrFrom = `CASE WHEN status IN (${list(NEVER_PAID)}) THEN NULL ELSE greatest(start_day, d_trial_end) END`;
  const stop = `CASE WHEN status IN (${list(STOPPED)}) THEN coalesce(d_period_start, start_day) END`;
  const mrrTo = segments ? `least(d_period_end, end_day, ${stop})` : `least(end_day, ${stop})`;
  await engine.query(`CREATE OR REPLACE TABLE ${ident(stageTable)} AS
    SELECT ${file} AS source_file, __row AS source_row, ${literal(segments ? 'period' : 'subscription')} AS row_kind,
      subscription_id, customer_id, plan, status, coalesce(quantity, 1) AS quantity, amount, currency,
      unit AS "interval", n_intervals::INTEGER AS interval_count,
      amount * coalesce(quantity, 1) * (CASE unit ${Object.entries(INTERVALS_PER_YEAR).map(([u, n]) => `WHEN '${u}' THEN ${n}`).join(' ')} END)::DOUBLE
        / 12 / n_intervals AS mrr,
      ${startedAt} AS started_at, d_trial_end AS trial_end, d_cancelled_at AS canceled_at, ${endedAt} AS ended_at,
      d_period_start AS period_start, d_period_end AS period_end, ${mrrFrom} AS mrr_from, ${mrrTo} AS mrr_to
    FROM ${ident(typed)} WHERE reason IS NULL ORDER BY __row`);
  await engine.query(`DROP TABLE IF EXISTS ${ident(typed)}`);
  await engine.query(`DROP TABLE IF EXISTS ${ident(rawTable + '_jmap')}`);

  const [{ rows }] = await queryRows<{ rows: number }>(engine, `SELECT count(*) AS rows FROM ${ident(rawTable)}`);
  const [s] = await queryRows<{ kept: number; subs: number; trials: number; never: number; stopped: number }>(engine,
    `SELECT count(*) AS kept, count(DISTINCT subscription_id) AS subs, count(*) FILTER (WHERE trial_end > started_at) AS trials,
       count(*) FILTER (WHERE mrr_from IS NULL) AS never, count(*) FILTER (WHERE status IN (${list(STOPPED)})) AS stopped
     FROM ${ident(stageTable)}`);
  if (segments) notes.push(`${s.kept} billing periods of ${s.subs} subscriptions: each period counts from its start to its end.`);
  if (!m.interval) notes.push('No billing interval column: every amount is read as monthly.');
  if (s.trials > 0) notes.push(`${s.trials} subscriptions started with a trial: no MRR before the trial ends.`);
  if (s.never > 0) notes.push(`${s.never} incomplete subscriptions (first payment never made) bring no MRR.`);
  if (s.stopped > 0) notes.push(`${s.stopped} unpaid or paused subscriptions: MRR counted up to their current period's start.`);
  return { rows, kept: s.kept, rowMode, notes };
}
