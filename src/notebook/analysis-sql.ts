/**
 * "Open the SQL": the query behind an analysis panel, as a SQL cell the user can read and edit.
 * It is the analysis' own SQL builder with the notebook's parameters (self-contained: it reads
 * `orders` and friends directly, not the panel's cached per-customer tables).
 */
import { cohortsSql } from '../analyses/cohorts';
import { churnSql } from '../analyses/churn';
import { kpisSql } from '../analyses/kpis';
import { npsSql } from '../analyses/nps';
import { rfmSql } from '../analyses/rfm';
import type { AnalysisKind, Params } from './document';

/** null when the analysis is not one SQL query (CLV fits models in JS; MRR needs its data's as-of day first). */
export function analysisSql(kind: AnalysisKind, p: Params): string | null {
  const o = { period: p.period, calendar: p.calendar, churnDays: p.churnDays, from: p.from || undefined, to: p.to || undefined };
  switch (kind) {
    case 'kpis': return kpisSql(o).periods;
    case 'cohorts': return cohortsSql(o);
    case 'churn': return churnSql(o).overTime;
    case 'rfm': return rfmSql({}).segments;
    case 'nps': return npsSql(o).overall;
    default: return null;
  }
}
