/**
 * Area chart over a numeric x (a period index, time in a stated unit) or dates (time series):
 * one area, several stacked areas, or with `normalise` a 100 % stacked area (each x sums to 100 %).
 * Series share the x values (`values[k]` belongs to `x[k]`). Stacked values below 0 cannot be
 * stacked and count as 0 (their tooltip still shows the value); with `stacked: false` the areas
 * overlap from 0 and may be negative. Every point carries a tooltip; each series' last point is
 * marked, so a single x is still visible.
 * Right-to-left: x runs from the right (the earliest at the right), the value axis on the right.
 * Dates: ticks and labels in the display calendar (Jalali: on Jalali month starts, with Jalali
 * month names; ./locale.ts calendarTicks), tooltips as fmtDay; English Gregorian keeps d3's ticks.
 */
import { area, axisBottom, line, scaleLinear, scaleUtc } from 'd3';
import { axisTitle, createFrame, emptyMessage, fitXLabels, leftMarginFor, settleText, styleAxis, valueAxis, xRange, xTickCount } from './frame';
import { calendarTicks, chartRtl, fmtNumber, fmtShare } from './locale';
import { seriesColour } from './palette';
import { t } from '../i18n/t';
import { fmtDay } from '../i18n/dates';

export type AreaX = number | Date;
export interface AreaSeries { name: string; values: readonly (number | null)[] }

export interface AreaSpec<X extends AreaX = number> {
  title: string;
  description: string;
  /** shared x values: numbers or Dates (drawn on a UTC time scale) */
  x: readonly X[];
  series: readonly AreaSeries[];
  xLabel: string;
  yLabel: string;
  /** as lines.ts: formats x ticks and tooltips (default: numbers localised, dates as fmtDay: YYYY-MM-DD in English) */
  xFormat?: (x: X) => string;
  yFormat?: (n: number) => string;
  /** stack the series (default true); false draws overlapping translucent areas from 0 */
  stacked?: boolean;
  /** 100 % stacked: each series as its share of the x's total (y axis 0–100 %) */
  normalise?: boolean;
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

interface Pt { k: number; x: number; v: number | null; y0: number; y1: number; share: number }

export function renderArea<X extends AreaX>(el: SVGSVGElement, spec: AreaSpec<X>, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw<X extends AreaX>(el: SVGSVGElement, spec: AreaSpec<X>, size: { width: number; height: number }) {
  const dates = spec.x.length > 0 && spec.x[0] instanceof Date;
  const xf = spec.xFormat ?? ((v: X) => (v instanceof Date ? fmtDay(+v) : fmtNumber(v as number)));
  const yf = spec.yFormat ?? fmtNumber;
  const normalise = !!spec.normalise;
  const stacked = normalise || spec.stacked !== false;
  const axisYf = normalise ? (n: number) => fmtShare(n) : yf;
  const legend = spec.series.length > 1 ? spec.series.map((s, i) => ({ label: s.name, colour: seriesColour(i) })) : undefined;

  // x positions as numbers (ms for dates), in ascending order, skipping invalid x.
  const order = spec.x.map((v, k) => ({ k, n: +v })).filter((d) => Number.isFinite(d.n)).sort((a, b) => a.n - b.n);
  const val = (s: AreaSeries, k: number) => { const v = s.values[k]; return v != null && Number.isFinite(v) ? v : null; };
  const cols: Pt[][] = spec.series.map(() => []);
  for (const { k, n } of order) {
    const total = spec.series.reduce((t, s) => t + Math.max(0, val(s, k) ?? 0), 0);
    let up = 0;
    spec.series.forEach((s, i) => {
      const v = val(s, k);
      const part = stacked ? Math.max(0, v ?? 0) : v ?? 0;
      const h = normalise ? (total > 0 ? part / total : 0) : part;
      const share = total > 0 ? Math.max(0, v ?? 0) / total : 0;
      if (stacked) { cols[i].push({ k, x: n, v, y0: up, y1: up + h, share }); up += h; }
      else cols[i].push({ k, x: n, v, y0: 0, y1: h, share });
    });
  }
  const all = cols.flat();
  const empty = all.length === 0 || all.every((p) => p.v === null);
  const lo = normalise ? 0 : Math.min(0, ...all.map((p) => Math.min(p.y0, p.y1)));
  const hi = normalise ? 1 : Math.max(0, ...all.map((p) => Math.max(p.y0, p.y1)));
  const y = scaleLinear().domain([lo, hi > lo ? hi : lo + 1]);
  if (!normalise) y.nice();
  const f = createFrame(el, { ...size, title: spec.title, description: spec.description, legend, rtl: chartRtl(spec.rtl), margin: { left: leftMarginFor(y.ticks(5).map(axisYf)) } });
  if (empty) return emptyMessage(f, t('charts.noData'));
  y.range([f.height, 0]);

  const x0 = order[0].n, x1 = order[order.length - 1].n;
  const pad = dates ? 86_400_000 : 1;
  const xd: [number, number] = x0 === x1 ? [x0 - pad, x1 + pad] : [x0, x1];
  const xt = scaleUtc().domain(xd.map((n) => new Date(n))).range(xRange(f));
  const xn = scaleLinear().domain(xd).range(xRange(f));
  const px = (n: number) => (dates ? xt(new Date(n)) : xn(n));
  const asX = (n: number) => (dates ? new Date(n) : n) as X;

  f.plot.append('g').attr('class', 'grid').attr('aria-hidden', 'true').selectAll('line').data(y.ticks(5)).join('line')
    .attr('x1', 0).attr('x2', f.width).attr('y1', (d) => y(d)).attr('y2', (d) => y(d)).style('stroke', 'var(--border, #ddd)');

  const shape = area<Pt>().x((p) => px(p.x)).y0((p) => y(p.y0)).y1((p) => y(p.y1));
  const edge = line<Pt>().x((p) => px(p.x)).y((p) => y(p.y1));
  const tip = (s: AreaSeries, p: Pt) =>
    `${s.name} · ${spec.xLabel} ${xf(asX(p.x))}: ${p.v === null ? t('charts.noValue') : yf(p.v)}${stacked && spec.series.length > 1 && p.v !== null ? ` (${t('charts.area.shareOfTotal', { share: fmtShare(p.share, 1) })})` : ''}`;
  spec.series.forEach((s, i) => {
    const pts = cols[i];
    const vals = pts.filter((p) => p.v !== null).map((p) => p.v as number);
    const g = f.plot.append('g').attr('class', `series series-${i}`);
    g.append('path').attr('class', 'area').attr('d', shape(pts) ?? '')
      .style('fill', seriesColour(i)).style('fill-opacity', stacked ? '0.85' : '0.3')
      .append('title').text(vals.length ? `${s.name}: ${yf(Math.min(...vals))} – ${yf(Math.max(...vals))}` : `${s.name}: ${t('charts.noValues')}`);
    g.append('path').attr('class', 'edge').attr('aria-hidden', 'true').attr('d', edge(pts) ?? '')
      .style('fill', 'none').style('stroke', seriesColour(i)).style('stroke-width', '1.5');
    g.selectAll('circle.point').data(pts).join('circle')
      .attr('class', 'point').attr('cx', (p) => px(p.x)).attr('cy', (p) => y(p.y1)).attr('r', 5).style('fill', 'transparent')
      .append('title').text((p) => tip(s, p));
    const last = pts[pts.length - 1];
    if (last) g.append('circle').attr('class', 'end').attr('cx', px(last.x)).attr('cy', y(last.y1)).attr('r', 2.5).style('fill', seriesColour(i));
  });

  const ticks = Math.max(2, Math.floor(f.width / 80));
  // Dates in another language or the Jalali calendar: ticks on the display calendar's month starts.
  const cal = dates ? calendarTicks(new Date(xd[0]), new Date(xd[1]), ticks, f.width) : null;
  const xAxis = cal
    ? axisBottom(xt).tickValues(cal.values).tickFormat((d) => (spec.xFormat ? xf(d as X) : cal.label(d as Date)))
    : dates
      ? axisBottom(xt).ticks(ticks).tickFormat((d) => (spec.xFormat ? xf(d as X) : xt.tickFormat()(d as Date)))
      : axisBottom(xn).ticks(xTickCount(xn, f.width, (n) => xf(n as X))).tickFormat((d) => xf(Number(d) as X));
  const xa = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`).call(xAxis);
  const ya = valueAxis(f, y, (a) => a.ticks(5).tickFormat((d) => axisYf(Number(d))));
  styleAxis(xa);
  fitXLabels(f, xa);
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLabel);
  axisTitle(f, 'y', normalise ? t('charts.area.percentOfTotal', { label: spec.yLabel }) : spec.yLabel);
}
