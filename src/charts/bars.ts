/**
 * Grouped vertical bars: categories along x, one bar per series in each group, value on y
 * (starting at 0). Each bar has a tooltip (<title>) naming category, series and value.
 * Right-to-left: the first category (and in a group the first series) at the right, the value
 * axis on the right.
 */
import { max, scaleBand, scaleLinear } from 'd3';
import { axisTitle, categoryAxis, createFrame, emptyMessage, leftMarginFor, settleText, styleAxis, valueAxis, xRange } from './frame';
import { chartRtl, fmtNumber } from './locale';
import { seriesColour } from './palette';
import { t } from '../i18n/t';

export interface BarSeries { name: string; values: readonly number[] }

export interface BarSpec {
  title: string;
  description: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  xLabel: string;
  yLabel: string;
  /** value format (default: the reader's locale and digits) */
  format?: (n: number) => string;
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

export function renderBars(el: SVGSVGElement, spec: BarSpec, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw(el: SVGSVGElement, spec: BarSpec, size: { width: number; height: number }) {
  const fmt = spec.format ?? fmtNumber;
  const legend = spec.series.length > 1 ? spec.series.map((s, i) => ({ label: s.name, colour: seriesColour(i) })) : undefined;
  const top = max(spec.series.flatMap((s) => s.values)) ?? 0;
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice();
  const f = createFrame(el, { ...size, title: spec.title, description: spec.description, legend, rtl: chartRtl(spec.rtl), margin: { left: leftMarginFor(y.ticks(5).map(fmt)) } });
  if (spec.categories.length === 0 || spec.series.length === 0) return emptyMessage(f, t('charts.noData'));
  y.range([f.height, 0]);

  const x = scaleBand<string>().domain(spec.categories).range(xRange(f)).paddingInner(0.2).paddingOuter(0.1);
  const inner = scaleBand<number>().domain(spec.series.map((_, i) => i)).range(f.rtl ? [x.bandwidth(), 0] : [0, x.bandwidth()]).padding(0.08);

  const grid = f.plot.append('g').attr('class', 'grid').attr('aria-hidden', 'true');
  grid.selectAll('line').data(y.ticks(5)).join('line')
    .attr('x1', 0).attr('x2', f.width).attr('y1', (d) => y(d)).attr('y2', (d) => y(d))
    .style('stroke', 'var(--border, #ddd)');

  const groups = f.plot.append('g').attr('class', 'bars').selectAll('g').data(spec.categories).join('g')
    .attr('transform', (c) => `translate(${x(c)},0)`);
  spec.series.forEach((s, i) => {
    groups.append('rect')
      .attr('class', `bar series-${i}`)
      .attr('x', inner(i) ?? 0)
      .attr('width', inner.bandwidth())
      .attr('y', (_, k) => y(Math.max(0, s.values[k] ?? 0)))
      .attr('height', (_, k) => f.height - y(Math.max(0, s.values[k] ?? 0)))
      .style('fill', seriesColour(i))
      .append('title').text((c, k) => `${c} · ${s.name}: ${fmt(s.values[k] ?? 0)}`);
  });

  categoryAxis(f, x, spec.categories);
  const ya = valueAxis(f, y, (a) => a.ticks(5).tickFormat((d) => fmt(Number(d))));
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLabel);
  axisTitle(f, 'y', spec.yLabel);
}
