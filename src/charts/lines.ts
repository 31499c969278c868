/**
 * Multi-line chart over a numeric x (time in a stated unit, a period index…). Series can be
 * dashed (predicted vs actual); every point carries a tooltip, and the last point of each line
 * is marked so a single-point series is still visible. Right-to-left: x runs from the right (the
 * first period at the right), the value axis on the right.
 */
import { axisBottom, extent, line, scaleLinear } from 'd3';
import { axisTitle, createFrame, emptyMessage, fitXLabels, leftMarginFor, settleText, styleAxis, valueAxis, xRange, xTickCount } from './frame';
import { chartRtl, fmtNumber } from './locale';
import { seriesColour } from './palette';
import { t } from '../i18n/t';

export interface LinePoint { x: number; y: number }
export interface LineSeries { name: string; points: readonly LinePoint[]; dashed?: boolean }

export interface LineSpec {
  title: string;
  description: string;
  series: readonly LineSeries[];
  xLabel: string;
  yLabel: string;
  xFormat?: (n: number) => string;
  yFormat?: (n: number) => string;
  /** start the y axis at 0 (default true) */
  yZero?: boolean;
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

export function renderLines(el: SVGSVGElement, spec: LineSpec, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw(el: SVGSVGElement, spec: LineSpec, size: { width: number; height: number }) {
  const xf = spec.xFormat ?? fmtNumber;
  const yf = spec.yFormat ?? fmtNumber;
  const legend = spec.series.map((s, i) => ({ label: s.name, colour: seriesColour(i), shape: 'line' as const, dashed: s.dashed }));
  const all = spec.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const [y0, y1] = all.length ? (extent(all, (p) => p.y) as [number, number]) : [0, 1];
  const lo = spec.yZero === false ? y0 : Math.min(0, y0);
  const y = scaleLinear().domain(lo === y1 ? [lo - 1, y1 + 1] : [lo, y1]).nice();
  const margin = { left: leftMarginFor(y.ticks(5).map((d) => yf(d))) };
  const f = createFrame(el, { ...size, title: spec.title, description: spec.description, legend, margin, rtl: chartRtl(spec.rtl) });
  if (all.length === 0) return emptyMessage(f, t('charts.noData'));

  const [x0, x1] = extent(all, (p) => p.x) as [number, number];
  const x = scaleLinear().domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1]).range(xRange(f));
  y.range([f.height, 0]);

  f.plot.append('g').attr('class', 'grid').attr('aria-hidden', 'true').selectAll('line').data(y.ticks(5)).join('line')
    .attr('x1', 0).attr('x2', f.width).attr('y1', (d) => y(d)).attr('y2', (d) => y(d)).style('stroke', 'var(--border, #ddd)');

  const path = line<LinePoint>().defined((p) => Number.isFinite(p.y)).x((p) => x(p.x)).y((p) => y(p.y));
  spec.series.forEach((s, i) => {
    const g = f.plot.append('g').attr('class', `series series-${i}`);
    g.append('path').attr('class', 'line').attr('d', path(s.points as LinePoint[]) ?? '')
      .style('fill', 'none').style('stroke', seriesColour(i)).style('stroke-width', '2')
      .style('stroke-dasharray', s.dashed ? '5 4' : 'none');
    // Invisible hit targets with tooltips on every point; a visible dot on the last one.
    g.selectAll('circle.point').data(s.points.filter((p) => Number.isFinite(p.y))).join('circle')
      .attr('class', 'point').attr('cx', (p) => x(p.x)).attr('cy', (p) => y(p.y)).attr('r', 5)
      .style('fill', 'transparent')
      .append('title').text((p) => `${s.name} · ${spec.xLabel} ${xf(p.x)}: ${yf(p.y)}`);
    const last = s.points[s.points.length - 1];
    if (last && Number.isFinite(last.y)) {
      g.append('circle').attr('class', 'end').attr('cx', x(last.x)).attr('cy', y(last.y)).attr('r', 2.5).style('fill', seriesColour(i));
    }
  });

  const xa = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    .call(axisBottom(x).ticks(xTickCount(x, f.width, xf)).tickFormat((d) => xf(Number(d))));
  const ya = valueAxis(f, y, (a) => a.ticks(5).tickFormat((d) => yf(Number(d))));
  styleAxis(xa);
  fitXLabels(f, xa);
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLabel);
  axisTitle(f, 'y', spec.yLabel);
}
