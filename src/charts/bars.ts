/**
 * Grouped vertical bars: categories along x, one bar per series in each group, value on y
 * (starting at 0). Each bar has a tooltip (<title>) naming category, series and value.
 */
import { axisLeft, max, scaleBand, scaleLinear } from 'd3';
import { axisTitle, categoryAxis, createFrame, emptyMessage, leftMarginFor, styleAxis } from './frame';
import { seriesColour } from './palette';

export interface BarSeries { name: string; values: readonly number[] }

export interface BarSpec {
  title: string;
  description: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  xLabel: string;
  yLabel: string;
  format?: (n: number) => string;
}

export function renderBars(el: SVGSVGElement, spec: BarSpec, size: { width: number; height: number }) {
  const fmt = spec.format ?? ((n: number) => n.toLocaleString());
  const legend = spec.series.length > 1 ? spec.series.map((s, i) => ({ label: s.name, colour: seriesColour(i) })) : undefined;
  const top = max(spec.series.flatMap((s) => s.values)) ?? 0;
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice();
  const f = createFrame(el, { ...size, title: spec.title, description: spec.description, legend, margin: { left: leftMarginFor(y.ticks(5).map(fmt)) } });
  if (spec.categories.length === 0 || spec.series.length === 0) return emptyMessage(f, 'No data');
  y.range([f.height, 0]);

  const x = scaleBand<string>().domain(spec.categories).range([0, f.width]).paddingInner(0.2).paddingOuter(0.1);
  const inner = scaleBand<number>().domain(spec.series.map((_, i) => i)).range([0, x.bandwidth()]).padding(0.08);

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
  const ya = f.plot.append('g').attr('class', 'axis axis-y').call(axisLeft(y).ticks(5).tickFormat((d) => fmt(Number(d))));
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLabel);
  axisTitle(f, 'y', spec.yLabel);
}
