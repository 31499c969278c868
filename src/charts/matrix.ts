/**
 * Matrix / heatmap: rows × columns of values coloured on a sequential scale (viridis), with the
 * value printed in cells wide enough to hold it, a tooltip on every cell and a colour legend.
 * Null cells (no customers, impossible combinations) stay empty and say so in their tooltip.
 */
import { axisBottom, axisLeft, scaleBand, scaleLinear } from 'd3';
import { axisTitle, createFrame, emptyMessage, styleAxis } from './frame';
import { sequential } from './palette';

export interface MatrixSpec {
  title: string;
  description: string;
  rows: readonly string[];
  columns: readonly string[];
  /** values[row][column]; null = no value */
  values: readonly (readonly (number | null)[])[];
  rowLabel: string;
  columnLabel: string;
  /** colour domain (default [min, max] of the values) */
  domain?: [number, number];
  format?: (n: number) => string;
  legendLabel: string;
  /** label x-axis ticks only every n-th column when there are many (default: automatic) */
  columnTickEvery?: number;
}

let uid = 0;

export function renderMatrix(el: SVGSVGElement, spec: MatrixSpec, size: { width: number; height: number }) {
  const fmt = spec.format ?? ((n: number) => n.toLocaleString());
  const f = createFrame(el, { ...size, title: spec.title, description: spec.description, margin: { right: 70 } });
  if (spec.rows.length === 0 || spec.columns.length === 0) return emptyMessage(f, 'No data');

  const flat = spec.values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const [d0, d1] = spec.domain ?? [Math.min(...flat, 0), Math.max(...flat, 1)];
  const t = (v: number) => (d1 === d0 ? 0.5 : (v - d0) / (d1 - d0));
  const x = scaleBand<string>().domain(spec.columns).range([0, f.width]).padding(0.04);
  const y = scaleBand<string>().domain(spec.rows).range([0, f.height]).padding(0.04);
  const showText = x.bandwidth() >= 30 && y.bandwidth() >= 14;

  const cells = spec.rows.flatMap((r, i) => spec.columns.map((c, j) => ({ r, c, v: spec.values[i]?.[j] ?? null })));
  const g = f.plot.append('g').attr('class', 'cells').selectAll('g').data(cells).join('g')
    .attr('transform', (d) => `translate(${x(d.c)},${y(d.r)})`);
  g.append('rect').attr('class', (d) => (d.v === null ? 'cell empty' : 'cell'))
    .attr('width', x.bandwidth()).attr('height', y.bandwidth())
    .style('fill', (d) => (d.v === null ? 'transparent' : sequential(t(d.v)).fill))
    .style('stroke', (d) => (d.v === null ? 'var(--border, #ddd)' : 'none'))
    .append('title').text((d) => `${spec.rowLabel} ${d.r}, ${spec.columnLabel} ${d.c}: ${d.v === null ? 'no value' : fmt(d.v)}`);
  if (showText) {
    g.filter((d) => d.v !== null).append('text').attr('x', x.bandwidth() / 2).attr('y', y.bandwidth() / 2 + 4)
      .attr('text-anchor', 'middle').attr('aria-hidden', 'true').style('font-size', '10.5px')
      .style('fill', (d) => sequential(t(d.v as number)).text).text((d) => fmt(d.v as number));
  }

  const every = spec.columnTickEvery ?? Math.max(1, Math.ceil(spec.columns.length / Math.max(1, Math.floor(f.width / 36))));
  const xa = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    .call(axisBottom(x).tickValues(spec.columns.filter((_, j) => j % every === 0)).tickSizeOuter(0));
  const rowEvery = Math.max(1, Math.ceil(spec.rows.length / Math.max(1, Math.floor(f.height / 14))));
  const ya = f.plot.append('g').attr('class', 'axis axis-y')
    .call(axisLeft(y).tickValues(spec.rows.filter((_, i) => i % rowEvery === 0)).tickSizeOuter(0));
  styleAxis(xa);
  styleAxis(ya);
  axisTitle(f, 'x', spec.columnLabel);
  axisTitle(f, 'y', spec.rowLabel);

  // Colour legend: a vertical gradient bar on the right with its domain ends.
  const id = `matrix-grad-${++uid}`;
  const grad = f.svg.append('defs').append('linearGradient').attr('id', id).attr('x1', 0).attr('x2', 0).attr('y1', 1).attr('y2', 0);
  for (let k = 0; k <= 10; k++) grad.append('stop').attr('offset', `${k * 10}%`).attr('stop-color', sequential(k / 10).fill);
  const lx = f.width + 18;
  const legend = f.plot.append('g').attr('class', 'colour-legend').attr('aria-hidden', 'true');
  legend.append('rect').attr('x', lx).attr('y', 0).attr('width', 12).attr('height', f.height).style('fill', `url(#${id})`);
  const ls = scaleLinear().domain([d0, d1]).range([f.height, 0]);
  const la = legend.append('g').attr('transform', `translate(${lx + 12},0)`).call(axisLeft(ls).ticks(4).tickSize(-12).tickFormat((d) => fmt(Number(d))));
  la.selectAll('text').attr('x', 16).style('text-anchor', 'start');
  styleAxis(la);
  legend.append('text').attr('class', 'legend-label').attr('x', lx).attr('y', -6).style('fill', 'currentColor').style('font-size', '10.5px').text(spec.legendLabel);
}
