/**
 * Parameters inside SQL cells: `{{period}}`, `{{churn_days}}`, `{{from}}`, `{{to}}`,
 * `{{calendar}}` are replaced by SQL literals (quoted by src/engine/sql.ts, never pasted raw), so
 * a cell re-runs when — and only when — a parameter it mentions changes. `{{from}}` / `{{to}}`
 * become DATE literals, or the first / last order day when the parameter is empty.
 */
import { literal } from '../engine/sql';
import type { ParamName, Params } from './document';
import { CellMessage } from './sql-error';

/** Placeholder spelling → parameter. snake_case in SQL, like column names. */
const PLACEHOLDERS: Record<string, ParamName> = {
  period: 'period', calendar: 'calendar', churn_days: 'churnDays', from: 'from', to: 'to',
};

const PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/g;

export class UnknownPlaceholder extends CellMessage {
  constructor(readonly placeholder: string, readonly offset: number) {
    super('notebook.sql.unknownParam', { placeholder: `{{${placeholder}}}`, list: Object.keys(PLACEHOLDERS).map((p) => `{{${p}}}`).join(', ') });
  }
}

/** Parameters a SQL text mentions. */
export function sqlParams(source: string): Set<ParamName> {
  const out = new Set<ParamName>();
  for (const m of source.matchAll(PATTERN)) {
    const p = PLACEHOLDERS[m[1]];
    if (p) out.add(p);
  }
  return out;
}

const FIRST_DAY = `(SELECT CAST(min(ordered_at) AS DATE) FROM orders)`;
const LAST_DAY = `(SELECT CAST(max(ordered_at) AS DATE) FROM orders)`;

/** The SQL with every placeholder replaced by its literal. Throws UnknownPlaceholder. */
export function renderSql(source: string, params: Params): string {
  return source.replace(PATTERN, (_, name: string, offset: number) => {
    const p = PLACEHOLDERS[name];
    if (!p) throw new UnknownPlaceholder(name, offset);
    if (p === 'from') return params.from ? `DATE ${literal(params.from)}` : FIRST_DAY;
    if (p === 'to') return params.to ? `DATE ${literal(params.to)}` : LAST_DAY;
    return literal(params[p]);
  });
}
