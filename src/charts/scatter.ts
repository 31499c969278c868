/**
 * Scatter plot: x/y numeric points, an optional size (circle *area* proportional to the value,
 * via a square-root scale from 0) and an optional category for colour (with a legend), labels on
 * the top-N points, and a log scale per axis for money or frequencies. Large inputs stay cheap:
 * every point is still a circle, but above `tooltipLimit` points the per-point <title> is left
 * out (the description says so), since tens of thousands of tooltips cost more than the circles.
 * Right-to-left: x grows from the right, the y axis on the right, point labels left of their point.
 */
import { axisBottom, extent, max, scaleLinear, scaleLog, scaleSqrt, type ScaleContinuousNumeric } from 'd3';
import { axisTitle, createFrame, emptyMessage, fitXLabels, leftMarginFor, settleText, styleAxis, valueAxis, xRange } from './frame';
import { chartRtl, fmtNumber } from './locale';
import { seriesColour } from './palette';
import { t } from '../i18n/t';

export interface ScatterPoint {
  x: number;
  y: number;
  /** drawn as the circle's area (needs `sizeLabel` to say what it is) */
  size?: number | null;
  /** colour group, shown in the legend */
  category?: string | null;
  /** name shown in the tooltip and, for the top-N points, next to the circle */
  label?: string | null;
}

export interface ScatterSpec {
  title: string;
  description: string;
  points: readonly ScatterPoint[];
  xLabel: string;
  yLabel: string;
  xFormat?: (n: number) => string;
  yFormat?: (n: number) => string;
  /** what `size` is, e.g. "Orders" (tooltips, description) */
  sizeLabel?: string;
  sizeFormat?: (n: number) => string;
  /** log scale on the axis; points ≤ 0 on it cannot be drawn and are counted in the description */
  xLog?: boolean;
  yLog?: boolean;
  /** category order for the colours and legend (default: order of first appearance) */
  categories?: readonly string[];
  /** print `label` next to the N points highest on `labelBy` (default 0) */
  labelTop?: number;
  labelBy?: 'x' | 'y' | 'size';
  /** above this many points, circles get no <title> (default 2000) */
  tooltipLimit?: number;
  /** radius of the largest `size` (default 14) */
  maxRadius?: number;
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

export const SCATTER_TOOLTIP_LIMIT = 2000;
/** The group of points without a category (a key, shown as t('charts.scatter.none')). */
const NO_CATEGORY = '\u0000none';

type Num = ScaleContinuousNumeric<number, number>;

function makeScale(values: number[], log: boolean): Num {
  const [lo, hi] = extent(values) as [number, number];
  if (log) {
    const d = lo === hi ? [lo / 10, hi * 10] : [lo, hi];
    return scaleLog().domain(d).nice();
  }
  return scaleLinear().domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]).nice();
}

/** Tick values: plain ticks on a linear scale; on a log scale only 1·10ⁿ (or 1, 2, 5 ·10ⁿ over few decades). */
function tickValues(s: Num, log: boolean, count: number): number[] {
  if (!log) return s.ticks(count);
  const [a, b] = s.domain();
  const decades = Math.log10(b) - Math.log10(a);
  const keep = decades > 2.5 ? [1] : decades > 1 ? [1, 2, 5] : [1, 2, 3, 5];
  const t = s.ticks(count).filter((v) => keep.includes(Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9))));
  return t.length >= 2 ? t : s.ticks(count);
}

export function renderScatter(el: SVGSVGElement, spec: ScatterSpec, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw(el: SVGSVGElement, spec: ScatterSpec, size: { width: number; height: number }) {
  const xf = spec.xFormat ?? fmtNumber;
  const yf = spec.yFormat ?? fmtNumber;
  const sf = spec.sizeFormat ?? fmtNumber;
  const catName = (c: string) => (c === NO_CATEGORY ? t('charts.scatter.none') : c);
  const limit = spec.tooltipLimit ?? SCATTER_TOOLTIP_LIMIT;

  const finite = spec.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const points = finite.filter((p) => (!spec.xLog || p.x > 0) && (!spec.yLog || p.y > 0));
  const offLog = finite.length - points.length;

  const seen = new Set<string>();
  for (const p of points) if (p.category != null) seen.add(p.category);
  const hasCategories = seen.size > 0;
  if (hasCategories && points.some((p) => p.category == null)) seen.add(NO_CATEGORY);
  const cats = [...(spec.categories ?? []).filter((c) => seen.has(c)), ...[...seen].filter((c) => !spec.categories?.includes(c))];
  const catIndex = new Map(cats.map((c, i) => [c, i]));
  const colourOf = (p: ScatterPoint) => seriesColour(hasCategories ? catIndex.get(p.category ?? NO_CATEGORY) ?? 0 : 0);
  const legend = cats.length > 1 ? cats.map((c, i) => ({ label: catName(c), colour: seriesColour(i) })) : undefined;

  const y = points.length ? makeScale(points.map((p) => p.y), !!spec.yLog) : scaleLinear().domain([0, 1]);
  const yTicks = tickValues(y, !!spec.yLog, 5);

  const notes: string[] = [];
  if (points.length) notes.push(t('charts.scatter.points', { n: points.length }));
  const sized = points.some((p) => p.size != null && Number.isFinite(p.size));
  const sizeLabel = spec.sizeLabel ?? t('charts.scatter.size');
  if (sized) notes.push(t('charts.scatter.areaProportional', { size: sizeLabel }));
  if (spec.xLog || spec.yLog) notes.push(t(spec.xLog && spec.yLog ? 'charts.scatter.logBoth' : spec.xLog ? 'charts.scatter.logX' : 'charts.scatter.logY'));
  if (offLog) notes.push(t('charts.scatter.offLog', { n: offLog }));
  const withTooltips = points.length <= limit;
  if (!withTooltips) notes.push(t('charts.scatter.noTooltips', { limit }));
  const description = [spec.description, ...notes].filter(Boolean).join(' ');

  const f = createFrame(el, { ...size, title: spec.title, description, legend, rtl: chartRtl(spec.rtl), margin: { left: leftMarginFor(yTicks.map(yf)) } });
  if (points.length === 0) return emptyMessage(f, t('charts.noData'));

  y.range([f.height, 0]);
  const x = makeScale(points.map((p) => p.x), !!spec.xLog).range(xRange(f));
  const xTicks = tickValues(x, !!spec.xLog, Math.max(2, Math.floor(f.width / 80)));
  const maxSize = max(points, (p) => (p.size != null && Number.isFinite(p.size) ? Math.max(0, p.size) : 0)) ?? 0;
  const r = scaleSqrt().domain([0, maxSize > 0 ? maxSize : 1]).range([0, spec.maxRadius ?? 14]);
  const many = points.length > 500;
  const plainR = points.length > 5000 ? 1.8 : many ? 2.5 : 3.5;
  const radius = (p: ScatterPoint) => (sized ? (p.size != null && Number.isFinite(p.size) ? Math.max(1, r(Math.max(0, p.size))) : 1) : plainR);

  f.plot.append('g').attr('class', 'grid').attr('aria-hidden', 'true').selectAll('line').data(yTicks).join('line')
    .attr('x1', 0).attr('x2', f.width).attr('y1', (d) => y(d)).attr('y2', (d) => y(d)).style('stroke', 'var(--border, #ddd)');

  // Largest circles first so small ones stay visible on top.
  const ordered = sized ? [...points].sort((a, b) => (b.size ?? 0) - (a.size ?? 0)) : points;
  const circles = f.plot.append('g').attr('class', 'points')
    .style('fill-opacity', points.length > 5000 ? '0.35' : many ? '0.55' : '0.8')
    .selectAll('circle').data(ordered).join('circle')
    .attr('class', 'point')
    .attr('cx', (p) => x(p.x)).attr('cy', (p) => y(p.y)).attr('r', radius)
    .style('fill', colourOf);
  if (sized && !many) circles.style('stroke', 'var(--surface, #fff)').style('stroke-width', '0.8');
  if (withTooltips) {
    circles.append('title').text((p) => {
      const head = [p.label, hasCategories ? catName(p.category ?? NO_CATEGORY) : null].filter(Boolean).join(' · ');
      const sep = t('charts.listSeparator');
      const sz = p.size != null && Number.isFinite(p.size) ? `${sep}${sizeLabel} ${sf(p.size)}` : '';
      return `${head ? `${head}: ` : ''}${spec.xLabel} ${xf(p.x)}${sep}${spec.yLabel} ${yf(p.y)}${sz}`;
    });
  }

  const n = Math.max(0, Math.floor(spec.labelTop ?? 0));
  if (n > 0) {
    const by = spec.labelBy ?? 'y';
    const key = (p: ScatterPoint) => (by === 'size' ? p.size ?? NaN : p[by]);
    const top = points.filter((p) => p.label && Number.isFinite(key(p))).sort((a, b) => key(b) - key(a)).slice(0, n);
    // After their point in reading order (right of it; left when rtl), except near the plot's end
    // edge, where they go before it. Anchor start/end follow the text direction (rtl: start = right end).
    const s = f.rtl ? -1 : 1;
    const nearEnd = (p: ScatterPoint) => (f.rtl ? x(p.x) < 80 : x(p.x) > f.width - 80);
    f.plot.append('g').attr('class', 'point-labels').attr('aria-hidden', 'true').selectAll('text').data(top).join('text')
      .attr('class', 'point-label')
      .attr('x', (p) => x(p.x) + s * (radius(p) + 3)).attr('y', (p) => y(p.y) + 4)
      .attr('text-anchor', (p) => (nearEnd(p) ? 'end' : 'start'))
      .attr('dx', (p) => (nearEnd(p) ? -s * (2 * radius(p) + 6) : 0))
      .style('fill', 'currentColor').style('font-size', '10.5px')
      // a halo in the background colour keeps labels readable over other points
      .style('paint-order', 'stroke').style('stroke', 'var(--surface, #fff)').style('stroke-width', '3px').style('stroke-linejoin', 'round')
      .text((p) => p.label ?? '');
  }

  const xa = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    .call(axisBottom(x).tickValues(xTicks).tickFormat((d) => xf(Number(d))));
  const ya = valueAxis(f, y, (a) => a.tickValues(yTicks).tickFormat((d) => yf(Number(d))));
  styleAxis(xa);
  fitXLabels(f, xa);
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLog ? t('charts.logScale', { label: spec.xLabel }) : spec.xLabel);
  axisTitle(f, 'y', spec.yLog ? t('charts.logScale', { label: spec.yLabel }) : spec.yLabel);
}
