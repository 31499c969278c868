/**
 * Matrix / heatmap: rows × columns of values coloured on a sequential scale (viridis), with the
 * value printed in cells wide enough to hold it, a tooltip on every cell and a colour legend.
 * Null cells (no customers, impossible combinations) stay empty and say so in their tooltip.
 * Right-to-left: columns run from the right, row labels on the right, the colour legend on the left.
 */
import { axisBottom, axisLeft, axisRight, scaleBand, scaleLinear } from 'd3';
import { axisTitle, createFrame, emptyMessage, fitXLabels, settleText, styleAxis, valueAxis, xRange } from './frame';
import { chartRtl, fmtNumber, widest } from './locale';
import { sequential } from './palette';
import { t } from '../i18n/t';

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
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

let uid = 0;

export function renderMatrix(el: SVGSVGElement, spec: MatrixSpec, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw(el: SVGSVGElement, spec: MatrixSpec, size: { width: number; height: number }) {
  const fmt = spec.format ?? fmtNumber;
  const rtl = chartRtl(spec.rtl);
  const flat = spec.values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const [d0, d1] = spec.domain ?? [Math.min(...flat, 0), Math.max(...flat, 1)];
  const ls = scaleLinear().domain([d0, d1]);
  // The colour legend's side (end): at least 70 px, more when its label or tick labels (beyond the
  // bar, estimated at 12 px for slack: Persian/Arabic text, "%" signs) need it.
  const legendSide = Math.max(70, Math.ceil(Math.max(18 + widest([spec.legendLabel], 10.5), 46 + widest(ls.ticks(4).map(fmt)))));
  const f = createFrame(el, { ...size, title: spec.title, description: spec.description, rtl, margin: { right: legendSide, left: Math.min(220, Math.max(56, Math.ceil(widest(spec.rows) + 14))) } });
  if (spec.rows.length === 0 || spec.columns.length === 0) return emptyMessage(f, t('charts.noData'));

  const unit = (v: number) => (d1 === d0 ? 0.5 : (v - d0) / (d1 - d0));
  const x = scaleBand<string>().domain(spec.columns).range(xRange(f)).padding(0.04);
  const y = scaleBand<string>().domain(spec.rows).range([0, f.height]).padding(0.04);
  const showText = x.bandwidth() >= 30 && y.bandwidth() >= 14;

  const cells = spec.rows.flatMap((r, i) => spec.columns.map((c, j) => ({ r, c, v: spec.values[i]?.[j] ?? null })));
  const g = f.plot.append('g').attr('class', 'cells').selectAll('g').data(cells).join('g')
    .attr('transform', (d) => `translate(${x(d.c)},${y(d.r)})`);
  g.append('rect').attr('class', (d) => (d.v === null ? 'cell empty' : 'cell'))
    .attr('width', x.bandwidth()).attr('height', y.bandwidth())
    .style('fill', (d) => (d.v === null ? 'transparent' : sequential(unit(d.v)).fill))
    .style('stroke', (d) => (d.v === null ? 'var(--border, #ddd)' : 'none'))
    .append('title').text((d) => t('charts.matrix.cell', { row: spec.rowLabel, r: d.r, column: spec.columnLabel, c: d.c, value: d.v === null ? t('charts.noValue') : fmt(d.v) }));
  if (showText) {
    g.filter((d) => d.v !== null).append('text').attr('x', x.bandwidth() / 2).attr('y', y.bandwidth() / 2 + 4)
      .attr('text-anchor', 'middle').attr('aria-hidden', 'true').style('font-size', '10.5px')
      .style('fill', (d) => sequential(unit(d.v as number)).text).text((d) => fmt(d.v as number));
  }

  const every = spec.columnTickEvery ?? Math.max(1, Math.ceil(spec.columns.length / Math.max(1, Math.floor(f.width / 36))));
  const xa = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    .call(axisBottom(x).tickValues(spec.columns.filter((_, j) => j % every === 0)).tickSizeOuter(0));
  const rowEvery = Math.max(1, Math.ceil(spec.rows.length / Math.max(1, Math.floor(f.height / 14))));
  const ya = valueAxis(f, y, (a) => a.tickValues(spec.rows.filter((_, i) => i % rowEvery === 0)).tickSizeOuter(0));
  styleAxis(xa);
  fitXLabels(f, xa);
  styleAxis(ya);
  axisTitle(f, 'x', spec.columnLabel);
  axisTitle(f, 'y', spec.rowLabel);

  // Colour legend: a vertical gradient bar on the right (left when rtl) with its domain ends.
  const id = `matrix-grad-${++uid}`;
  const grad = f.svg.append('defs').append('linearGradient').attr('id', id).attr('x1', 0).attr('x2', 0).attr('y1', 1).attr('y2', 0);
  for (let k = 0; k <= 10; k++) grad.append('stop').attr('offset', `${k * 10}%`).attr('stop-color', sequential(k / 10).fill);
  const lx = f.rtl ? -30 : f.width + 18;
  const legend = f.plot.append('g').attr('class', 'colour-legend').attr('aria-hidden', 'true');
  legend.append('rect').attr('x', lx).attr('y', 0).attr('width', 12).attr('height', f.height).style('fill', `url(#${id})`);
  ls.range([f.height, 0]);
  // Ticks across the bar; labels outside it (right of it, or left when rtl: anchor start of
  // right-to-left text is its right end).
  const la = legend.append('g').attr('transform', `translate(${f.rtl ? lx : lx + 12},0)`)
    .call((f.rtl ? axisRight(ls) : axisLeft(ls)).ticks(4).tickSize(-12).tickFormat((d) => fmt(Number(d))));
  la.selectAll('text').attr('x', f.rtl ? -16 : 16).style('text-anchor', 'start');
  styleAxis(la);
  legend.append('text').attr('class', 'legend-label').attr('x', f.rtl ? lx + 12 : lx).attr('y', -6).style('fill', 'currentColor').style('font-size', '10.5px').text(spec.legendLabel);
}
