/**
 * Histogram over a continuous value: adjacent bins on a linear x axis, plus an optional overflow
 * bar ("≥ v") set apart on the right so a long tail does not squash the bulk of the distribution.
 * Right-to-left: x runs from the right, the overflow bar is set apart on the left, the count axis
 * on the right.
 */
import { axisBottom, max, scaleLinear } from 'd3';
import { axisTitle, createFrame, emptyMessage, fitXLabels, leftMarginFor, settleText, styleAxis, valueAxis, xRange, xTickCount } from './frame';
import { chartRtl, fmtNumber, textWidth } from './locale';
import { seriesColour } from './palette';
import { t } from '../i18n/t';

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
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

export function renderHistogram(el: SVGSVGElement, spec: HistogramSpec, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw(el: SVGSVGElement, spec: HistogramSpec, size: { width: number; height: number }) {
  const xf = spec.xFormat ?? fmtNumber;
  const cf = spec.countFormat ?? fmtNumber;
  const bins = spec.bins.filter((b) => Number.isFinite(b.x0) && Number.isFinite(b.x1) && b.x1 >= b.x0);
  const overflow = spec.overflow && spec.overflow.count > 0 ? spec.overflow : null;
  const top = Math.max(max(bins, (b) => b.count) ?? 0, overflow?.count ?? 0);
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice();
  const f = createFrame(el, { ...size, title: spec.title, description: spec.description, rtl: chartRtl(spec.rtl), margin: { left: leftMarginFor(y.ticks(5).map(cf)) } });
  if (bins.length === 0) return emptyMessage(f, t('charts.noData'));
  y.range([f.height, 0]);

  const gap = overflow ? 14 : 0;
  const overflowWidth = overflow ? Math.max(18, f.width * 0.06) : 0;
  const mainWidth = f.width - gap - overflowWidth;
  const lo = Math.min(...bins.map((b) => b.x0));
  const hi = Math.max(...bins.map((b) => b.x1));
  const x = scaleLinear().domain(lo === hi ? [lo, lo + 1] : [lo, hi]).range(xRange(f, 0, mainWidth));

  f.plot.append('g').attr('class', 'grid').attr('aria-hidden', 'true').selectAll('line').data(y.ticks(5)).join('line')
    .attr('x1', 0).attr('x2', f.width).attr('y1', (d) => y(d)).attr('y2', (d) => y(d)).style('stroke', 'var(--border, #ddd)');

  f.plot.append('g').attr('class', 'bins').selectAll('rect').data(bins).join('rect')
    .attr('class', 'bin')
    .attr('x', (b) => Math.min(x(b.x0), x(b.x1)) + 0.5)
    .attr('width', (b) => Math.max(1, Math.abs(x(b.x1) - x(b.x0)) - 1))
    .attr('y', (b) => y(b.count))
    .attr('height', (b) => f.height - y(b.count))
    .style('fill', seriesColour(0))
    .append('title').text((b) => `${xf(b.x0)} – ${xf(b.x1)}: ${cf(b.count)}`);

  // The overflow label: centred under its bar, or (too wide for the bar and the margin beside
  // it) running inward from the bar's outer edge; x ticks whose labels it would cover are left out.
  let taken: [number, number] | null = null;
  if (overflow) {
    const ox = f.rtl ? 0 : mainWidth + gap;
    const g = f.plot.append('g').attr('class', 'overflow');
    g.append('rect').attr('class', 'bin overflow-bin').attr('x', ox).attr('width', overflowWidth)
      .attr('y', y(overflow.count)).attr('height', f.height - y(overflow.count))
      .style('fill', seriesColour(1))
      .append('title').text(`≥ ${xf(overflow.from)}: ${cf(overflow.count)}`);
    const label = `≥ ${xf(overflow.from)}`;
    const lw = textWidth(label, 10);
    const outer = f.rtl ? f.margin.left : f.margin.right;
    const centred = lw / 2 <= overflowWidth / 2 + outer - 2;
    const lx = centred ? ox + overflowWidth / 2 : f.rtl ? ox : ox + overflowWidth;
    taken = centred ? [lx - lw / 2, lx + lw / 2] : f.rtl ? [lx, lx + lw] : [lx - lw, lx];
    // not centred: anchor end = the right end (ltr) or the left end (rtl text) at the outer edge
    g.append('text').attr('x', lx).attr('y', f.height + 14).attr('text-anchor', centred ? 'middle' : 'end')
      .style('fill', 'currentColor').style('font-size', '10px').text(label);
  }

  const ticks = x.ticks(xTickCount(x, mainWidth, xf, 90)).filter((v) => {
    if (!taken) return true;
    const half = textWidth(xf(v), 10) / 2 + 4;
    return x(v) + half < taken[0] || x(v) - half > taken[1];
  });
  const xa = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    .call(axisBottom(x).tickValues(ticks).tickFormat((d) => xf(Number(d))));
  const ya = valueAxis(f, y, (a) => a.ticks(5).tickFormat((d) => cf(Number(d))));
  styleAxis(xa);
  fitXLabels(f, xa);
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLabel);
  axisTitle(f, 'y', spec.yLabel);
}
