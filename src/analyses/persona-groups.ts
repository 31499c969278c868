/**
 * Personas as a breakdown: a temp table `rn_persona_groups(customer_id, persona_id, segment)` (segment = the persona's name) with one row per
 * customer and persona they belong to, and one row with segment NULL ("in no persona") for every
 * other customer with an order. Personas may overlap, so a customer can count in several groups
 * (a breakdown by persona answers "how does each persona do", not a partition). Membership is
 * decided on the profile (analyses/personas.ts), like the persona cards.
 */
import type { Engine } from '../engine/engine';
import { ident, literal } from '../engine/sql';
import { ensureCustomerProfile } from './personas';
import { personaMembersSql, validatePersona, type Persona } from '../personas/rules';

export const PERSONA_GROUPS = 'rn_persona_groups';

/** Builds (replaces) the table. Personas that do not fit the data are left out; their names are returned. */
export async function buildPersonaGroups(engine: Engine, personas: readonly Persona[]): Promise<{ table: string; skipped: string[] }> {
  const profile = await ensureCustomerProfile(engine);
  const fitting = personas.filter((p) => validatePersona(p, profile.fields).length === 0);
  const parts = fitting.map((p) => `SELECT customer_id, ${literal(p.id)} AS persona_id, ${literal(p.name)} AS segment FROM (${personaMembersSql(p, profile.fields)})`);
  const members = parts.length ? parts.join('\nUNION ALL\n')
    : 'SELECT CAST(NULL AS VARCHAR) AS customer_id, CAST(NULL AS VARCHAR) AS persona_id, CAST(NULL AS VARCHAR) AS segment WHERE false';
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(PERSONA_GROUPS)} AS
    WITH m AS (${members})
    SELECT customer_id, persona_id, segment FROM m
    UNION ALL
    SELECT customer_id, CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR) FROM ${profile.table} WHERE customer_id NOT IN (SELECT customer_id FROM m WHERE customer_id IS NOT NULL)`);
  return { table: PERSONA_GROUPS, skipped: personas.filter((p) => !fitting.includes(p)).map((p) => p.name) };
}
