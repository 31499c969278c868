/**
 * A chart cell's encoding (type, x column, y columns) applied to its input's result: which chart
 * renderer to call with which spec. Pure: the view only draws what this returns, and the same
 * mapping serves exports later.
 */
import type { Table } from 'apache-arrow';
import type { AreaSpec, BarSpec, HBarSpec, LineSpec, ScatterSpec } from '../charts';
import type { ChartCell } from './document';
import { columnValues, displayText, resultColumns, type ResultColumn } from './result-table';
import { fmtNum } from '../app/format';
import { t, type MessageKey } from '../i18n/t';

export type ChartPlan =
  | { kind: 'bar'; spec: BarSpec }
  | { kind: 'hbar'; spec: HBarSpec }
  | { kind: 'line'; spec: LineSpec }
  | { kind: 'area'; spec: AreaSpec<number> }
  | { kind: 'scatter'; spec: ScatterSpec }
  | { kind: 'problem'; message: string };

/** Bars beyond this many categories are unreadable; the plan says so instead of drawing mush. */
export const MAX_CATEGORIES = 200;

/** Axis and tooltip numbers in the reader's language and digits (read when the chart draws). */
const fmt = { format: (n: number) => fmtNum(n, 2) };

/** The chart type as its description names it. */
const KIND: Record<ChartCell['type'], MessageKey> = {
  bar: 'notebook.chart.kind.bar', line: 'notebook.chart.kind.line', area: 'notebook.chart.kind.area',
  scatter: 'notebook.chart.kind.scatter', hbar: 'notebook.chart.kind.hbar',
};

/** The plan; its text is in the reader's language (a view deriving the plan re-derives it when the language changes). */
export function chartPlan(cell: ChartCell, table: Table): ChartPlan {
  const cols = resultColumns(table);
  const byName = new Map(cols.map((c) => [c.name, c]));
  const x = byName.get(cell.x);
  if (!x) return { kind: 'problem', message: t('notebook.chart.noX', { x: cell.x, columns: cols.map((c) => c.name).join(', ') }) };
  const ys: ResultColumn[] = [];
  for (const name of cell.y) {
    const c = byName.get(name);
    if (!c) return { kind: 'problem', message: t('notebook.chart.noY', { name }) };
    if (c.kind !== 'number') return { kind: 'problem', message: t('notebook.chart.notNumber', { name }) };
    ys.push(c);
  }
  if (ys.length === 0) return { kind: 'problem', message: t('notebook.chart.pickY') };
  if (table.numRows === 0) return { kind: 'problem', message: t('notebook.chart.noRows') };
  const xs = columnValues(table, x.name, x.kind);
  const series = ys.map((c) => ({ name: c.name, values: columnValues(table, c.name, c.kind).map((v) => (typeof v === 'number' ? v : 0)) }));
  const title = cell.title || t('notebook.chart.autoTitle', { y: cell.y.join(', '), x: cell.x });
  const description = t('notebook.chart.description', { type: t(KIND[cell.type]), y: cell.y.join(', '), x: cell.x, n: table.numRows });

  const numericX = x.kind === 'number' || x.kind === 'date' || x.kind === 'timestamp';
  // Numeric and date x keep their values (dates as epoch ms, printed as days); text x becomes 0, 1, 2… with its labels.
  const xValue = (v: unknown, i: number) => (numericX && typeof v === 'number' ? v : i);
  const labels = xs.map((v) => displayText(v, x.kind));
  const xFormat = numericX && x.kind !== 'number'
    ? (n: number) => displayText(n, x.kind)
    : numericX ? (n: number) => fmt.format(n) : (n: number) => labels[Math.round(n)] ?? '';
  const yLabel = ys.length === 1 ? ys[0].name : t('notebook.chart.value');
  if (cell.type === 'line') {
    return {
      kind: 'line',
      spec: {
        title, description, xLabel: x.name, yLabel, xFormat, yFormat: (n: number) => fmt.format(n),
        series: series.map((s) => ({ name: s.name, points: s.values.map((y, i) => ({ x: xValue(xs[i], i), y })) })),
      },
    };
  }
  if (cell.type === 'area') {
    // Areas need one shared, increasing x: rows are drawn in x order.
    const order = xs.map((v, i) => ({ at: xValue(v, i), i })).sort((a, b) => a.at - b.at);
    return {
      kind: 'area',
      spec: {
        title, description, xLabel: x.name, yLabel, xFormat, yFormat: (n: number) => fmt.format(n),
        x: order.map((o) => o.at), series: series.map((s) => ({ name: s.name, values: order.map((o) => s.values[o.i]) })),
      },
    };
  }
  if (cell.type === 'scatter') {
    return {
      kind: 'scatter',
      spec: {
        title, description, xLabel: x.name, yLabel: ys[0].name, xFormat, yFormat: (n: number) => fmt.format(n),
        points: series[0].values.map((y, i) => ({ x: xValue(xs[i], i), y, label: labels[i] })),
      },
    };
  }
  if (xs.length > MAX_CATEGORIES) {
    return { kind: 'problem', message: t('notebook.chart.tooMany', { n: xs.length }) };
  }
  const categories = labels;
  if (cell.type === 'hbar') {
    return {
      kind: 'hbar',
      spec: { title, description, xLabel: ys[0].name, rows: categories.map((label, i) => ({ label, value: series[0].values[i] })), format: (n: number) => fmt.format(n) },
    };
  }
  return { kind: 'bar', spec: { title, description, categories, series, xLabel: x.name, yLabel, format: (n: number) => fmt.format(n) } };
}

/** A sensible first encoding for a new chart on a result: first text/date column as x, first number column as y. */
export function defaultEncoding(table: Table): { x: string; y: string[] } | null {
  const cols = resultColumns(table);
  const num = cols.filter((c) => c.kind === 'number');
  const x = cols.find((c) => c.kind !== 'number') ?? cols[0];
  const y = num.find((c) => c.name !== x?.name);
  return x && y ? { x: x.name, y: [y.name] } : null;
}
