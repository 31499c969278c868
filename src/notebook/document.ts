/**
 * The notebook document: parameters and a list of cells. This is what autosaves, goes into a
 * `.json` file and (issue 7) into a share link — never any data rows. Cells refer to each other
 * by id (charts and tables to their input) and SQL cells to earlier SQL cells by name.
 */
import type { Period, Calendar } from '../analyses/options';
import type { Persona } from '../personas/rules';
import type { Goal } from '../goals/goal';

export const NOTEBOOK_VERSION = 1;

/** Report parameters: inputs at the top of the notebook. Dates are YYYY-MM-DD, inclusive. */
export interface Params {
  period: Period;
  calendar: Calendar;
  /** inactivity window of the churn definition, days */
  churnDays: number;
  /** reporting window; '' = from the first / to the last order */
  from: string;
  to: string;
  /** the "Customers" filter: a persona id of this document, '' = all customers */
  segment: string;
}

export const DEFAULT_PARAMS: Params = { period: 'month', calendar: 'gregorian', churnDays: 90, from: '', to: '', segment: '' };
export type ParamName = keyof Params;
export const PARAM_NAMES = Object.keys(DEFAULT_PARAMS) as ParamName[];

/** The built-in analyses an analysis cell can show (each one is a panel of the report). */
export const ANALYSES = ['kpis', 'cohorts', 'churn', 'rfm', 'nps', 'sales', 'clv', 'subscriptions', 'personas', 'goals'] as const;
export type AnalysisKind = (typeof ANALYSES)[number];

export const CHART_TYPES = ['bar', 'line', 'area', 'scatter', 'hbar'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

interface CellBase {
  /** stable, unique in the document */
  id: string;
  collapsed?: boolean;
}

export interface MarkdownCell extends CellBase {
  kind: 'markdown';
  source: string;
}

export interface SqlCell extends CellBase {
  kind: 'sql';
  /** the result is a view of this name for later cells (a SQL identifier: letters, digits, _) */
  name: string;
  source: string;
}

export interface ChartCell extends CellBase {
  kind: 'chart';
  /** id of the SQL cell whose result is drawn */
  input: string;
  type: ChartType;
  title: string;
  /** column names of the input's result */
  x: string;
  y: string[];
}

export interface TableCell extends CellBase {
  kind: 'table';
  /** id of the SQL cell whose result is listed */
  input: string;
}

export interface AnalysisCell extends CellBase {
  kind: 'analysis';
  analysis: AnalysisKind;
}

export type Cell = MarkdownCell | SqlCell | ChartCell | TableCell | AnalysisCell;
export type CellKind = Cell['kind'];

export interface Notebook {
  version: typeof NOTEBOOK_VERSION;
  title: string;
  params: Params;
  cells: Cell[];
  /** named rules over customers (src/personas/), shown by the personas panel and usable as goal segments */
  personas: Persona[];
  /** tracked targets (src/goals/), shown by the goals panel */
  goals: Goal[];
}

/** A short random id (not a secret: ids only need to be unique within one document). */
export function newCellId(existing: Iterable<string> = []): string {
  const taken = new Set(existing);
  for (;;) {
    const id = `c${Math.random().toString(36).slice(2, 8)}`;
    if (!taken.has(id)) return id;
  }
}

/** A free view name like `query_3` for a new SQL cell. */
export function newSqlName(cells: readonly Cell[]): string {
  const taken = new Set(cells.filter((c): c is SqlCell => c.kind === 'sql').map((c) => c.name.toLowerCase()));
  for (let k = 1; ; k++) if (!taken.has(`query_${k}`)) return `query_${k}`;
}
