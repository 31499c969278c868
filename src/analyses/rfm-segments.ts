import { literal } from '../engine/sql';

/**
 * The 11 named RFM segments from the R × F score grid. Base: the widely used 10-cell regex map
 * (`[1-2][1-2]` hibernating, `[1-2][3-4]` at risk, `[1-2]5` can't lose, `3[1-2]` about to sleep,
 * `33` need attention, `[3-4][4-5]` loyal, `41` promising, `51` new, `[4-5][2-3]` potential
 * loyalists, `5[4-5]` champions); the 11th, Lost, is its lowest-recency low-frequency corner
 * (R = 1, F = 1–2), split off Hibernating (which keeps R = 2, F = 1–2).
 */
export const RFM_SEGMENTS = [
  'Champions',
  'Loyal Customers',
  'Potential Loyalists',
  'New Customers',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'At Risk',
  "Can't Lose Them",
  'Hibernating',
  'Lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

/** RFM_GRID[r − 1][f − 1]: rows R = 1..5 (5 = most recent), columns F = 1..5 (5 = most orders). */
export const RFM_GRID: readonly (readonly RfmSegment[])[] = [
  /* R1 */ ['Lost', 'Lost', 'At Risk', 'At Risk', "Can't Lose Them"],
  /* R2 */ ['Hibernating', 'Hibernating', 'At Risk', 'At Risk', "Can't Lose Them"],
  /* R3 */ ['About to Sleep', 'About to Sleep', 'Need Attention', 'Loyal Customers', 'Loyal Customers'],
  /* R4 */ ['Promising', 'Potential Loyalists', 'Potential Loyalists', 'Loyal Customers', 'Loyal Customers'],
  /* R5 */ ['New Customers', 'Potential Loyalists', 'Potential Loyalists', 'Champions', 'Champions'],
];

export function rfmSegment(r: number, f: number): RfmSegment {
  return RFM_GRID[r - 1][f - 1];
}

/** SQL CASE mapping integer columns `r`, `f` (1..5) to the segment name. */
export function rfmSegmentSql(r: string, f: string): string {
  const whens: string[] = [];
  RFM_GRID.forEach((row, ri) => row.forEach((name, fi) => whens.push(`WHEN ${(ri + 1) * 10 + fi + 1} THEN ${literal(name)}`)));
  return `CASE ${r} * 10 + ${f} ${whens.join(' ')} END`;
}
