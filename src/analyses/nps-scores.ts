import { ratio } from './ratio';

/**
 * NPS (0–10 "would you recommend"): promoters 9–10, passives 7–8, detractors 0–6;
 * NPS = 100 × (promoters − detractors) ÷ responses, −100..100.
 * CSAT (1–5): 100 × answers of 4 or 5 ÷ responses, 0..100.
 * Out-of-range scores are not responses (they are counted in `invalid`).
 */
export interface NpsScore {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

export interface CsatScore {
  responses: number;
  satisfied: number;
  csat: number | null;
}

/** SQL aggregates over rows with columns `scale` ('nps' | 'csat') and `score`. */
export const SCORE_AGGREGATES = `count(*) FILTER (WHERE scale = 'nps') AS nps_n,
  count(*) FILTER (WHERE scale = 'nps' AND score >= 9) AS promoters,
  count(*) FILTER (WHERE scale = 'nps' AND score <= 6) AS detractors,
  count(*) FILTER (WHERE scale = 'csat') AS csat_n,
  count(*) FILTER (WHERE scale = 'csat' AND score >= 4) AS satisfied`;

/** SQL condition for a valid response row. */
export const VALID_RESPONSE = `((scale = 'nps' AND score BETWEEN 0 AND 10) OR (scale = 'csat' AND score BETWEEN 1 AND 5))`;

export interface ScoreCounts {
  nps_n: number;
  promoters: number;
  detractors: number;
  csat_n: number;
  satisfied: number;
}

export function npsScore(c: ScoreCounts): NpsScore {
  const d = ratio(c.promoters - c.detractors, c.nps_n);
  return {
    responses: c.nps_n,
    promoters: c.promoters,
    passives: c.nps_n - c.promoters - c.detractors,
    detractors: c.detractors,
    nps: d === null ? null : 100 * d,
  };
}

export function csatScore(c: ScoreCounts): CsatScore {
  const s = ratio(c.satisfied, c.csat_n);
  return { responses: c.csat_n, satisfied: c.satisfied, csat: s === null ? null : 100 * s };
}
