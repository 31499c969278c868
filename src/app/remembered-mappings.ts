import type { LoadPlan } from '../data/load/plan';

/**
 * A mapping the user confirmed is remembered per header signature (in localStorage: the headers
 * only, never data), so next month's export of the same shop loads without questions.
 */
type Remembered = Pick<LoadPlan, 'table' | 'mapping' | 'date' | 'amountStyle' | 'currency' | 'lineItems'>;
const KEY = 'rn.mapping.';

export function rememberMapping(signature: string, plan: LoadPlan): void {
  try {
    const { table, mapping, date, amountStyle, currency, lineItems } = plan;
    localStorage.setItem(KEY + signature, JSON.stringify({ table, mapping, date, amountStyle, currency, lineItems }));
  } catch {
    /* storage full or disabled: remembering is a convenience */
  }
}

export function recallMapping(signature: string, plan: LoadPlan): LoadPlan | null {
  try {
    const raw = localStorage.getItem(KEY + signature);
    if (!raw) return null;
    const r = JSON.parse(raw) as Remembered;
    const columns = new Set(plan.read.columns);
    if (Object.values(r.mapping).some((c) => c && !columns.has(c))) return null;
    return { ...plan, ...r };
  } catch {
    return null;
  }
}
