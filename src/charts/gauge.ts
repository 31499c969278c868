/**
 * NPS gauge: a semicircle from −100 (left) through 0 (top) to 100 (right) with coloured bands,
 * a needle at the score and the score under its hub, and below it a 100 % bar splitting the
 * responses into detractors, passives and promoters with their percentages. Colours are the
 * colour-blind-safe vermillion / grey / bluish green; the description states every number.
 */
import { arc } from 'd3';
import { createFrame, emptyMessage } from './frame';
import { signalColour } from './palette';

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
}

export const NPS_BANDS: readonly GaugeBand[] = [
  { from: -100, to: 0, label: 'More detractors than promoters', colour: signalColour('bad') },
  { from: 0, to: 30, label: 'Positive', colour: signalColour('neutral') },
  { from: 30, to: 100, label: 'Strong', colour: signalColour('good') },
];

/** Angle of a score on the dial, in radians clockwise from 12 o'clock: −100 → −π/2, 0 → 0, 100 → π/2. */
export function gaugeAngle(score: number): number {
  return (Math.max(-100, Math.min(100, score)) / 100) * (Math.PI / 2);
}

const PARTS = [
  { key: 'detractors', name: 'Detractors', range: '0–6', colour: signalColour('bad'), text: '#fff' },
  { key: 'passives', name: 'Passives', range: '7–8', colour: signalColour('neutral'), text: '#111' },
  { key: 'promoters', name: 'Promoters', range: '9–10', colour: signalColour('good'), text: '#fff' },
] as const;

export function renderGauge(el: SVGSVGElement, spec: GaugeSpec, size: { width: number; height: number }) {
  const cf = spec.countFormat ?? ((n: number) => n.toLocaleString());
  const scf = spec.scoreFormat ?? ((n: number) => Math.round(n).toLocaleString());
  const counts = { detractors: Math.max(0, spec.detractors || 0), passives: Math.max(0, spec.passives || 0), promoters: Math.max(0, spec.promoters || 0) };
  const total = counts.detractors + counts.passives + counts.promoters;
  const computed = total > 0 ? ((counts.promoters - counts.detractors) / total) * 100 : null;
  const score = spec.score != null && Number.isFinite(spec.score) ? spec.score : computed;
  const share = (k: keyof typeof counts) => (total > 0 ? counts[k] / total : 0);
  const pctText = (t: number) => `${Math.round(t * 100)}%`;
  const bands = spec.bands ?? NPS_BANDS;

  const parts = PARTS.map((p) => `${pctText(share(p.key))} ${p.name.toLowerCase()} (${cf(counts[p.key])})`);
  const description = [
    spec.description,
    score === null ? 'No responses.' : `NPS ${scf(score)} on a scale from −100 to 100${total > 0 ? ` from ${cf(total)} responses: ${parts.join(', ')}` : ''}.`,
  ].filter(Boolean).join(' ');
  const legend = PARTS.map((p) => ({ label: p.name, colour: p.colour }));
  const f = createFrame(el, { ...size, title: spec.title, description, legend, margin: { left: 12, right: 12, bottom: 8 } });
  if (score === null) return emptyMessage(f, 'No data');

  // Vertical budget: label "0" above the dial, the dial, the score under the hub, the bar.
  const barH = total > 0 ? 20 : 0;
  const r = Math.max(20, Math.min(f.width / 2 - 28, f.height - 14 - 38 - (barH ? barH + 12 : 0)));
  const cx = f.width / 2;
  const cy = 14 + r;
  const a = gaugeAngle;

  const dial = f.plot.append('g').attr('class', 'gauge').attr('transform', `translate(${cx},${cy})`);
  const band = arc<GaugeBand>().innerRadius(r * 0.64).outerRadius(r).startAngle((b) => a(b.from)).endAngle((b) => a(b.to));
  dial.selectAll('path.band').data(bands).join('path').attr('class', 'band').attr('d', (b) => band(b) ?? '')
    .style('fill', (b) => b.colour).style('stroke', 'var(--surface, #fff)').style('stroke-width', '1')
    .append('title').text((b) => `${b.label}: NPS ${b.from} to ${b.to}`);
  const ticks = dial.append('g').attr('class', 'gauge-ticks').attr('aria-hidden', 'true');
  // Scale ends under the band's ends, 0 above its top.
  ticks.selectAll('text').data([-100, 0, 100]).join('text')
    .attr('x', (t) => (t / 100) * r * 0.82).attr('y', (t) => (t === 0 ? -r - 4 : 14)).attr('text-anchor', 'middle')
    .style('fill', 'var(--muted, #666)').style('font-size', '10.5px').text((t) => (t < 0 ? `−${-t}` : String(t)));

  const len = r * 0.9;
  const tipX = len * Math.sin(a(score)), tipY = -len * Math.cos(a(score));
  const needle = dial.append('g').attr('class', 'needle-group');
  needle.append('line').attr('class', 'needle').attr('data-score', String(score)).attr('x1', 0).attr('y1', 0).attr('x2', tipX).attr('y2', tipY)
    .style('stroke', 'var(--text, #1d1d1b)').style('stroke-width', '3').style('stroke-linecap', 'round')
    .append('title').text(`NPS ${scf(score)}`);
  needle.append('circle').attr('class', 'hub').attr('r', 6).style('fill', 'var(--text, #1d1d1b)');
  dial.append('text').attr('class', 'gauge-score').attr('x', 0).attr('y', 34).attr('text-anchor', 'middle')
    .style('font-size', '26px').style('font-weight', '700').style('fill', 'currentColor').text(scf(score));

  if (total === 0) return;
  // 100 % bar: detractors on the left as on the dial, promoters on the right.
  const bar = f.plot.append('g').attr('class', 'nps-split').attr('transform', `translate(0,${f.height - barH})`);
  let x = 0;
  for (const p of PARTS) {
    const w = share(p.key) * f.width;
    const seg = bar.append('g').attr('class', `nps-part-group ${p.key}`);
    seg.append('rect').attr('class', `nps-part ${p.key}`).attr('x', x).attr('y', 0).attr('width', w).attr('height', barH)
      .style('fill', p.colour)
      .append('title').text(`${p.name} (${p.range}): ${cf(counts[p.key])} (${pctText(share(p.key))})`);
    if (w >= 30) {
      seg.append('text').attr('class', 'nps-pct').attr('x', x + w / 2).attr('y', barH / 2 + 4).attr('text-anchor', 'middle')
        .attr('aria-hidden', 'true').style('font-size', '11px').style('fill', p.text).text(pctText(share(p.key)));
    }
    x += w;
  }
}
