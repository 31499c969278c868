/**
 * Stacked vertical bars per category (a period): positive parts stack up from 0, negative parts
 * (e.g. dormant customers in a lifecycle chart) stack down, so growth and loss read at a glance.
 * Categories flagged incomplete are drawn lighter. Right-to-left: the first category at the right,
 * the value axis on the right.
 */
import { scaleBand, scaleLinear } from 'd3';
import { axisTitle, categoryAxis, createFrame, emptyMessage, leftMarginFor, settleText, styleAxis, valueAxis, xRange } from './frame';
import { chartRtl, fmtNumber } from './locale';
import { seriesColour } from './palette';
import { t } from '../i18n/t';

export interface StackedSpec {
  title: string;
  description: string;
  categories: readonly string[];
  /** stacked in this order (first at the axis); values may be negative */
  series: readonly { name: string; values: readonly number[]; /** palette index (default: the series' position) */ colour?: number }[];
  /** per category: false = not fully observed yet (drawn lighter) */
  complete?: readonly boolean[];
  xLabel: string;
  yLabel: string;
  /** value format (default: the reader's locale and digits) */
  format?: (n: number) => string;
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

export function renderStacked(el: SVGSVGElement, spec: StackedSpec, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw(el: SVGSVGElement, spec: StackedSpec, size: { width: number; height: number }) {
  const fmt = spec.format ?? fmtNumber;
  const n = spec.categories.length;
  // Per category, the running top of the positive stack and bottom of the negative stack.
  const stacks = spec.categories.map((_, k) => {
    let up = 0, down = 0;
    return spec.series.map((s) => {
      const v = s.values[k] ?? 0;
      if (v >= 0) { const seg = { y0: up, y1: up + v }; up += v; return seg; }
      const seg = { y0: down + v, y1: down }; down += v; return seg;
    });
  });
  const lo = Math.min(0, ...stacks.flat().map((s) => s.y0));
  const hi = Math.max(0, ...stacks.flat().map((s) => s.y1));
  const y = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).nice();
  const colourOf = (i: number) => seriesColour(spec.series[i].colour ?? i);
  const legend = spec.series.map((s, i) => ({ label: s.name, colour: colourOf(i) }));
  const f = createFrame(el, { ...size, title: spec.title, description: spec.description, legend, rtl: chartRtl(spec.rtl), margin: { left: leftMarginFor(y.ticks(5).map(fmt)) } });
  if (n === 0 || spec.series.length === 0) return emptyMessage(f, t('charts.noData'));
  y.range([f.height, 0]);
  const x = scaleBand<string>().domain(spec.categories).range(xRange(f)).padding(0.15);

  const cats = f.plot.append('g').attr('class', 'stacks').selectAll('g').data(spec.categories).join('g')
    .attr('class', (_, k) => (spec.complete && !spec.complete[k] ? 'stack incomplete' : 'stack'))
    .attr('transform', (c) => `translate(${x(c)},0)`)
    .style('opacity', (_, k) => (spec.complete && !spec.complete[k] ? '0.45' : null));
  spec.series.forEach((s, i) => {
    cats.append('rect').attr('class', `segment series-${i}`).attr('width', x.bandwidth())
      .attr('y', (_, k) => y(stacks[k][i].y1)).attr('height', (_, k) => Math.max(0, y(stacks[k][i].y0) - y(stacks[k][i].y1)))
      .style('fill', colourOf(i))
      .append('title').text((c, k) => `${c} · ${s.name}: ${fmt(s.values[k] ?? 0)}${spec.complete && !spec.complete[k] ? ` (${t('charts.stacked.incomplete')})` : ''}`);
  });
  f.plot.append('line').attr('class', 'zero').attr('x1', 0).attr('x2', f.width).attr('y1', y(0)).attr('y2', y(0)).style('stroke', 'var(--muted, #888)');

  categoryAxis(f, x, spec.categories);
  const ya = valueAxis(f, y, (a) => a.ticks(5).tickFormat((d) => fmt(Number(d))));
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLabel);
  axisTitle(f, 'y', spec.yLabel);
}
