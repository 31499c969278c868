/**
 * Colours. Series use the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), through CSS variables so the themes can tune them (theme.css) with the
 * palette itself as fallback for SVG exported without the stylesheet. Sequential values
 * (heatmaps) use viridis, which stays ordered in greyscale and for colour-blind readers.
 */
import { interpolateViridis } from 'd3';

const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export function seriesColour(i: number): string {
  const k = i % OKABE_ITO.length;
  return `var(--series-${k + 1}, ${OKABE_ITO[k]})`;
}

/** Viridis for t in [0, 1] (clamped), and a text colour readable on it. */
export function sequential(t: number): { fill: string; text: string } {
  const c = Math.max(0, Math.min(1, t));
  return { fill: interpolateViridis(c), text: c > 0.55 ? '#111' : '#fff' };
}

/**
 * Good / bad / neutral (KPI deltas, NPS bands): Okabe–Ito bluish green and vermillion, which stay
 * apart with red–green deficiencies (unlike red/green), and a mid grey. Never the only cue: deltas
 * also carry an arrow, NPS bands their position on the dial.
 */
export function signalColour(kind: 'good' | 'bad' | 'neutral'): string {
  return kind === 'good' ? seriesColour(2) : kind === 'bad' ? seriesColour(5) : 'var(--neutral, #999999)';
}
