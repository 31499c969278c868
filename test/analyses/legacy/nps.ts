// Frozen copy of src/analyses/nps.ts before the performance work: the oracle of old-vs-new.test.ts.
import { queryRows, type Engine } from '../../../src/engine/engine';
import { ensureCalendar } from '../../../src/analyses/calendar';
import { requireColumn } from '../../../src/analyses/columns';
import { csatScore, npsScore, SCORE_AGGREGATES, VALID_RESPONSE, type CsatScore, type NpsScore, type ScoreCounts } from '../../../src/analyses/nps-scores';
import { resolveOptions, type AnalysisOptions } from '../../../src/analyses/options';
import { jalaliColumn, periodLabel, periodOfSql, spineSql } from '../../../src/analyses/periods';
import { rfmCtes } from './rfm';
import { extraColumn, scopeCtes } from './scope';

/**
 * Satisfaction from `responses(customer_id, responded_at, score, scale, comment)`. Every response
 * counts (a customer answering twice counts twice) except in `behaviour`, which uses each
 * customer's latest NPS answer. Default asOf: the latest order or response day, whichever is later.
 * Responses in the reporting window count; groups come from the customer's first order.
 */
export interface NpsOptions extends AnalysisOptions {
  /** 'cohort', 'rfm' (segment at asOf) or a column of `orders` read on the first order (channel, city) */
  by?: string;
}

export interface NpsPeriod { period: string; start: string; end: string; complete: boolean; nps: NpsScore; csat: CsatScore }
export interface NpsGroup { segment: string | null; nps: NpsScore; csat: CsatScore }
export interface NpsBehaviour {
  category: 'promoter' | 'passive' | 'detractor';
  /** respondents whose latest NPS answer is in this category */
  respondents: number;
  /** of them, customers with at least one order up to asOf */
  customers: number;
  repeatCustomers: number;
  /** customers with > 1 order ÷ customers */
  repeatRate: number | null;
  atRisk: number;
  churned: number;
  /** churned ÷ at risk at asOf, as in churn.ts */
  churnRate: number | null;
}
export interface NpsResult {
  asOf: string;
  nps: NpsScore;
  csat: CsatScore;
  overTime: NpsPeriod[];
  byGroup: NpsGroup[];
  behaviour: NpsBehaviour[];
}

const AS_OF_DEFAULT = `GREATEST((SELECT CAST(max(ordered_at) AS DATE) FROM orders), (SELECT CAST(max(responded_at) AS DATE) FROM responses))`;

export function npsSql(options: Partial<NpsOptions> = {}): { overall: string; overTime: string; byGroup: string | null; behaviour: string } {
  const o = resolveOptions(options);
  const by = options.by;
  const column = by !== undefined && by !== 'cohort' && by !== 'rfm' ? by : undefined;
  const jalali = o.calendar === 'jalali';
  const period = jalali ? `cal.${jalaliColumn(o.period)}` : periodOfSql('r.responded_at', o.period, o.calendar);
  const head = `WITH ${scopeCtes(o, column === undefined ? [] : [column], AS_OF_DEFAULT)}, ${rfmCtes()},
  resp AS (
    SELECT * FROM (
      SELECT r.customer_id, r.responded_at, CAST(r.responded_at AS DATE) AS day, CAST(r.score AS DOUBLE) AS score,
        lower(CAST(r.scale AS VARCHAR)) AS scale, ${period} AS period_start
      FROM responses r ${jalali ? 'LEFT JOIN calendar_days cal ON cal.day = CAST(r.responded_at AS DATE)' : ''}
      WHERE r.responded_at < (SELECT as_of_end FROM params))
    WHERE ${VALID_RESPONSE}
  ),
  wresp AS (SELECT resp.* FROM resp, win WHERE resp.day BETWEEN win.from_day AND win.to_day)`;
  const overall = `${head}
  SELECT CAST((SELECT as_of FROM params) AS VARCHAR) AS as_of, ${SCORE_AGGREGATES} FROM wresp`;
  const overTime = `${head},
  rspine AS (${spineSql('(SELECT min(day) FROM resp)', '(SELECT as_of FROM params)', o.period, o.calendar)})
  SELECT CAST(s.period_start AS VARCHAR) AS period_start, CAST(s.period_end AS VARCHAR) AS period_end,
    s.period_end <= (SELECT as_of_end FROM params) AS complete, ${SCORE_AGGREGATES}
  FROM rspine s LEFT JOIN resp USING (period_start), win w
  WHERE s.period_end > w.from_day AND s.period_start <= w.to_day
  GROUP BY ALL ORDER BY 1`;
  const segment = by === undefined ? null
    : by === 'cohort' ? 'CAST(c.first_period AS VARCHAR)'
    : by === 'rfm' ? 'rfm.segment'
    : `NULLIF(CAST(f.${extraColumn(by)} AS VARCHAR), '')`;
  const join = by === 'cohort' ? 'LEFT JOIN cust c USING (customer_id)'
    : by === 'rfm' ? 'LEFT JOIN rfm USING (customer_id)'
    : 'LEFT JOIN (SELECT * FROM ord WHERE order_rank = 1) f USING (customer_id)';
  const byGroup = segment === null ? null : `${head}
  SELECT ${segment} AS segment, ${SCORE_AGGREGATES}
  FROM wresp ${join}
  GROUP BY 1 ORDER BY 1 NULLS LAST`;
  const n = o.churnDays;
  const behaviour = `${head},
  latest AS (
    SELECT customer_id, CASE WHEN score >= 9 THEN 'promoter' WHEN score <= 6 THEN 'detractor' ELSE 'passive' END AS category
    FROM wresp WHERE scale = 'nps'
    QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY responded_at DESC, score) = 1
  )
  SELECT l.category, count(*) AS respondents, count(c.customer_id) AS customers,
    count(*) FILTER (WHERE c.orders > 1) AS repeat_customers,
    count(*) FILTER (WHERE c.first_day <= p.as_of - ${n}) AS at_risk,
    count(*) FILTER (WHERE c.first_day <= p.as_of - ${n} AND c.last_day <= p.as_of - ${n}) AS churned
  FROM latest l LEFT JOIN cust c USING (customer_id), params p
  GROUP BY l.category`;
  return { overall, overTime, byGroup, behaviour };
}

export async function runNps(engine: Engine, options: Partial<NpsOptions> = {}): Promise<NpsResult> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') {
    await ensureCalendar(engine, o, [{ table: 'orders', column: 'ordered_at' }, { table: 'responses', column: 'responded_at' }]);
  }
  const by = options.by;
  if (by !== undefined && by !== 'cohort' && by !== 'rfm') await requireColumn(engine, 'orders', by);
  const sql = npsSql({ ...o, by });
  const [all] = await queryRows<ScoreCounts & { as_of: string }>(engine, sql.overall);
  const overTime = (await queryRows<ScoreCounts & { period_start: string; period_end: string; complete: boolean }>(engine, sql.overTime))
    .map((r): NpsPeriod => ({
      period: periodLabel(r.period_start, o.period, o.calendar), start: r.period_start, end: r.period_end,
      complete: r.complete, nps: npsScore(r), csat: csatScore(r),
    }));
  const byGroup = sql.byGroup === null ? [] : (await queryRows<ScoreCounts & { segment: string | null }>(engine, sql.byGroup))
    .map((r): NpsGroup => ({
      segment: by === 'cohort' && r.segment !== null ? periodLabel(r.segment, o.period, o.calendar) : r.segment,
      nps: npsScore(r), csat: csatScore(r),
    }));
  const rows = await queryRows<{ category: NpsBehaviour['category']; respondents: number; customers: number; repeat_customers: number; at_risk: number; churned: number }>(engine, sql.behaviour);
  const behaviour = (['promoter', 'passive', 'detractor'] as const).map((category): NpsBehaviour => {
    const r = rows.find((x) => x.category === category);
    const customers = r?.customers ?? 0;
    const atRisk = r?.at_risk ?? 0;
    return {
      category,
      respondents: r?.respondents ?? 0,
      customers,
      repeatCustomers: r?.repeat_customers ?? 0,
      repeatRate: customers === 0 ? null : (r?.repeat_customers ?? 0) / customers,
      atRisk,
      churned: r?.churned ?? 0,
      churnRate: atRisk === 0 ? null : (r?.churned ?? 0) / atRisk,
    };
  });
  return { asOf: all.as_of, nps: npsScore(all), csat: csatScore(all), overTime, byGroup, behaviour };
}
