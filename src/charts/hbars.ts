/**
 * Ranked horizontal bars: one row per item (a segment, a product), the value along x, an optional
 * interval whisker (e.g. a Wilson 95 % interval) and a note at the end of each row (e.g. "n = 42")
 * so small groups are not over-read.
 */
import { axisBottom, axisLeft, max, min, scaleBand, scaleLinear } from 'd3';
import { axisTitle, createFrame, emptyMessage, styleAxis } from './frame';
import { seriesColour } from './palette';

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
}

const ROW = 22;

/** Height the chart needs for `rows` rows (the caller sizes the host with it). */
export function hbarsHeight(rows: number): number {
  return 110 + Math.max(1, rows) * ROW;
}

export function renderHBars(el: SVGSVGElement, spec: HBarSpec, size: { width: number; height: number }) {
  const fmt = spec.format ?? ((n: number) => n.toLocaleString());
  const widest = Math.max(0, ...spec.rows.map((r) => r.label.length));
  const noteWidth = Math.max(0, ...spec.rows.map((r) => (r.note ?? '').length)) * 6.6 + 10;
  const legend = spec.reference ? [{ label: spec.reference.label, colour: 'var(--text, #333)', shape: 'line' as const, dashed: true }] : undefined;
  const f = createFrame(el, {
    ...size, title: spec.title, description: spec.description, legend,
    margin: { left: Math.min(220, Math.max(60, widest * 6.6 + 14)), right: Math.max(16, noteWidth) },
  });
  if (spec.rows.length === 0) return emptyMessage(f, 'No data');

  const top = spec.xMax ?? Math.max(max(spec.rows, (r) => Math.max(r.value ?? 0, r.high ?? 0)) ?? 0, spec.reference?.value ?? 0);
  // Negative values (an NPS below zero) extend to the left of a zero line.
  const bottom = Math.min(0, min(spec.rows, (r) => Math.min(r.value ?? 0, r.low ?? 0)) ?? 0, spec.xMin ?? 0);
  const x = scaleLinear().domain([bottom, top > bottom ? top : bottom + 1]).nice().range([0, f.width]);
  const y = scaleBand<string>().domain(spec.rows.map((r, i) => `${i}`)).range([0, f.height]).padding(0.25);
  const rowY = (i: number) => y(`${i}`) ?? 0;

  const rows = f.plot.append('g').attr('class', 'rows').selectAll('g').data(spec.rows).join('g')
    .attr('class', 'row').attr('transform', (_, i) => `translate(0,${rowY(i)})`);
  rows.append('rect').attr('class', 'hbar').attr('height', y.bandwidth())
    .attr('x', (r) => x(Math.min(0, r.value ?? 0)))
    .attr('width', (r) => (r.value === null ? 0 : Math.abs(x(r.value) - x(0))))
    .style('fill', seriesColour(0))
    .append('title').text((r) => `${r.label}: ${r.value === null ? 'no value' : fmt(r.value)}${r.low != null && r.high != null ? ` (95% interval ${fmt(r.low)} – ${fmt(r.high)})` : ''}${r.note ? `, ${r.note}` : ''}`);
  const whisker = rows.filter((r) => r.low != null && r.high != null).append('g').attr('class', 'interval').attr('aria-hidden', 'true');
  whisker.append('line').attr('x1', (r) => x(r.low as number)).attr('x2', (r) => x(r.high as number))
    .attr('y1', y.bandwidth() / 2).attr('y2', y.bandwidth() / 2).style('stroke', 'var(--text, #333)').style('stroke-width', '1.2');
  for (const end of ['low', 'high'] as const) {
    whisker.append('line').attr('x1', (r) => x(r[end] as number)).attr('x2', (r) => x(r[end] as number))
      .attr('y1', y.bandwidth() * 0.2).attr('y2', y.bandwidth() * 0.8).style('stroke', 'var(--text, #333)').style('stroke-width', '1.2');
  }
  rows.append('text').attr('class', 'note').attr('x', f.width + 6).attr('y', y.bandwidth() / 2 + 4)
    .style('fill', 'var(--muted, #666)').style('font-size', '11px').text((r) => r.note ?? '');

  if (bottom < 0) {
    f.plot.append('line').attr('class', 'zero').attr('x1', x(0)).attr('x2', x(0)).attr('y1', 0).attr('y2', f.height).style('stroke', 'var(--muted, #888)');
  }
  if (spec.reference) {
    f.plot.append('line').attr('class', 'reference').attr('x1', x(spec.reference.value)).attr('x2', x(spec.reference.value))
      .attr('y1', 0).attr('y2', f.height).style('stroke', 'var(--text, #333)').style('stroke-dasharray', '4 3')
      .append('title').text(`${spec.reference.label}: ${fmt(spec.reference.value)}`);
  }

  const ya = f.plot.append('g').attr('class', 'axis axis-y')
    .call(axisLeft(y).tickFormat((d) => spec.rows[Number(d)]?.label ?? '').tickSizeOuter(0));
  const xa = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    // As many ticks as their labels leave room for (long money labels need fewer).
    .call(axisBottom(x).ticks(Math.max(2, Math.floor(f.width / (Math.max(...x.domain().map((d) => fmt(d).length)) * 6.6 + 24)))).tickFormat((d) => fmt(Number(d))));
  styleAxis(xa);
  styleAxis(ya);
  axisTitle(f, 'x', spec.xLabel);
}
