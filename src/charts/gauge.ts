/**
 * NPS gauge: a semicircle from −100 (left) through 0 (top) to 100 (right) with coloured bands,
 * a needle at the score and the score under its hub, and below it a 100 % bar splitting the
 * responses into detractors, passives and promoters with their percentages. Colours are the
 * colour-blind-safe vermillion / grey / bluish green; the description states every number.
 * Right-to-left the scale reads from the right: −100 at the right, 100 at the left, detractors
 * at the right of the bar.
 */
import { arc } from 'd3';
import { createFrame, emptyMessage, settleText } from './frame';
import { chartRtl, fmtNumber, fmtShare, fmtSigned, fmtWhole } from './locale';
import { signalColour } from './palette';
import { t } from '../i18n/t';

export interface GaugeBand { from: number; to: number; label: string; colour: string }

export interface GaugeSpec {
  title: string;
  /** extra context, prepended to the generated description */
  description?: string;
  /** response counts (0–6 detractors, 7–8 passives, 9–10 promoters) */
  promoters: number;
  passives: number;
  detractors: number;
  /** NPS; default computed from the counts: % promoters − % detractors */
  score?: number | null;
  scoreFormat?: (n: number) => string;
  countFormat?: (n: number) => string;
  /** dial bands (default: −100…0 vermillion, 0…30 grey, 30…100 bluish green) */
  bands?: readonly GaugeBand[];
  /** mirror for right-to-left reading (default: the document's direction) */
  rtl?: boolean;
}

/** Default dial bands; labels in the reader's language (read when drawn). */
export const NPS_BANDS: readonly GaugeBand[] = [
  { from: -100, to: 0, get label() { return t('charts.gauge.bandBad'); }, colour: signalColour('bad') },
  { from: 0, to: 30, get label() { return t('charts.gauge.bandPositive'); }, colour: signalColour('neutral') },
  { from: 30, to: 100, get label() { return t('charts.gauge.bandStrong'); }, colour: signalColour('good') },
];

/** Angle of a score on the dial, in radians clockwise from 12 o'clock: −100 → −π/2, 0 → 0, 100 → π/2. */
export function gaugeAngle(score: number): number {
  return (Math.max(-100, Math.min(100, score)) / 100) * (Math.PI / 2);
}

const PARTS = [
  { key: 'detractors', name: 'charts.gauge.detractors', part: 'charts.gauge.detractorsPart', range: [0, 6], colour: signalColour('bad'), text: '#fff' },
  { key: 'passives', name: 'charts.gauge.passives', part: 'charts.gauge.passivesPart', range: [7, 8], colour: signalColour('neutral'), text: '#111' },
  { key: 'promoters', name: 'charts.gauge.promoters', part: 'charts.gauge.promotersPart', range: [9, 10], colour: signalColour('good'), text: '#fff' },
] as const;

export function renderGauge(el: SVGSVGElement, spec: GaugeSpec, size: { width: number; height: number }) {
  draw(el, spec, size);
  settleText(el);
}

function draw(el: SVGSVGElement, spec: GaugeSpec, size: { width: number; height: number }) {
  const cf = spec.countFormat ?? fmtNumber;
  const scf = spec.scoreFormat ?? ((n: number) => fmtWhole(Math.round(n)));
  const counts = { detractors: Math.max(0, spec.detractors || 0), passives: Math.max(0, spec.passives || 0), promoters: Math.max(0, spec.promoters || 0) };
  const total = counts.detractors + counts.passives + counts.promoters;
  const computed = total > 0 ? ((counts.promoters - counts.detractors) / total) * 100 : null;
  const score = spec.score != null && Number.isFinite(spec.score) ? spec.score : computed;
  const share = (k: keyof typeof counts) => (total > 0 ? counts[k] / total : 0);
  const pctText = (x: number) => fmtShare(x);
  const bands = spec.bands ?? NPS_BANDS;

  const parts = PARTS.map((p) => t(p.part, { pct: pctText(share(p.key)), count: cf(counts[p.key]) }));
  const scale = { min: fmtSigned(-100), max: fmtSigned(100) };
  const description = [
    spec.description,
    score === null ? t('charts.gauge.noResponses')
      : total > 0 ? t('charts.gauge.scoreFrom', { score: scf(score), ...scale, total: cf(total), parts: parts.join(t('charts.listSeparator')) })
        : t('charts.gauge.score', { score: scf(score), ...scale }),
  ].filter(Boolean).join(' ');
  const legend = PARTS.map((p) => ({ label: t(p.name), colour: p.colour }));
  const rtl = chartRtl(spec.rtl);
  const f = createFrame(el, { ...size, title: spec.title, description, legend, rtl, margin: { left: 12, right: 12, bottom: 8 } });
  if (score === null) return emptyMessage(f, t('charts.noData'));

  // Vertical budget: label "0" above the dial, the dial, the score under the hub, the bar.
  const barH = total > 0 ? 20 : 0;
  const r = Math.max(20, Math.min(f.width / 2 - 28, f.height - 14 - 38 - (barH ? barH + 12 : 0)));
  const cx = f.width / 2;
  const cy = 14 + r;
  // Right-to-left the dial is mirrored: −100 at the right, 100 at the left.
  const a = rtl ? (s: number) => -gaugeAngle(s) : gaugeAngle;

  const dial = f.plot.append('g').attr('class', 'gauge').attr('transform', `translate(${cx},${cy})`);
  const band = arc<GaugeBand>().innerRadius(r * 0.64).outerRadius(r).startAngle((b) => a(b.from)).endAngle((b) => a(b.to));
  dial.selectAll('path.band').data(bands).join('path').attr('class', 'band').attr('d', (b) => band(b) ?? '')
    .style('fill', (b) => b.colour).style('stroke', 'var(--surface, #fff)').style('stroke-width', '1')
    .append('title').text((b) => t('charts.gauge.bandTip', { label: b.label, from: b.from, to: b.to }));
  const ticks = dial.append('g').attr('class', 'gauge-ticks').attr('aria-hidden', 'true');
  // Scale ends under the band's ends, 0 above its top.
  ticks.selectAll('text').data([-100, 0, 100]).join('text')
    .attr('x', (v) => (rtl ? -1 : 1) * (v / 100) * r * 0.82).attr('y', (v) => (v === 0 ? -r - 4 : 14)).attr('text-anchor', 'middle')
    .style('fill', 'var(--muted, #666)').style('font-size', '10.5px').text((v) => fmtSigned(v));

  const len = r * 0.9;
  const tipX = len * Math.sin(a(score)), tipY = -len * Math.cos(a(score));
  const needle = dial.append('g').attr('class', 'needle-group');
  needle.append('line').attr('class', 'needle').attr('data-score', String(score)).attr('x1', 0).attr('y1', 0).attr('x2', tipX).attr('y2', tipY)
    .style('stroke', 'var(--text, #1d1d1b)').style('stroke-width', '3').style('stroke-linecap', 'round')
    .append('title').text(t('charts.gauge.needle', { score: scf(score) }));
  needle.append('circle').attr('class', 'hub').attr('r', 6).style('fill', 'var(--text, #1d1d1b)');
  dial.append('text').attr('class', 'gauge-score').attr('x', 0).attr('y', 34).attr('text-anchor', 'middle')
    .style('font-size', '26px').style('font-weight', '700').style('fill', 'currentColor').text(scf(score));

  if (total === 0) return;
  // 100 % bar: detractors on the left as on the dial (on the right when rtl), promoters opposite.
  const bar = f.plot.append('g').attr('class', 'nps-split').attr('transform', `translate(0,${f.height - barH})`);
  let x = 0;
  for (const p of PARTS) {
    const w = share(p.key) * f.width;
    const px = rtl ? f.width - x - w : x;
    const seg = bar.append('g').attr('class', `nps-part-group ${p.key}`);
    seg.append('rect').attr('class', `nps-part ${p.key}`).attr('x', px).attr('y', 0).attr('width', w).attr('height', barH)
      .style('fill', p.colour)
      .append('title').text(t('charts.gauge.partTip', {
        name: t(p.name), range: `${fmtWhole(p.range[0])}–${fmtWhole(p.range[1])}`, count: cf(counts[p.key]), pct: pctText(share(p.key)),
      }));
    if (w >= 30) {
      seg.append('text').attr('class', 'nps-pct').attr('x', px + w / 2).attr('y', barH / 2 + 4).attr('text-anchor', 'middle')
        .attr('aria-hidden', 'true').style('font-size', '11px').style('fill', p.text).text(pctText(share(p.key)));
    }
    x += w;
  }
}
