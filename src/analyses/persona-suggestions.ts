/**
 * Persona suggestions (the persona editor's "Start from a suggestion"): candidates the data
 * offers, as rules over the customer profile (analyses/personas.ts). A suggestion carries the
 * facts behind it (`label`), not words: the components name and describe it in the reader's
 * language (src/personas/suggestion-text.ts) when it is shown or taken.
 */
import { queryRows, type Engine } from '../engine/engine';
import { literal } from '../engine/sql';
import { slug, type Rule } from '../personas/rules';
import { ensureCustomerProfile, type PersonaOptions } from './personas';
import { RFM_SEGMENTS, type RfmSegment } from './rfm-segments';

/** What a suggestion stands for: an RFM segment on the as-of day, or a first-order channel × city. */
export type SuggestionLabel =
  | { kind: 'rfm'; segment: RfmSegment; asOf: string | null }
  | { kind: 'channel-city'; channel: string; city: string };

export interface PersonaSuggestion {
  /** unique among the suggestions, plain ASCII ("rfm-champions", "first-instagram-tehran") */
  id: string;
  rules: Rule[];
  label: SuggestionLabel;
  /** members and their share of all customers (0..1) */
  customers: number;
  share: number;
}

/**
 * Candidate personas the data offers: one per RFM segment holding ≥ `minRfmShare` of customers
 * (default 1%), in RFM_SEGMENTS order; then the largest first-order channel × city combinations
 * holding ≥ `minComboShare` (default 2%), at most `maxCombos` (default 6), largest first.
 */
export async function suggestPersonas(
  engine: Engine, options: PersonaOptions & { minRfmShare?: number; minComboShare?: number; maxCombos?: number } = {},
): Promise<PersonaSuggestion[]> {
  const profile = await ensureCustomerProfile(engine, options);
  const minRfm = options.minRfmShare ?? 0.01;
  const minCombo = options.minComboShare ?? 0.02;
  const maxCombos = options.maxCombos ?? 6;
  const [{ n }] = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${profile.table}`);
  if (n === 0) return [];
  const out: PersonaSuggestion[] = [];
  const taken = new Set<string>();
  const id = (stem: string) => {
    let v = stem;
    for (let i = 2; taken.has(v); i++) v = `${stem}-${i}`;
    taken.add(v);
    return v;
  };
  const seg = await queryRows<{ segment: string; customers: number }>(engine,
    `SELECT rfm_segment AS segment, count(*) AS customers FROM ${profile.table} WHERE rfm_segment IS NOT NULL GROUP BY 1`);
  for (const name of RFM_SEGMENTS) {
    const r = seg.find((x) => x.segment === name);
    if (!r || r.customers / n < minRfm) continue;
    out.push({
      id: id(`rfm-${slug(name)}`), rules: [{ field: 'rfm_segment', op: '=', value: name }],
      label: { kind: 'rfm', segment: name, asOf: profile.asOf }, customers: r.customers, share: r.customers / n,
    });
  }
  const names = new Set(profile.fields.map((f) => f.name));
  if (names.has('first_channel') && names.has('first_city') && maxCombos > 0) {
    const combos = await queryRows<{ channel: string; city: string; customers: number }>(engine, `
      SELECT first_channel AS channel, first_city AS city, count(*) AS customers FROM ${profile.table}
      WHERE first_channel IS NOT NULL AND first_city IS NOT NULL GROUP BY ALL
      HAVING count(*) >= ${literal(minCombo)} * ${n} ORDER BY customers DESC, channel, city LIMIT ${maxCombos}`);
    for (const c of combos) {
      out.push({
        id: id(slug(`first ${c.channel} ${c.city}`).replace(/^first$/, 'first-order') || 'first-order'),
        rules: [{ field: 'first_channel', op: '=', value: c.channel }, { field: 'first_city', op: '=', value: c.city }],
        label: { kind: 'channel-city', channel: c.channel, city: c.city }, customers: c.customers, share: c.customers / n,
      });
    }
  }
  return out;
}
