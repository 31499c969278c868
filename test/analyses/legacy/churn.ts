// Frozen copy of src/analyses/churn.ts before the performance work: the oracle of old-vs-new.test.ts.
import { queryRows, type Engine } from '../../../src/engine/engine';
import { activityCtes, activityJoins, churnCounts } from './activity';
import { ensureCalendar } from '../../../src/analyses/calendar';
import { resolveOptions, type AnalysisOptions } from '../../../src/analyses/options';
import { periodLabel } from '../../../src/analyses/periods';
import { ratio } from '../../../src/analyses/ratio';
import { scopeCtes } from './scope';

/**
 * Churn for shops (no subscriptions): at an evaluation day D (asOf, or the last day of a period)
 * - recency = D − last order day (days);
 * - churned = recency ≥ churnDays, i.e. no order on the churnDays days ending with D;
 * - not yet at risk = first order within those churnDays days (D − first order day < churnDays);
 * - churn rate = churned ÷ at risk, at risk = customers whose first order is ≥ churnDays days old.
 */
export interface ChurnStatus {
  asOf: string;
  churnDays: number;
  /** customers with an order up to asOf */
  customers: number;
  /** with an order in the last churnDays days (including new customers) */
  active: number;
  notYetAtRisk: number;
  atRisk: number;
  churned: number;
  churnRate: number | null;
}

export interface ChurnPeriod {
  period: string;
  start: string;
  end: string;
  /** the evaluation day D: last day of the period, or asOf for the running period */
  evaluatedOn: string;
  complete: boolean;
  /** customers with a first order on or before D */
  customers: number;
  active: number;
  notYetAtRisk: number;
  atRisk: number;
  churned: number;
  churnRate: number | null;
}

export interface ChurnResult {
  status: ChurnStatus;
  overTime: ChurnPeriod[];
}

export function churnSql(options: Partial<AnalysisOptions> = {}): { status: string; overTime: string } {
  const o = resolveOptions(options);
  const n = o.churnDays;
  const status = `WITH ${scopeCtes(o)}
  SELECT CAST(p.as_of AS VARCHAR) AS as_of, count(c.customer_id) AS customers,
    count(c.customer_id) FILTER (WHERE c.last_day > p.as_of - ${n}) AS active,
    count(c.customer_id) FILTER (WHERE c.first_day > p.as_of - ${n}) AS not_yet_at_risk,
    count(c.customer_id) FILTER (WHERE c.first_day <= p.as_of - ${n}) AS at_risk,
    count(c.customer_id) FILTER (WHERE c.first_day <= p.as_of - ${n} AND c.last_day <= p.as_of - ${n}) AS churned
  FROM params p LEFT JOIN cust c ON TRUE GROUP BY p.as_of`;
  const e = activityJoins('s', 'eff_end', 'e', n);
  const overTime = `WITH ${scopeCtes(o)}, ${activityCtes(n)}
  SELECT CAST(s.period_start AS VARCHAR) AS period_start, CAST(s.period_end AS VARCHAR) AS period_end,
    CAST(CAST(s.eff_end - 1 AS DATE) AS VARCHAR) AS evaluated_on, s.complete, ${e.columns}
  FROM spine s ${e.joins}
  WHERE s.in_window ORDER BY s.period_start`;
  return { status, overTime };
}

export async function runChurn(engine: Engine, options: Partial<AnalysisOptions> = {}): Promise<ChurnResult> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  const sql = churnSql(o);
  const [s] = await queryRows<{ as_of: string; customers: number; active: number; not_yet_at_risk: number; at_risk: number; churned: number }>(engine, sql.status);
  const status: ChurnStatus = {
    asOf: s.as_of,
    churnDays: o.churnDays,
    customers: s.customers,
    active: s.active,
    notYetAtRisk: s.not_yet_at_risk,
    atRisk: s.at_risk,
    churned: s.churned,
    churnRate: ratio(s.churned, s.at_risk),
  };
  const rows = await queryRows<{ period_start: string; period_end: string; evaluated_on: string; complete: boolean; e_active: number; e_before: number; e_at_risk: number }>(engine, sql.overTime);
  const overTime = rows.map((r): ChurnPeriod => {
    const c = churnCounts(r.e_active, r.e_before, r.e_at_risk);
    return {
      period: periodLabel(r.period_start, o.period, o.calendar),
      start: r.period_start,
      end: r.period_end,
      evaluatedOn: r.evaluated_on,
      complete: r.complete,
      customers: r.e_before,
      active: r.e_active,
      ...c,
      churnRate: ratio(c.churned, c.atRisk),
    };
  });
  return { status, overTime };
}

