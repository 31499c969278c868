/**
 * Predicted CLV per persona: the mean discounted CLV (runClv's per-customer value, same horizon,
 * discount and unit) over the persona's members that the CLV model scored. Members who first
 * bought after the CLV calibration end are not scored and are not in the mean (`scored` says how
 * many were). Scores are streamed page by page (streamClvCustomers), so memory stays flat.
 */
import { queryRows, type Engine } from '../engine/engine';
import { ident } from '../engine/sql';
import { streamClvCustomers, type ClvResult } from './clv';
import { buildPersonaGroups, PERSONA_GROUPS } from './persona-groups';
import type { Persona } from '../personas/rules';

export interface PersonaClv {
  personaId: string;
  /** members scored by the CLV model */
  scored: number;
  /** mean predicted CLV of the scored members; null when none was scored or Gamma-Gamma refused */
  meanClv: number | null;
  /** Σ predicted CLV of the scored members */
  totalClv: number | null;
}

export async function runPersonaClv(engine: Engine, clv: ClvResult, personas: readonly Persona[]): Promise<PersonaClv[]> {
  await buildPersonaGroups(engine, personas);
  const pairs = await queryRows<{ customer_id: string; persona_id: string }>(engine,
    `SELECT customer_id, persona_id FROM ${ident(PERSONA_GROUPS)} WHERE persona_id IS NOT NULL`);
  const of = new Map<string, string[]>();
  for (const p of pairs) {
    const list = of.get(p.customer_id);
    if (list) list.push(p.persona_id); else of.set(p.customer_id, [p.persona_id]);
  }
  const acc = new Map(personas.map((p) => [p.id, { scored: 0, sum: 0, missing: 0 }]));
  await streamClvCustomers(engine, clv, (batch) => {
    for (const c of batch) {
      for (const id of of.get(c.customerId) ?? []) {
        const a = acc.get(id);
        if (!a) continue;
        a.scored++;
        if (c.clv === null) a.missing++; else a.sum += c.clv;
      }
    }
  });
  return personas.map((p) => {
    const a = acc.get(p.id)!;
    const valued = a.scored - a.missing;
    return { personaId: p.id, scored: a.scored, meanClv: valued > 0 ? a.sum / valued : null, totalClv: valued > 0 ? a.sum : null };
  });
}
