/**
 * Scored customers of the CLV analysis as CSV: the report command's `--customers-out` file and
 * the app's download share these columns and this number format (docs/report-json.md).
 */
import Papa from 'papaparse';
import type { ChurnTier, ClvCustomer } from '../analyses/clv-types';

/** Churn-risk tiers as written in the report JSON and the CSV. */
export const TIER_KEY: Record<ChurnTier, 'active' | 'at_risk' | 'likely_lost' | 'one_time_new' | 'one_time_lapsed'> = {
  active: 'active', 'at-risk': 'at_risk', 'likely-lost': 'likely_lost', 'one-time-new': 'one_time_new', 'one-time-lapsed': 'one_time_lapsed',
};

export const CUSTOMERS_CSV_FIELDS = [
  'customer_id', 'frequency', 'recency', 'T', 'p_alive', 'expected_purchases', 'expected_aov', 'clv',
  'tier', 'p_alive_pareto_nbd', 'mean_repeat_spend', 'holdout_purchases',
] as const;

/**
 * Plain decimal notation (never an exponent): 6 decimal places; below 0.001 in absolute value,
 * 6 significant digits (so a tiny P(alive) keeps its size). Empty for null.
 */
export function csvNumber(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  const abs = Math.abs(v);
  const digits = abs >= 1e-3 ? 6 : Math.min(100, 5 - Math.floor(Math.log10(abs)));
  const text = v.toFixed(digits).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/** CSV lines (no header) for a batch of scored customers. */
export function clvCustomersCsvRows(batch: readonly ClvCustomer[]): string {
  return Papa.unparse(
    {
      fields: [...CUSTOMERS_CSV_FIELDS],
      data: batch.map((c) => {
        const [recency, age] = 'recencyWeeks' in c ? [c.recencyWeeks, c.ageWeeks] : [c.recencyDays, c.ageDays];
        return [
          c.customerId, String(c.frequency), csvNumber(recency), csvNumber(age), csvNumber(c.pAlive), csvNumber(c.expectedPurchases),
          csvNumber(c.expectedOrderValue), csvNumber(c.clv), TIER_KEY[c.tier], csvNumber(c.pAliveParetoNbd), csvNumber(c.meanRepeatSpend),
          csvNumber(c.holdoutPurchases),
        ];
      }),
    },
    { header: false },
  );
}

export const CUSTOMERS_CSV_HEADER = Papa.unparse([[...CUSTOMERS_CSV_FIELDS]]);
