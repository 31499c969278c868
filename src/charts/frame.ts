/**
 * The scaffold every chart shares: an SVG that scales with its container (viewBox), an
 * accessible name and description (role="img" + <title>/<desc>), a visible title, a legend row
 * and the plot area inside margins. Charts draw into `frame.plot`; the only app state they read
 * is the reader's language, digits and calendar (./locale.ts).
 *
 * Right-to-left (`rtl`, default: the document's direction): the chart is mirrored. Margins given
 * as left/right are the start/end sides (the y labels' side is `left` = start) and are swapped;
 * the value axis stands on the right (valueAxis), x scales run right to left (xRange), the title
 * and legend start at the right, and the SVG's `direction` is rtl so Persian/Arabic text shapes
 * and orders correctly; text without right-to-left letters (numbers, Latin names) is set
 * left-to-right with its anchor mirrored so it stays on the same side (settleText).
 */
import { axisBottom, axisLeft, axisRight, select, type Axis, type AxisDomain, type AxisScale, type ScaleBand, type Selection } from 'd3';
import { chartRtl, hasRtlLetters, textWidth, widest } from './locale';
import { prefs } from '../i18n/prefs.svelte';

export type Svg = Selection<SVGSVGElement, unknown, null, undefined>;
export type G = Selection<SVGGElement, unknown, null, undefined>;

export interface Margin { top: number; right: number; bottom: number; left: number }

export interface FrameOptions {
  /** visible title and accessible name */
  title: string;
  /** what the chart shows, read by screen readers (aria-describedby) */
  description: string;
  width: number;
  height: number;
  margin?: Partial<Margin>;
  /** legend entries, drawn under the title */
  legend?: readonly LegendItem[];
  /** mirror for right-to-left reading (default: the document's direction, isRtl()) */
  rtl?: boolean;
}

export interface LegendItem {
  label: string;
  colour: string;
  /** 'line' draws a short stroke (dashed when `dashed`), 'box' a filled square */
  shape?: 'box' | 'line';
  dashed?: boolean;
}

export interface Frame {
  svg: Svg;
  plot: G;
  /** inner plot size */
  width: number;
  height: number;
  /** physical margins (already swapped when right-to-left) */
  margin: Margin;
  rtl: boolean;
}

let uid = 0;
const TITLE_HEIGHT = 22;
const LEGEND_HEIGHT = 20;

/** Clears `el` and draws the frame. Minimum sizes keep tiny containers from producing negative ranges. */
export function createFrame(el: SVGSVGElement, o: FrameOptions): Frame {
  const id = `chart-${++uid}`;
  const width = Math.max(160, Math.round(o.width));
  const height = Math.max(120, Math.round(o.height));
  const top = TITLE_HEIGHT + (o.legend?.length ? LEGEND_HEIGHT : 0) + 8;
  const margin: Margin = { top, right: 16, bottom: 44, left: 56, ...o.margin };
  if (o.margin?.top !== undefined) margin.top = top + o.margin.top;
  const rtl = chartRtl(o.rtl);
  if (rtl) [margin.left, margin.right] = [margin.right, margin.left];

  const svg = select(el);
  svg.selectAll('*').remove();
  svg
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', '100%')
    .attr('preserveAspectRatio', rtl ? 'xMaxYMin meet' : 'xMinYMin meet')
    // rtl: bidi base direction of every text (and text-anchor start = the right end); an LTR chart
    // inside a right-to-left page says ltr so it does not inherit the page's direction.
    .attr('direction', rtl ? 'rtl' : chartRtl() ? 'ltr' : null)
    .attr('role', 'img')
    .attr('aria-labelledby', `${id}-title`)
    .attr('aria-describedby', `${id}-desc`)
    .attr('class', 'chart')
    .style('font', '12px var(--font, system-ui, sans-serif)')
    .style('color', 'var(--text, #1d1d1b)')
    .style('overflow', 'visible');
  svg.append('title').attr('id', `${id}-title`).text(o.title);
  svg.append('desc').attr('id', `${id}-desc`).text(o.description);
  // Title at the start: x 0 (left), or the right edge with anchor start in right-to-left text.
  const title = svg.append('text').attr('class', 'chart-title').attr('x', rtl ? width : 0).attr('y', 15)
    .style('font-weight', '600').style('font-size', '13px').style('fill', 'currentColor').text(o.title);
  fitText(title.node(), width - 2);
  if (o.legend?.length) drawLegend(svg, o.legend, TITLE_HEIGHT + 12, rtl ? width : null);

  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  return { svg, plot, width: Math.max(40, width - margin.left - margin.right), height: Math.max(40, height - margin.top - margin.bottom), margin, rtl };
}

/** Legend entries in reading order: from x 0 rightwards, or (rtl) from `right` leftwards with the swatch before (right of) the label. */
function drawLegend(svg: Svg, items: readonly LegendItem[], y: number, right: number | null) {
  const g = svg.append('g').attr('class', 'legend').attr('transform', `translate(0,${y})`).attr('aria-hidden', 'true');
  const s = right === null ? 1 : -1;
  let x = right ?? 0;
  for (const item of items) {
    const entry = g.append('g').attr('class', 'legend-item').attr('transform', `translate(${x},0)`);
    if (item.shape === 'line') {
      entry.append('line').attr('x1', 0).attr('x2', s * 16).attr('y1', 0).attr('y2', 0)
        .style('stroke', item.colour).style('stroke-width', '2.5').style('stroke-dasharray', item.dashed ? '4 3' : 'none');
    } else {
      entry.append('rect').attr('x', s > 0 ? 0 : -12).attr('y', -6).attr('width', 12).attr('height', 12).attr('rx', 2).style('fill', item.colour);
    }
    // rtl: anchor start of right-to-left text = its right end, next to the swatch.
    entry.append('text').attr('x', s * (item.shape === 'line' ? 21 : 17)).attr('y', 4).style('fill', 'currentColor').text(item.label);
    // Width estimate (no layout in tests or before the SVG is attached): ./locale.ts textWidth.
    x += s * ((item.shape === 'line' ? 21 : 17) + textWidth(item.label) + 18);
  }
}

/**
 * Margin on the value axis' side (left, or right when right-to-left: pass it as `left`, createFrame
 * swaps it) that fits the y tick labels and the rotated axis title beside them (no layout is
 * available before drawing: widths estimated by ./locale.ts textWidth, Persian/Arabic included).
 */
export function leftMarginFor(tickLabels: readonly string[]): number {
  return Math.max(56, Math.ceil(widest(tickLabels)) + 30);
}

/**
 * About one x tick per `spacing` px, fewer when the labels are wider than that (long period names
 * such as "اردیبهشت ۱۴۰۳" or amounts in Toman would otherwise overlap).
 */
export function xTickCount(x: { ticks(n: number): number[] }, width: number, format: (n: number) => string, spacing = 80): number {
  const n = Math.max(2, Math.floor(width / spacing));
  const w = widest(x.ticks(n).map(format));
  return w + 12 <= spacing ? n : Math.max(2, Math.floor(width / (w + 12)));
}

/** The x range of a plot: left to right, or right to left (first category / earliest time at the right). */
export function xRange(f: Frame, from = 0, to = f.width): [number, number] {
  return f.rtl ? [f.width - from, f.width - to] : [from, to];
}

/**
 * The value (y) axis: on the left with labels left of it, or (rtl) on the right edge of the plot
 * with labels right of it. `configure` sets ticks and format on the d3 axis. Returns the group.
 */
export function valueAxis<D extends AxisDomain>(f: Frame, scale: AxisScale<D>, configure: (a: Axis<D>) => Axis<D>, cls = 'axis axis-y'): G {
  const g = f.plot.append('g').attr('class', cls);
  if (!f.rtl) return g.call(configure(axisLeft(scale)));
  g.attr('transform', `translate(${f.width},0)`).call(configure(axisRight(scale)));
  // Labels start 9 px right of the axis: their left end, i.e. `end` in right-to-left text.
  return g.attr('text-anchor', 'end');
}

/**
 * A category x axis under the plot that labels every n-th category when the labels would
 * otherwise overlap (~6.6 px per character at 12 px). Returns the axis group.
 */
export function categoryAxis(f: Frame, x: ScaleBand<string>, categories: readonly string[]): G {
  const wide = Math.max(6.6, widest(categories)) + 8;
  const every = Math.max(1, Math.ceil(wide / Math.max(1, x.step())));
  const g = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    .call(axisBottom(x).tickValues(categories.filter((_, k) => k % every === 0)).tickSizeOuter(0));
  styleAxis(g);
  fitXLabels(f, g);
  return g;
}

/**
 * Keeps an x axis' tick labels inside the SVG: a label centred on a tick near the plot's edge
 * that would run past the margin (a long period name at the first or last tick) is shifted
 * inward by the overflow (dx). Widths estimated (./locale.ts textWidth) at the axis' 10 px.
 */
export function fitXLabels(f: Frame, g: G) {
  const lo = -f.margin.left, hi = f.width + f.margin.right;
  g.selectAll<SVGGElement, unknown>('.tick').each(function () {
    const m = /translate\(([-\d.e]+)/.exec(this.getAttribute('transform') ?? '');
    const text = this.querySelector('text');
    if (!m || !text) return;
    const x = Number(m[1]), half = textWidth(text.textContent, 10) / 2;
    const dx = x - half < lo ? lo - (x - half) + 1 : x + half > hi ? hi - (x + half) - 1 : 0;
    if (dx) text.setAttribute('dx', String(Math.round(dx * 10) / 10));
  });
}

/** An axis title: under the x axis or rotated beside the y axis. */
export function axisTitle(f: Frame, which: 'x' | 'y', text: string) {
  const t = f.plot.append('text').attr('class', `axis-title axis-title-${which}`).style('fill', 'currentColor').style('font-size', '11.5px');
  if (which === 'x') t.attr('x', f.width / 2).attr('y', f.height + 36).attr('text-anchor', 'middle').text(text);
  // Rotated (read bottom to top) at the outer edge of the value axis' margin: left, or right when rtl.
  else t.attr('transform', 'rotate(-90)').attr('x', -f.height / 2).attr('y', f.rtl ? f.width + f.margin.right - 9 : -f.margin.left + 14).attr('text-anchor', 'middle').text(text);
  // A y title stays beside the plot: above it are the chart's title and legend.
  fitText(t.node(), which === 'x' ? f.width + f.margin.left + f.margin.right - 4 : f.height);
}

/**
 * A title longer than the room it has (a long persona name in a chart title, a translated axis
 * title) is cut with an ellipsis; the whole text stays as the element's tooltip (and in the
 * chart's accessible name). `shrink` instead lowers the font size down to 60 % (a KPI value).
 * Needs layout (a browser); elsewhere it does nothing.
 */
export function fitText(node: SVGTextElement | null, max: number, mode: 'ellipsis' | 'shrink' = 'ellipsis') {
  if (!node || typeof node.getComputedTextLength !== 'function' || max <= 0) return;
  let length = node.getComputedTextLength();
  if (!(length > max)) return;
  if (mode === 'shrink') {
    const size = parseFloat(node.style.fontSize || getComputedStyle(node).fontSize) || 12;
    // Glyph widths do not scale exactly with the size (hinting): aim a little lower, step down if needed.
    for (let next = (size * max * 0.97) / length; length > max && next >= size * 0.6; next *= 0.95) {
      node.style.fontSize = `${next.toFixed(1)}px`;
      length = node.getComputedTextLength();
    }
    if (!(length > max)) return;
  }
  const full = node.textContent ?? '';
  let keep = full.length;
  while (keep > 1 && length > max) {
    keep = Math.max(1, Math.floor(keep * Math.min(0.97, max / length)));
    node.textContent = `${full.slice(0, keep).trimEnd()}…`;
    length = node.getComputedTextLength();
  }
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = full;
  node.appendChild(title);
}

const FLIP: Record<string, string> = { start: 'end', end: 'start' };

/** The text-anchor an element gets: its own style or attribute, else inherited; `start` by default. */
function effectiveAnchor(el: Element, stop: Element): { value: string; own: 'style' | 'attr' | null } {
  for (let n: Element | null = el; n; n = n === stop ? null : n.parentElement) {
    const st = (n as SVGElement).style?.getPropertyValue('text-anchor');
    if (st) return { value: st, own: n === el ? 'style' : null };
    const at = n.getAttribute('text-anchor');
    if (at) return { value: at, own: n === el ? 'attr' : null };
  }
  return { value: 'start', own: null };
}

/**
 * After drawing a right-to-left chart: each text without right-to-left letters (numbers in any
 * digits, Latin names from the data) is set left to right, so "-5", "€1,200" or "4.2 pts" keep
 * their order, and its text-anchor is mirrored so it stays where the right-to-left layout put it.
 * Text with Persian/Arabic letters keeps the SVG's rtl direction. No-op for left-to-right charts.
 */
export function settleText(el: SVGSVGElement) {
  if (el.getAttribute('direction') !== 'rtl') return;
  for (const t of el.querySelectorAll('text')) {
    const own = [...t.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '').join('');
    if (!own.trim() || hasRtlLetters(own)) continue;
    const a = effectiveAnchor(t, el);
    t.setAttribute('direction', 'ltr');
    const flipped = FLIP[a.value];
    if (!flipped) continue;
    if (a.own === 'style') (t as SVGElement).style.setProperty('text-anchor', flipped);
    else t.setAttribute('text-anchor', flipped);
  }
}


/**
 * Axis lines and ticks take the text colour; grid lines are faint. Outside English the labels keep
 * the chart's font (Vazirmatn for Persian/Arabic, var(--font)) instead of d3's sans-serif.
 */
export function styleAxis(g: G) {
  if (prefs.lang !== 'en') g.attr('font-family', null);
  g.selectAll('text').style('fill', 'currentColor');
  g.selectAll('line, path').style('stroke', 'var(--muted, #888)');
}

/** "No data" placeholder inside a frame, so an empty chart says why it is empty. */
export function emptyMessage(f: Frame, text: string) {
  f.plot.append('text').attr('class', 'chart-empty').attr('x', f.width / 2).attr('y', f.height / 2)
    .attr('text-anchor', 'middle').style('fill', 'var(--muted, #888)').text(text);
}
