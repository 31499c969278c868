/**
 * The scaffold every chart shares: an SVG that scales with its container (viewBox), an
 * accessible name and description (role="img" + <title>/<desc>), a visible title, a legend row
 * and the plot area inside margins. Charts draw into `frame.plot`; they never read app state.
 */
import { axisBottom, select, type ScaleBand, type Selection } from 'd3';

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
  margin: Margin;
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

  const svg = select(el);
  svg.selectAll('*').remove();
  svg
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', '100%')
    .attr('preserveAspectRatio', 'xMinYMin meet')
    .attr('role', 'img')
    .attr('aria-labelledby', `${id}-title`)
    .attr('aria-describedby', `${id}-desc`)
    .attr('class', 'chart')
    .style('font', '12px var(--font, system-ui, sans-serif)')
    .style('color', 'var(--text, #1d1d1b)')
    .style('overflow', 'visible');
  svg.append('title').attr('id', `${id}-title`).text(o.title);
  svg.append('desc').attr('id', `${id}-desc`).text(o.description);
  svg.append('text').attr('class', 'chart-title').attr('x', 0).attr('y', 15)
    .style('font-weight', '600').style('font-size', '13px').style('fill', 'currentColor').text(o.title);
  if (o.legend?.length) drawLegend(svg, o.legend, TITLE_HEIGHT + 12);

  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
  return { svg, plot, width: Math.max(40, width - margin.left - margin.right), height: Math.max(40, height - margin.top - margin.bottom), margin };
}

function drawLegend(svg: Svg, items: readonly LegendItem[], y: number) {
  const g = svg.append('g').attr('class', 'legend').attr('transform', `translate(0,${y})`).attr('aria-hidden', 'true');
  let x = 0;
  for (const item of items) {
    const entry = g.append('g').attr('class', 'legend-item').attr('transform', `translate(${x},0)`);
    if (item.shape === 'line') {
      entry.append('line').attr('x1', 0).attr('x2', 16).attr('y1', 0).attr('y2', 0)
        .style('stroke', item.colour).style('stroke-width', '2.5').style('stroke-dasharray', item.dashed ? '4 3' : 'none');
    } else {
      entry.append('rect').attr('x', 0).attr('y', -6).attr('width', 12).attr('height', 12).attr('rx', 2).style('fill', item.colour);
    }
    entry.append('text').attr('x', item.shape === 'line' ? 21 : 17).attr('y', 4).style('fill', 'currentColor').text(item.label);
    // Width estimate (no layout in tests or before the SVG is attached): ~6.6 px per character at 12 px.
    x += (item.shape === 'line' ? 21 : 17) + item.label.length * 6.6 + 18;
  }
}

/**
 * Left margin that fits the y tick labels and the rotated axis title beside them (no layout is
 * available before drawing, so widths are estimated at ~6.6 px per character of 12 px text).
 */
export function leftMarginFor(tickLabels: readonly string[]): number {
  const widest = Math.max(0, ...tickLabels.map((t) => t.length));
  return Math.max(56, Math.ceil(widest * 6.6) + 30);
}

/**
 * A category x axis under the plot that labels every n-th category when the labels would
 * otherwise overlap (~6.6 px per character at 12 px). Returns the axis group.
 */
export function categoryAxis(f: Frame, x: ScaleBand<string>, categories: readonly string[]): G {
  const widest = Math.max(1, ...categories.map((c) => c.length)) * 6.6 + 8;
  const every = Math.max(1, Math.ceil(widest / Math.max(1, x.step())));
  const g = f.plot.append('g').attr('class', 'axis axis-x').attr('transform', `translate(0,${f.height})`)
    .call(axisBottom(x).tickValues(categories.filter((_, k) => k % every === 0)).tickSizeOuter(0));
  styleAxis(g);
  return g;
}

/** An axis title: under the x axis or rotated beside the y axis. */
export function axisTitle(f: Frame, which: 'x' | 'y', text: string) {
  const t = f.plot.append('text').attr('class', `axis-title axis-title-${which}`).style('fill', 'currentColor').style('font-size', '11.5px');
  if (which === 'x') t.attr('x', f.width / 2).attr('y', f.height + 36).attr('text-anchor', 'middle').text(text);
  else t.attr('transform', 'rotate(-90)').attr('x', -f.height / 2).attr('y', -f.margin.left + 14).attr('text-anchor', 'middle').text(text);
}

/** Axis lines and ticks take the text colour; grid lines are faint. */
export function styleAxis(g: G) {
  g.selectAll('text').style('fill', 'currentColor');
  g.selectAll('line, path').style('stroke', 'var(--muted, #888)');
}

/** "No data" placeholder inside a frame, so an empty chart says why it is empty. */
export function emptyMessage(f: Frame, text: string) {
  f.plot.append('text').attr('class', 'chart-empty').attr('x', f.width / 2).attr('y', f.height / 2)
    .attr('text-anchor', 'middle').style('fill', 'var(--muted, #888)').text(text);
}
