import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/datasets/cdnow beside the checkout (never copied into the project). */
export const CDNOW_DIR = fileURLToPath(new URL('../../../shared/datasets/cdnow/', import.meta.url));

export interface CsvCustomer { id: number; x: number; tx: number; T: number; zbar: number }

/**
 * lifetimes' `cdnow_customers_summary_with_transactions.csv` (ID, x, t_x, T, zbar; weeks, 2 decimals):
 * the inputs lifetimes' published numbers were computed from.
 */
export function cdnowSummaryCsv(): CsvCustomer[] {
  const lines = readFileSync(`${CDNOW_DIR}cdnow_customers_summary_with_transactions.csv`, 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((l) => {
    const [id, x, tx, T, zbar] = l.split(',').map(Number);
    return { id, x, tx, T, zbar };
  });
}
