/**
 * KPI tile as SVG: the label (title and accessible name), the value as a big pre-formatted string,
 * the change vs the previous period (▲/▼ and the size of the change, coloured good or bad by
 * `betterWhen`: churn is better when lower) and a sparkline of the series with its last point
 * marked. The description states the value, the change and the range of the series, so the tile
 * reads the same without sight or colour. Right-to-left: value and change at the right, the
 * sparkline on the left running from the right (oldest period at the right, like a time axis).
 */
import { extent, line, scaleLinear } from 'd3';
import { createFrame, emptyMessage, fitText, settleText } from './frame';
import { chartRtl, fmtNumber, textWidth } from './locale';
import { seriesColour, signalColour } from './palette';
import { t } from '../i18n/t';

export interface KpiSpec {
  /** title and accessible name, e.g. "Monthly churn" */
  label: string;
  /** the value, already formatted ("4.2%", "€12,300"); null or '' = no data */
  value: string | null;
  /** extra context for screen readers (prepended to the generated description) */
  description?: string;
  /** change vs the previous period, in the value's unit (e.g. -0.3 for 0.3 points less) */
  delta?: number | null;
  /** formats the size of the change (the arrow gives its sign); default localised number */
  deltaFormat?: (n: number) => string;
  /** what the change is against (default "vs previous period") */
  deltaLabel?: string;
  /** whether a rise is good (default) or bad (churn, cost) */
  betterWhen?: 'higher' | 'lower';
  /** values per period, oldest first, for the sparkline */
  series?: readonly (number | null)[];
  /** period name per series value (tooltips and description) */
  seriesLabels?: readonly string[];
  seriesFormat?: (n: number) => string;
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

export function renderKpi(el: SVGSVGElement, spec: KpiSpec, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw(el: SVGSVGElement, spec: KpiSpec, size: { width: number; height: number }) {
  const df = spec.deltaFormat ?? fmtNumber;
  const sf = spec.seriesFormat ?? fmtNumber;
  const vs = spec.deltaLabel ?? t('charts.kpi.vsPrevious');
  const better = spec.betterWhen ?? 'higher';
  const hasValue = spec.value != null && spec.value !== '';
  const delta = spec.delta != null && Number.isFinite(spec.delta) ? spec.delta : null;
  const pts = (spec.series ?? []).map((v, k) => ({ k, v, label: spec.seriesLabels?.[k] ?? t('charts.kpi.period', { n: k + 1 }) }))
    .filter((p): p is { k: number; v: number; label: string } => p.v != null && Number.isFinite(p.v));

  const direction = delta === null ? null : delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const verdict = direction === null || direction === 'flat' ? 'neutral'
    : (direction === 'up') === (better === 'higher') ? 'good' : 'bad';
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '–';
  const deltaText = delta === null ? '' : direction === 'flat'
    ? t('charts.kpi.noChangeText', { arrow, vs })
    : t('charts.kpi.deltaText', { arrow, value: df(Math.abs(delta)), vs });
  const deltaSentence = delta === null ? '' : direction === 'flat'
    ? t('charts.kpi.noChange', { vs })
    : t('charts.kpi.changeSentence', {
      change: t(direction === 'up' ? 'charts.kpi.up' : 'charts.kpi.down', { value: df(Math.abs(delta)), vs }),
      verdict: t(verdict === 'good' ? 'charts.kpi.better' : 'charts.kpi.worse'),
      rule: t(better === 'higher' ? 'charts.kpi.higherBetter' : 'charts.kpi.lowerBetter'),
    });
  const [lo, hi] = pts.length ? (extent(pts, (p) => p.v) as [number, number]) : [0, 0];
  const seriesSentence = pts.length === 0 ? '' : pts.length === 1
    ? t('charts.kpi.onePeriod', { label: pts[0].label, value: sf(pts[0].v) })
    : t('charts.kpi.periods', {
      count: t('charts.kpi.periodCount', { n: pts.length }), first: pts[0].label, last: pts[pts.length - 1].label,
      lo: sf(lo), hi: sf(hi), latest: sf(pts[pts.length - 1].v),
    });
  const description = hasValue
    ? [spec.description, t('charts.kpi.value', { label: spec.label, value: spec.value as string }), deltaSentence, seriesSentence].filter(Boolean).join(' ')
    : [spec.description, t('charts.kpi.noData', { label: spec.label })].filter(Boolean).join(' ');

  const f = createFrame(el, { ...size, title: spec.label, description, rtl: chartRtl(spec.rtl), margin: { left: 4, right: 8, bottom: 6 } });
  if (!hasValue) return emptyMessage(f, t('charts.noData'));

  // Value and change at the start: x 0, or the right edge (anchor start of right-to-left text).
  const x0 = f.rtl ? f.width : 0;
  const value = f.plot.append('text').attr('class', 'kpi-value').attr('x', x0).attr('y', 28)
    .style('font-size', '28px').style('font-weight', '700').style('fill', 'currentColor').text(spec.value as string);
  fitText(value.node(), f.width, 'shrink');
  if (delta !== null) {
    f.plot.append('text').attr('class', `kpi-delta ${verdict}`).attr('x', x0).attr('y', 50)
      .style('font-size', '12.5px').style('font-weight', '600').style('fill', signalColour(verdict)).text(deltaText)
      .append('title').text(deltaSentence);
  }
  if (pts.length === 0) return;

  // Sparkline: after the value and change (right of them, left when rtl) when there is room
  // (widths estimated: no layout before drawing), under them otherwise.
  // 28 px value ≈ 2.5 × 12 px text; the 12.5 px semibold change ≈ 7.2 px per Latin character.
  const textW = Math.max(textWidth(spec.value as string) * 2.5, (textWidth(deltaText) * 7.2) / 6.6);
  const sx = Math.max(f.width * 0.5, textW + 16);
  const box = f.width - sx >= 90
    ? { x: f.rtl ? 0 : sx, y: 6, w: f.width - sx, h: Math.max(16, f.height - 12) }
    : { x: 0, y: 60, w: f.width, h: Math.max(16, f.height - 62) };
  const g = f.plot.append('g').attr('class', 'sparkline').attr('transform', `translate(${box.x},${box.y})`);
  const n = spec.series?.length ?? pts.length;
  const x = scaleLinear().domain(n > 1 ? [0, n - 1] : [-1, 1]).range(f.rtl ? [box.w - 4, 4] : [4, box.w - 4]);
  const y = scaleLinear().domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]).range([box.h - 3, 3]);
  g.append('path').attr('class', 'spark').attr('d', line<{ k: number; v: number }>().x((p) => x(p.k)).y((p) => y(p.v))(pts) ?? '')
    .style('fill', 'none').style('stroke', seriesColour(0)).style('stroke-width', '1.6')
    .append('title').text(seriesSentence);
  g.selectAll('circle.spark-point').data(pts).join('circle').attr('class', 'spark-point')
    .attr('cx', (p) => x(p.k)).attr('cy', (p) => y(p.v)).attr('r', 4).style('fill', 'transparent')
    .append('title').text((p) => `${p.label}: ${sf(p.v)}`);
  const last = pts[pts.length - 1];
  g.append('circle').attr('class', 'spark-last').attr('cx', x(last.k)).attr('cy', y(last.v)).attr('r', 3)
    .style('fill', seriesColour(0)).append('title').text(t('charts.kpi.latest', { label: last.label, value: sf(last.v) }));
}
