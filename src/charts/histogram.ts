/**
 * Histogram over a continuous value: adjacent bins on a linear x axis, plus an optional overflow
 * bar ("≥ v") set apart on the right so a long tail does not squash the bulk of the distribution.
 */
import { axisBottom, axisLeft, max, scaleLinear } from 'd3';
import { axisTitle, createFrame, emptyMessage, leftMarginFor, styleAxis } from './frame';
import { seriesColour } from './palette';

export interface Bin { x0: number; x1: number; count: number }

export interface HistogramSpec {
  title: string;
  description: string;
  bins: readonly Bin[];
  /** values ≥ `from` not covered by the bins */
  overflow?: { from: number; count: number } | null;
  xLabel: string;
  yLabel: string;
  xFormat?: (n: number) => string;
  countFormat?: (n: number) => string;
}

export function renderHistogram(el: SVGSVGElement, spec: HistogramSpec, size: { width: number; height: number }) {
  const xf = spec.xFormat ?? ((n: number) => n.toLocaleString());
  const cf = spec.countFormat ?? ((n: number) => n.toLocaleString());
  const bins = spec.bins.filter((b) => Number.isFinite(b.x0) && Number.isFinite(b.x1) && b.x1 >= b.x0);
  const overflow = spec.overflow && spec.overflow.count > 0 ? spec.overflow : null;
  const top = Math.max(max(bins, (b) => b.count) ?? 0, overflow?.count ?? 0);
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice();
  const f = createFrame(el, { ...size, title: spec.title, description: spec.description, margin: { left: leftMarginFor(y.ticks(5).map(cf)) } });
  if (bins.length === 0) return emptyMessage(f, 'No data');
  y.range([f.height, 0]);

  const gap = overflow ? 14 : 0;
  const overflowWidth = overflow ? Math.max(18, f.width * 0.06) : 0;
  const mainWidth = f.width - gap - overflowWidth;
  const lo = Math.min(...bins.map((b) => b.x0));
  const hi = Math.max(...bins.map((b) => b.x1));
  const x = scaleLinear().domain(lo === hi ? [lo, lo + 1] : [lo, hi]).range([0, mainWidth]);

  f.plot.append('g').attr('class', 'grid').attr('aria-hidden', 'true').selectAll('line').data(y.ticks(5)).join('line')
    .attr('x1', 0).attr('x2', f.width).attr('y1', (d) => y(d)).attr('y2', (d) => y(d)).style('stroke', 'var(--border, #ddd)');

  f.plot.append('g').attr('class', 'bins').selectAll('rect').data(bins).join('rect')
    .attr('class', 'bin')
    .attr('x', (b) => x(b.x0) + 0.5)
    .attr('width', (b) => Math.max(1, x(b.x1) - x(b.x0) - 1))
    .attr('y', (b) => y(b.count))
    .attr('height', (b) => f.height - y(b.count))
    .style('fill', seriesColour(0))
    .append('title').text((b) => `${xf(b.x0)} – ${xf(b.x1)}: ${cf(b.count)}`);

  if (overflow) {
    const ox = mainWidth + gap;
    const g = f.plot.append('g').attr('class', 'overflow');
    g.append('rect').attr('class', 'bin overflow-bin').attr('x', ox).attr('width', overflowWidth)
      .attr('y', y(overflow.count)).attr('height', f.height - y(overflow.count))
      .style('fill', seriesColour(1))
      .append('title').text(`≥ ${xf(overflow.from)}: ${cf(overflow.count)}`);
    g.append('text').attr('x', ox + overflowWidth / 2).attr('y', f.height + 14).attr('text-anchor', 'middle')
      .style('fill', 'currentColor').style('font-size', '10px').text(`≥ ${xf(overflow.from)}`);
  }

  const xa = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(mainWidth / 90))).tickFormat((d) => xf(Number(d))));
  const ya = f.plot.append('g').attr('class', 'axis axis-y').call(axisLeft(y).ticks(5).tickFormat((d) => cf(Number(d))));
  styleAxis(xa);
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLabel);
  axisTitle(f, 'y', spec.yLabel);
}
