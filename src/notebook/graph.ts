/**
 * Which cell depends on what: parameters (placeholders in SQL, the options an analysis reads)
 * and other cells (a chart or table on its input; a SQL cell on earlier SQL cells it names).
 * Changing a parameter or editing a cell re-runs exactly the cells downstream of it.
 */
import type { AnalysisKind, Cell, Notebook, ParamName, SqlCell } from './document';
import { sqlParams } from './sql-template';

/** Parameters each built-in analysis reads. */
export const ANALYSIS_PARAMS: Record<AnalysisKind, readonly ParamName[]> = {
  kpis: ['period', 'calendar', 'churnDays', 'from', 'to'],
  cohorts: ['period', 'calendar', 'from', 'to'],
  churn: ['period', 'calendar', 'churnDays'],
  rfm: [],
  nps: ['period', 'calendar', 'churnDays'],
  sales: ['calendar', 'from', 'to'],
  clv: [],
  subscriptions: [],
  personas: ['churnDays'],
  goals: ['churnDays'],
};

export interface CellDeps {
  params: Set<ParamName>;
  /** ids of the cells this one reads */
  cells: Set<string>;
}

/** Identifiers in a SQL text, outside string literals and comments, lower-cased. */
export function sqlIdentifiers(source: string): Set<string> {
  const out = new Set<string>();
  const stripped = source
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, ' ');
  for (const m of stripped.matchAll(/"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_]*)/g)) {
    out.add((m[1] ?? m[2]).replaceAll('""', '"').toLowerCase());
  }
  return out;
}

export function cellDeps(nb: Notebook): Map<string, CellDeps> {
  const deps = new Map<string, CellDeps>();
  const earlierSql = new Map<string, string>(); // lower-cased name → cell id
  for (const c of nb.cells) {
    const d: CellDeps = { params: new Set(), cells: new Set() };
    switch (c.kind) {
      case 'sql': {
        d.params = sqlParams(c.source);
        const ids = sqlIdentifiers(c.source);
        for (const [name, id] of earlierSql) if (ids.has(name)) d.cells.add(id);
        break;
      }
      case 'chart':
      case 'table':
        d.cells.add(c.input);
        break;
      case 'analysis':
        d.params = new Set(ANALYSIS_PARAMS[c.analysis]);
        break;
      case 'markdown':
        break;
    }
    deps.set(c.id, d);
    if (c.kind === 'sql') earlierSql.set(c.name.toLowerCase(), c.id);
  }
  return deps;
}

/** Cells to re-run, in document order: those reading a changed parameter or a changed cell, and everything downstream. */
export function affectedCells(nb: Notebook, change: { params?: readonly ParamName[]; cells?: readonly string[] }): string[] {
  const deps = cellDeps(nb);
  const changedParams = new Set(change.params ?? []);
  const dirty = new Set(change.cells ?? []);
  const out: string[] = [];
  // Inputs precede their readers only for SQL cells; charts/tables may point anywhere, so iterate to a fixed point.
  for (let grew = true; grew;) {
    grew = false;
    for (const c of nb.cells) {
      if (dirty.has(c.id) && out.includes(c.id)) continue;
      const d = deps.get(c.id)!;
      const hit = dirty.has(c.id) || [...d.params].some((p) => changedParams.has(p)) || [...d.cells].some((id) => dirty.has(id));
      if (hit && !out.includes(c.id)) {
        dirty.add(c.id);
        out.push(c.id);
        grew = true;
      }
    }
  }
  const order = new Map(nb.cells.map((c, i) => [c.id, i]));
  return out.sort((a, b) => order.get(a)! - order.get(b)!);
}

/** SQL cells by lower-cased view name. */
export function sqlCellsByName(cells: readonly Cell[]): Map<string, SqlCell> {
  return new Map(cells.filter((c): c is SqlCell => c.kind === 'sql').map((c) => [c.name.toLowerCase(), c]));
}
