import type { Table } from 'apache-arrow';
import { queryRows, type Engine, type QueryOptions } from '../engine/engine';
import { dateLiteral, ident, literal } from '../engine/sql';
import { customerSummarySelect, observedOrdersSelect, type AnalysisBase } from './base';
import { requireColumn, tableExists } from './columns';
import { addDays, epochDayOf } from './days';
import { runKpiSummary, type KpiSummary } from './kpis';
import { npsSql } from './nps';
import { csatScore, npsScore, type ScoreCounts } from './nps-scores';
import { checkDay, resolveOptions, type AnalysisOptions, type Calendar } from './options';
import { gregorianIso, jalaliDay } from './calendar';
import { isChannelMetric, metricKind, validateGoal, type Goal, type KpiGoalMetric } from '../goals/goal';

/**
 * A goal's metric over time (docs/metrics.md, "Goals"). "Measured on day D" = with the data up to
 * and including D (asOf = D). The baseline is measured at the start instant (start 00:00), i.e. on
 * the day before the start. Evaluation days: every month end from the start to
 * end = min(deadline, last data day), plus `end` itself; after the deadline a goal is judged at
 * its deadline.
 *
 * KPI metrics reuse the analyses themselves (`runKpiSummary`, `npsSql` + `npsScore`/`csatScore`)
 * with from/to/asOf; window metrics (repeat rate, CRR, AOV, historic CLTV, NPS, CSAT) are measured
 * over the trailing window as long as the goal (deadline − start + 1 days) ending on D, so the
 * baseline covers the equally long period just before the start and the value at the deadline
 * covers exactly the goal's period. Churn rate is evaluated on D. Channel metrics: see
 * `channelSeriesSql`.
 *
 * A segment (`goal.segmentSql`, trusted SQL built elsewhere) restricts every table read to its
 * customers: each query gets `orders` (and, for NPS/CSAT, `responses`) shadowed by a CTE of the
 * same name that keeps only the segment's rows. The shared per-customer cache (`prepareBase`) is
 * never used here (its cut-offs would evict the report's): each evaluation day gets its own
 * per-customer TEMP table, dropped at the end.
 */
export interface GoalSeriesOptions {
  /** inactivity window for churn and CRR, days (default 90) */
  churnDays?: number;
  /** last day with data (default: the latest order day; NPS/CSAT: latest order or answer day) */
  lastDay?: string;
  /** whose month ends the goal is evaluated on (default gregorian) */
  calendar?: Calendar;
  signal?: AbortSignal;
}

export interface GoalPoint {
  /** the day the value is measured on (data up to and including it) */
  day: string;
  value: number | null;
  /** the window the value covers (window metrics: trailing; channel metrics: start..day) */
  from: string | null;
  to: string;
  /** numerator and denominator of a share or score, when there is one (customers, answers) */
  count?: number;
  of?: number;
}

export interface GoalSeries {
  goalId: string;
  /** measured on the day before the start (the state at the start) */
  baseline: GoalPoint;
  /** evaluation days after the start, in order (empty: none yet) */
  points: GoalPoint[];
  /** the latest day with data (null: no data) */
  lastDataDay: string | null;
  /** min(deadline, lastDataDay); null when before the start */
  end: string | null;
  /** window length of window metrics, days (= deadline − start + 1) */
  windowDays: number;
  churnDays: number;
}

/**
 * Month ends from `start` to `end` (inclusive) plus `end` itself; empty when end < start. Month
 * ends of the calendar: Gregorian (31 March…) or Jalali (the last day of Esfand, 29 or 30 days…).
 */
export function evaluationDays(start: string, end: string, calendar: Calendar = 'gregorian'): string[] {
  if (end < start) return [];
  const out: string[] = [];
  // The first day of the month after the one holding `day`, in the calendar.
  const nextMonthStart = (day: string): string => {
    if (calendar === 'jalali') {
      const j = jalaliDay(day);
      return j.jm === 12 ? gregorianIso(j.jy + 1, 1, 1) : gregorianIso(j.jy, j.jm + 1, 1);
    }
    const [y, m] = day.split('-').map(Number);
    return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  };
  for (let day = start; ;) {
    const next = nextMonthStart(day);
    const monthEnd = addDays(next, -1);
    if (monthEnd >= end) break;
    out.push(monthEnd);
    day = next;
  }
  out.push(end);
  return out;
}

/** CTE text that shadows `orders` (and `responses`) by the segment's rows. */
function shadowCtes(segmentSql: string, tables: string[]): string {
  // (A trailing `;` is dropped and the subquery ends on its own line, so a trailing `--` comment cannot swallow the `)`.)
  const sub = segmentSql.replace(/;\s*$/, '');
  return tables.map((t) => `${t} AS (SELECT * FROM ${t} WHERE customer_id IN (${sub}\n))`).join(',\n  ');
}

/** Prefixes `WITH <shadow CTEs>` to a SELECT or WITH query. */
export function withSegment(sql: string, segmentSql: string, tables: string[] = ['orders']): string {
  const ctes = shadowCtes(segmentSql, tables);
  const m = /^\s*WITH\s+/i.exec(sql);
  if (m) return `WITH ${ctes},\n  ${sql.slice(m[0].length)}`;
  if (/^\s*(SELECT|FROM)\b/i.test(sql)) return `WITH ${ctes}\n${sql}`;
  throw new Error('withSegment: only SELECT / WITH queries can be restricted to a segment');
}

/** The engine seen through a segment: every SELECT/WITH query reads only the segment's rows. */
function segmentEngine(engine: Engine, segmentSql: string | null | undefined, tables: string[]): Engine {
  if (!segmentSql) return engine;
  return {
    kind: engine.kind,
    query: (sql: string, options?: QueryOptions): Promise<Table> => engine.query(withSegment(sql, segmentSql, tables), options),
    registerFile: (n, s) => engine.registerFile(n, s),
    dropFile: (n) => engine.dropFile(n),
    insertArrow: (t, a, o) => engine.insertArrow(t, a, o),
    cancel: () => engine.cancel(),
    onProgress: (l) => engine.onProgress(l),
    close: () => engine.close(),
  };
}

let tempCounter = 0;

/** Per-customer summary TEMP table of the (segment's) observed orders up to `asOf`, in the shape `prepareBase` builds. */
async function buildBase(engine: Engine, asOf: string, segmentSql: string | null | undefined, signal?: AbortSignal): Promise<AnalysisBase> {
  const name = `_rn_goal_${Date.now().toString(36)}_${(tempCounter++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const observed = `(${observedOrdersSelect(`CAST(${dateLiteral(asOf)} + 1 AS TIMESTAMP)`)})`;
  const select = customerSummarySelect(observed);
  await engine.query(`CREATE TEMP TABLE ${ident(name)} AS ${segmentSql ? withSegment(select, segmentSql) : select}`, { signal });
  return { asOf, customers: ident(name), gaps: null };
}

async function dropBase(engine: Engine, base: AnalysisBase): Promise<void> {
  await engine.query(`DROP TABLE IF EXISTS ${base.customers}`);
}

/** The KPI summary field each KPI metric reads. */
const KPI_FIELD: Partial<Record<KpiGoalMetric, keyof KpiSummary>> = {
  repeat_customer_rate: 'repeatCustomerRate',
  retention_rate: 'crr',
  churn_rate: 'churnRate',
  aov: 'aov',
  historic_cltv: 'historicCltv',
};

/**
 * One query for a channel metric's whole series. Existing customers = customers (of the segment)
 * whose first observed order is before `start` (ordered_at < start 00:00). For each of them,
 * `hit_day` = the first day on/after `start` (up to `end`) with an order whose channel is one of
 * `channels` (NULL: none). The value on D = existing customers with hit_day ≤ D ÷ existing
 * customers. Orders are the rows of `orders` (revenue orders: refunded/cancelled ones are not
 * there), customer and time known, as everywhere.
 */
export function channelSeriesSql(start: string, end: string, channels: string[], segmentSql?: string | null): string {
  checkDay(start, 'start');
  checkDay(end, 'end');
  const list = channels.length ? channels.map((c) => literal(c)).join(', ') : 'NULL';
  const observed = observedOrdersSelect(`CAST(${dateLiteral(end)} + 1 AS TIMESTAMP)`, `, CAST(o.${ident('channel')} AS VARCHAR) AS channel`);
  const sql = `WITH c AS (
    SELECT customer_id, min(day) AS first_day,
      min(day) FILTER (WHERE channel IN (${list}) AND day >= ${dateLiteral(start)}) AS hit_day
    FROM (${observed}) GROUP BY customer_id
  )
  SELECT CAST(hit_day AS VARCHAR) AS hit_day, count(*) AS customers
  FROM c WHERE first_day < ${dateLiteral(start)} GROUP BY hit_day ORDER BY hit_day NULLS FIRST`;
  return segmentSql ? withSegment(sql, segmentSql) : sql;
}

async function lastDataDay(engine: Engine, withResponses: boolean, signal?: AbortSignal): Promise<string | null> {
  const sql = withResponses
    ? `SELECT CAST(GREATEST((SELECT CAST(max(ordered_at) AS DATE) FROM orders), (SELECT CAST(max(responded_at) AS DATE) FROM responses)) AS VARCHAR) AS d`
    : `SELECT CAST(CAST(max(ordered_at) AS DATE) AS VARCHAR) AS d FROM orders WHERE customer_id IS NOT NULL`;
  const [r] = await queryRows<{ d: string | null }>(engine, sql, { signal });
  return r.d;
}

export async function runGoalSeries(engine: Engine, goal: Goal, options: GoalSeriesOptions = {}): Promise<GoalSeries> {
  const problems = validateGoal(goal);
  if (problems.length) throw new RangeError(problems.join(' '));
  const o = resolveOptions({ churnDays: options.churnDays, asOf: options.lastDay });
  const { signal } = options;
  const kind = metricKind(goal.metric);
  const survey = kind === 'nps' || kind === 'csat';
  if (survey && !(await tableExists(engine, 'responses'))) throw new Error('This goal needs survey answers: load a responses file first.');
  if (isChannelMetric(goal.metric)) await requireColumn(engine, 'orders', 'channel');

  // The last data day of the whole shop (not of the segment): the goal's clock.
  const last = options.lastDay ?? await lastDataDay(engine, survey, signal);
  const windowDays = epochDayOf(goal.deadline) - epochDayOf(goal.start) + 1;
  const baselineDay = addDays(goal.start, -1);
  const end = last === null ? null : (last < goal.deadline ? last : goal.deadline);
  const days = end === null ? [] : evaluationDays(goal.start, end, options.calendar ?? 'gregorian');
  const result = (baseline: GoalPoint, points: GoalPoint[]): GoalSeries => ({
    goalId: goal.id, baseline, points, lastDataDay: last, end: end !== null && end >= goal.start ? end : null, windowDays, churnDays: o.churnDays,
  });

  if (isChannelMetric(goal.metric)) {
    const seriesEnd = days.length ? days[days.length - 1] : baselineDay;
    const rows = await queryRows<{ hit_day: string | null; customers: number }>(engine,
      channelSeriesSql(goal.start, seriesEnd < goal.start ? goal.start : seriesEnd, goal.metric.channels, goal.segmentSql), { signal });
    const existing = rows.reduce((s, r) => s + Number(r.customers), 0);
    const at = (day: string): GoalPoint => {
      const count = rows.reduce((s, r) => s + (r.hit_day !== null && r.hit_day <= day ? Number(r.customers) : 0), 0);
      return { day, value: existing === 0 ? null : count / existing, from: goal.start, to: day, count, of: existing };
    };
    // The baseline: nobody can have ordered in a window that has not begun (0 of the existing customers).
    const baseline: GoalPoint = { day: baselineDay, value: existing === 0 ? null : 0, from: null, to: baselineDay, count: 0, of: existing };
    return result(baseline, days.map(at));
  }

  const kpiKind = kind as KpiGoalMetric;
  const seg = segmentEngine(engine, goal.segmentSql, survey ? ['orders', 'responses'] : ['orders']);
  const measure = async (day: string): Promise<GoalPoint> => {
    const from = addDays(day, 1 - windowDays);
    const opts: AnalysisOptions = { ...o, asOf: day, from, to: day, calendar: 'gregorian', period: 'month' };
    const base = await buildBase(engine, day, goal.segmentSql, signal);
    try {
      if (survey) {
        const [r] = await queryRows<ScoreCounts>(seg, npsSql(opts, base).overall, { signal });
        if (kpiKind === 'nps') {
          const s = npsScore(r);
          return { day, value: s.nps, from, to: day, count: s.promoters - s.detractors, of: s.responses };
        }
        const s = csatScore(r);
        return { day, value: s.csat, from, to: day, count: s.satisfied, of: s.responses };
      }
      const s = await runKpiSummary(seg, opts, { base });
      const value = s[KPI_FIELD[kpiKind]!] as number | null;
      const counts: Pick<GoalPoint, 'count' | 'of'> =
        kpiKind === 'repeat_customer_rate' ? { count: s.repeatCustomers, of: s.customers }
        : kpiKind === 'churn_rate' ? { count: s.churned, of: s.churnBase }
        : kpiKind === 'retention_rate' ? { count: s.activeAtEnd - s.newCustomers, of: s.activeAtStart }
        : kpiKind === 'aov' ? { of: s.orders }
        : { of: s.customers };
      return { day, value, from, to: day, ...counts };
    } finally {
      await dropBase(engine, base);
    }
  };
  const baseline = await measure(baselineDay);
  const points: GoalPoint[] = [];
  for (const d of days) points.push(await measure(d));
  return result(baseline, points);
}
