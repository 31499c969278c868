/**
 * A chart cell's encoding (type, x column, y columns) applied to its input's result: which chart
 * renderer to call with which spec. Pure: the view only draws what this returns, and the same
 * mapping serves exports later.
 */
import type { Table } from 'apache-arrow';
import type { BarSpec, HBarSpec, LineSpec } from '../charts';
import type { ChartCell } from './document';
import { columnValues, resultColumns, valueText, type ResultColumn } from './result-table';

export type ChartPlan =
  | { kind: 'bar'; spec: BarSpec }
  | { kind: 'hbar'; spec: HBarSpec }
  | { kind: 'line'; spec: LineSpec }
  | { kind: 'problem'; message: string };

/** Bars beyond this many categories are unreadable; the plan says so instead of drawing mush. */
export const MAX_CATEGORIES = 200;

const fmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function chartPlan(cell: ChartCell, table: Table): ChartPlan {
  const cols = resultColumns(table);
  const byName = new Map(cols.map((c) => [c.name, c]));
  const x = byName.get(cell.x);
  if (!x) return { kind: 'problem', message: `The result has no column "${cell.x}" for x (it has ${cols.map((c) => c.name).join(', ')}).` };
  const ys: ResultColumn[] = [];
  for (const name of cell.y) {
    const c = byName.get(name);
    if (!c) return { kind: 'problem', message: `The result has no column "${name}" for y.` };
    if (c.kind !== 'number') return { kind: 'problem', message: `"${name}" is not a number column: pick a numeric column for y.` };
    ys.push(c);
  }
  if (ys.length === 0) return { kind: 'problem', message: 'Pick at least one column for y.' };
  if (table.numRows === 0) return { kind: 'problem', message: 'The query returned no rows.' };
  const xs = columnValues(table, x.name, x.kind);
  const series = ys.map((c) => ({ name: c.name, values: columnValues(table, c.name, c.kind).map((v) => (typeof v === 'number' ? v : 0)) }));
  const title = cell.title || `${cell.y.join(', ')} by ${cell.x}`;
  const description = `${cell.type} chart of ${cell.y.join(', ')} (y) by ${cell.x} (x), ${table.numRows} rows.`;

  if (cell.type === 'line' || cell.type === 'area' || cell.type === 'scatter') {
    const numericX = x.kind === 'number' || x.kind === 'date' || x.kind === 'timestamp';
    const xValue = (v: unknown, i: number) => (numericX && typeof v === 'number' ? v : i);
    const labels = xs.map((v) => valueText(v, x.kind));
    return {
      kind: 'line',
      spec: {
        title, description, xLabel: x.name, yLabel: ys.length === 1 ? ys[0].name : 'value',
        series: series.map((s) => ({ name: s.name, points: s.values.map((y, i) => ({ x: xValue(xs[i], i), y })) })),
        xFormat: numericX && x.kind !== 'number'
          ? (n: number) => valueText(n, x.kind)
          : numericX ? (n: number) => fmt.format(n) : (n: number) => labels[Math.round(n)] ?? '',
        yFormat: (n: number) => fmt.format(n),
      },
    };
  }
  if (xs.length > MAX_CATEGORIES) {
    return { kind: 'problem', message: `${xs.length} categories are too many bars; aggregate in SQL (GROUP BY) or use a line chart.` };
  }
  const categories = xs.map((v) => valueText(v, x.kind));
  if (cell.type === 'hbar') {
    return {
      kind: 'hbar',
      spec: { title, description, xLabel: ys[0].name, rows: categories.map((label, i) => ({ label, value: series[0].values[i] })), format: (n: number) => fmt.format(n) },
    };
  }
  return { kind: 'bar', spec: { title, description, categories, series, xLabel: x.name, yLabel: ys.length === 1 ? ys[0].name : 'value', format: (n: number) => fmt.format(n) } };
}

/** A sensible first encoding for a new chart on a result: first text/date column as x, first number column as y. */
export function defaultEncoding(table: Table): { x: string; y: string[] } | null {
  const cols = resultColumns(table);
  const num = cols.filter((c) => c.kind === 'number');
  const x = cols.find((c) => c.kind !== 'number') ?? cols[0];
  const y = num.find((c) => c.name !== x?.name);
  return x && y ? { x: x.name, y: [y.name] } : null;
}
