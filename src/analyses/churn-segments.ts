import { queryRows, type Engine } from '../engine/engine';
import { ensureCalendar } from './calendar';
import { requireColumn } from './columns';
import { resolveOptions, type AnalysisOptions } from './options';
import { periodLabel } from './periods';
import { ratio } from './ratio';
import { LATEST_ORDER_DAY, prepareBase, type AnalysisBase } from './base';
import { firstOrderCte, scopeCtes } from './scope';
import { wilson } from './wilson';
import { PERSONA_GROUPS } from './persona-groups';
import { ident } from '../engine/sql';

/**
 * Churn at asOf per customer group. Groups come from the customer's FIRST order: a column of
 * `orders` (channel, city, product, …) or 'cohort' (period of the first order); or 'persona': the
 * groups of `rn_persona_groups` (build it with buildPersonaGroups first; personas may overlap). Definitions as in
 * churn.ts. Ranked by the lower end of the Wilson 95% interval, so a small group with a high
 * rate does not outrank a large group whose high rate is certain.
 */
export interface ChurnSegmentOptions extends AnalysisOptions {
  /** 'cohort' or a column of `orders` read on the first order */
  by: string;
}

export interface ChurnSegment {
  /** group value; null = missing/empty; cohorts are period labels */
  segment: string | null;
  customers: number;
  notYetAtRisk: number;
  atRisk: number;
  churned: number;
  churnRate: number | null;
  /** Wilson 95% interval of churnRate; null when atRisk = 0 */
  low: number | null;
  high: number | null;
}

export function churnSegmentsSql(options: Partial<ChurnSegmentOptions> & { by: string }, base?: AnalysisBase): string {
  const o = resolveOptions(options);
  const n = o.churnDays;
  const byCohort = options.by === 'cohort';
  if (options.by === 'persona') {
    // Personas (persona-groups.ts): a customer counts once in every persona they belong to.
    return `WITH ${scopeCtes(o, [], LATEST_ORDER_DAY, { base })}
  SELECT g.segment, count(*) AS customers,
    count(*) FILTER (WHERE c.first_day > p.as_of - ${n}) AS not_yet_at_risk,
    count(*) FILTER (WHERE c.first_day <= p.as_of - ${n}) AS at_risk,
    count(*) FILTER (WHERE c.first_day <= p.as_of - ${n} AND c.last_day <= p.as_of - ${n}) AS churned
  FROM cust0 c JOIN ${ident(PERSONA_GROUPS)} g USING (customer_id), params p
  GROUP BY 1`;
  }
  const segment = byCohort ? 'CAST(c.first_period AS VARCHAR)' : `NULLIF(CAST(f.value AS VARCHAR), '')`;
  return `WITH ${scopeCtes(o, byCohort ? [] : [options.by], LATEST_ORDER_DAY, { base })}${byCohort ? '' : `,
  ${firstOrderCte('first_ord', options.by)}`}
  SELECT ${segment} AS segment, count(*) AS customers,
    count(*) FILTER (WHERE c.first_day > p.as_of - ${n}) AS not_yet_at_risk,
    count(*) FILTER (WHERE c.first_day <= p.as_of - ${n}) AS at_risk,
    count(*) FILTER (WHERE c.first_day <= p.as_of - ${n} AND c.last_day <= p.as_of - ${n}) AS churned
  FROM ${byCohort ? 'cust' : 'cust0'} c ${byCohort ? '' : 'JOIN first_ord f USING (customer_id)'}, params p
  GROUP BY 1`;
}

export async function runChurnSegments(engine: Engine, options: Partial<ChurnSegmentOptions> & { by: string }): Promise<ChurnSegment[]> {
  const o = resolveOptions(options);
  if (o.calendar === 'jalali') await ensureCalendar(engine, o);
  if (options.by !== 'cohort' && options.by !== 'persona') await requireColumn(engine, 'orders', options.by);
  const rows = await queryRows<{ segment: string | null; customers: number; not_yet_at_risk: number; at_risk: number; churned: number }>(
    engine, churnSegmentsSql({ ...o, by: options.by }, await prepareBase(engine, o)));
  const out = rows.map((r): ChurnSegment => {
    const ci = wilson(r.churned, r.at_risk);
    return {
      segment: options.by === 'cohort' && r.segment !== null ? periodLabel(r.segment, o.period, o.calendar) : r.segment,
      customers: r.customers,
      notYetAtRisk: r.not_yet_at_risk,
      atRisk: r.at_risk,
      churned: r.churned,
      churnRate: ratio(r.churned, r.at_risk),
      low: ci?.low ?? null,
      high: ci?.high ?? null,
    };
  });
  return out.sort((a, b) =>
    (b.low ?? -1) - (a.low ?? -1) || (b.churnRate ?? -1) - (a.churnRate ?? -1) || b.atRisk - a.atRisk ||
    String(a.segment).localeCompare(String(b.segment)));
}
