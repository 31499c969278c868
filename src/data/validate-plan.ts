import type { LoadPlan } from './load/plan';

/** Roles a table cannot do without, and the sentence that tells the user what is missing. */
export function validatePlan(plan: LoadPlan): string[] {
  const m = plan.mapping;
  const problems: string[] = [];
  const has = (c: string | null | undefined) => !!c && plan.read.columns.includes(c);
  if (!has(m.customer_id) && !has(m.customer_email)) {
    problems.push('No customer column: pick the column that identifies the customer (an id or an e-mail).');
  }
  if (plan.table === 'orders') {
    if (!has(m.ordered_at)) problems.push('No order date column: pick the column with the order date.');
    if (!has(m.amount)) problems.push('No amount column: pick the column with the order total.');
  }
  if (plan.table === 'responses' && !has(m.score)) problems.push('No score column: pick the column with the survey score.');
  if (plan.table === 'subscriptions') {
    if (!has(m.started_at) && !has(m.period_start)) problems.push('No start date column: pick the column with the subscription start (or the billing period start).');
    if (!has(m.amount)) problems.push('No amount column: pick the column with the amount per billing interval.');
  }
  for (const [role, col] of Object.entries(m)) {
    if (col && !plan.read.columns.includes(col)) problems.push(`The column “${col}” mapped to ${role} is not in the file.`);
  }
  return problems;
}
