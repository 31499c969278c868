/**
 * Ranked horizontal bars: one row per item (a segment, a product), the value along x, an optional
 * interval whisker (e.g. a Wilson 95 % interval) and a note at the end of each row (e.g. "n = 42")
 * so small groups are not over-read. Right-to-left: the labels on the right, bars growing from
 * the right to the left (negative values to the right of zero), notes at the left end.
 */
import { axisBottom, max, min, scaleBand, scaleLinear } from 'd3';
import { axisTitle, createFrame, emptyMessage, fitXLabels, settleText, styleAxis, valueAxis, xRange } from './frame';
import { chartRtl, fmtNumber, fmtShare, widest } from './locale';
import { seriesColour } from './palette';
import { t } from '../i18n/t';

export interface HBarRow {
  label: string;
  value: number | null;
  low?: number | null;
  high?: number | null;
  /** printed after the bar */
  note?: string;
}

export interface HBarSpec {
  title: string;
  description: string;
  rows: readonly HBarRow[];
  xLabel: string;
  format?: (n: number) => string;
  /** x domain upper end (default: the largest value or interval end) */
  xMax?: number;
  /** x domain lower end when below 0 (default: 0, or the smallest negative value) */
  xMin?: number;
  /** a reference line, e.g. the overall rate */
  reference?: { value: number; label: string } | null;
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

const ROW = 22;

/** Height the chart needs for `rows` rows (the caller sizes the host with it). */
export function hbarsHeight(rows: number): number {
  return 110 + Math.max(1, rows) * ROW;
}

export function renderHBars(el: SVGSVGElement, spec: HBarSpec, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw(el: SVGSVGElement, spec: HBarSpec, size: { width: number; height: number }) {
  const fmt = spec.format ?? fmtNumber;
  const labelWidth = widest(spec.rows.map((r) => r.label));
  const noteWidth = widest(spec.rows.map((r) => r.note ?? '')) + 10;
  const legend = spec.reference ? [{ label: spec.reference.label, colour: 'var(--text, #333)', shape: 'line' as const, dashed: true }] : undefined;
  const f = createFrame(el, {
    ...size, title: spec.title, description: spec.description, legend, rtl: chartRtl(spec.rtl),
    // the labels' side (start) and the notes' side (end); swapped by createFrame when right-to-left
    margin: { left: Math.min(220, Math.max(60, labelWidth + 14)), right: Math.max(16, noteWidth) },
  });
  if (spec.rows.length === 0) return emptyMessage(f, t('charts.noData'));

  const top = spec.xMax ?? Math.max(max(spec.rows, (r) => Math.max(r.value ?? 0, r.high ?? 0)) ?? 0, spec.reference?.value ?? 0);
  // Negative values (an NPS below zero) extend to the left of a zero line (to the right when rtl).
  const bottom = Math.min(0, min(spec.rows, (r) => Math.min(r.value ?? 0, r.low ?? 0)) ?? 0, spec.xMin ?? 0);
  const x = scaleLinear().domain([bottom, top > bottom ? top : bottom + 1]).nice().range(xRange(f));
  const y = scaleBand<string>().domain(spec.rows.map((r, i) => `${i}`)).range([0, f.height]).padding(0.25);
  const rowY = (i: number) => y(`${i}`) ?? 0;

  const rows = f.plot.append('g').attr('class', 'rows').selectAll('g').data(spec.rows).join('g')
    .attr('class', 'row').attr('transform', (_, i) => `translate(0,${rowY(i)})`);
  rows.append('rect').attr('class', 'hbar').attr('height', y.bandwidth())
    .attr('x', (r) => Math.min(x(0), x(r.value ?? 0)))
    .attr('width', (r) => (r.value === null ? 0 : Math.abs(x(r.value) - x(0))))
    .style('fill', seriesColour(0))
    .append('title').text((r) => `${r.label}: ${r.value === null ? t('charts.noValue') : fmt(r.value)}${r.low != null && r.high != null
      ? ` (${t('charts.hbars.interval', { level: fmtShare(0.95), low: fmt(r.low), high: fmt(r.high) })})` : ''}${r.note ? `${t('charts.listSeparator')}${r.note}` : ''}`);
  const whisker = rows.filter((r) => r.low != null && r.high != null).append('g').attr('class', 'interval').attr('aria-hidden', 'true');
  whisker.append('line').attr('x1', (r) => x(r.low as number)).attr('x2', (r) => x(r.high as number))
    .attr('y1', y.bandwidth() / 2).attr('y2', y.bandwidth() / 2).style('stroke', 'var(--text, #333)').style('stroke-width', '1.2');
  for (const end of ['low', 'high'] as const) {
    whisker.append('line').attr('x1', (r) => x(r[end] as number)).attr('x2', (r) => x(r[end] as number))
      .attr('y1', y.bandwidth() * 0.2).attr('y2', y.bandwidth() * 0.8).style('stroke', 'var(--text, #333)').style('stroke-width', '1.2');
  }
  // After the plot's end: anchor start is the left end, or (rtl) the right end of the note.
  rows.append('text').attr('class', 'note').attr('x', f.rtl ? -6 : f.width + 6).attr('y', y.bandwidth() / 2 + 4)
    .style('fill', 'var(--muted, #666)').style('font-size', '11px').text((r) => r.note ?? '');

  if (bottom < 0) {
    f.plot.append('line').attr('class', 'zero').attr('x1', x(0)).attr('x2', x(0)).attr('y1', 0).attr('y2', f.height).style('stroke', 'var(--muted, #888)');
  }
  if (spec.reference) {
    f.plot.append('line').attr('class', 'reference').attr('x1', x(spec.reference.value)).attr('x2', x(spec.reference.value))
      .attr('y1', 0).attr('y2', f.height).style('stroke', 'var(--text, #333)').style('stroke-dasharray', '4 3')
      .append('title').text(`${spec.reference.label}: ${fmt(spec.reference.value)}`);
  }

  const ya = valueAxis(f, y, (a) => a.tickFormat((d) => spec.rows[Number(d)]?.label ?? '').tickSizeOuter(0));
  const xa = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    // As many ticks as their labels leave room for (long money labels need fewer).
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(f.width / (widest(x.domain().map((d) => fmt(d))) + 24)))).tickFormat((d) => fmt(Number(d))));
  styleAxis(xa);
  fitXLabels(f, xa);
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLabel);
}
