/**
 * The segment filter (the notebook's "Customers" parameter): restrict EVERY analysis and SQL cell
 * to the members of one persona, without touching any analysis. Temporary views named like the
 * canonical tables (`orders`, `order_lines`, `customers`, `responses`, `subscriptions`) shadow
 * them — DuckDB resolves the temp schema first, also inside views such as `orders` — and keep
 * only the members' rows. Caches keyed by the data fingerprint (base.ts) see the filtered orders
 * as other data, so nothing stale is reused.
 *
 * Members are decided on the whole data (the profile is built before the shadows exist) and frozen
 * in a temp table, so behaviour rules (orders, recency, RFM segment) mean the same as on the
 * persona's card. Anything that rebuilds the canonical tables must `clearSegment` first (a DROP
 * of `orders` would hit the shadow) and apply it again afterwards.
 */
import { queryRows, type Engine } from '../engine/engine';
import { ident } from '../engine/sql';
import { ensureCustomerProfile } from './personas';
import { personaMembersSql, validatePersona, type Persona } from '../personas/rules';

export const SEGMENT_MEMBERS = 'rn_segment_members';
/** The tables the filter shadows (each has customer_id). */
export const SEGMENT_TABLES = ['orders', 'order_lines', 'customers', 'responses', 'subscriptions'] as const;

export interface AppliedSegment {
  personaId: string;
  name: string;
  /** members (customers with an order, matching the persona's rules) */
  customers: number;
  /** the tables that are filtered now */
  tables: string[];
}

/** Removes the shadows and the member list (no-op when no segment is applied). */
export async function clearSegment(engine: Engine): Promise<void> {
  for (const t of SEGMENT_TABLES) await engine.query(`DROP VIEW IF EXISTS temp.main.${ident(t)}`);
  await engine.query(`DROP TABLE IF EXISTS temp.main.${ident(SEGMENT_MEMBERS)}`);
}

/** Restricts every canonical table to the persona's members. Throws (and leaves no filter) when the persona does not fit the data. */
export async function applySegment(engine: Engine, persona: Persona): Promise<AppliedSegment> {
  await clearSegment(engine);
  const profile = await ensureCustomerProfile(engine);
  const problems = validatePersona(persona, profile.fields);
  if (problems.length) throw new RangeError(`${persona.name} cannot filter this data: ${problems.join(' ')}`);
  await engine.query(`CREATE TEMP TABLE ${ident(SEGMENT_MEMBERS)} AS ${personaMembersSql(persona, profile.fields)}`);
  const [{ db }] = await queryRows<{ db: string }>(engine, 'SELECT current_database() AS db');
  const present = await queryRows<{ table_name: string }>(engine,
    `SELECT DISTINCT table_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'
       AND column_name = 'customer_id' AND table_name IN (${SEGMENT_TABLES.map((t) => `'${t}'`).join(', ')})`);
  const tables = SEGMENT_TABLES.filter((t) => present.some((p) => p.table_name === t));
  try {
    for (const t of tables) {
      await engine.query(`CREATE TEMP VIEW ${ident(t)} AS SELECT * FROM ${ident(db)}.main.${ident(t)}
        WHERE customer_id IN (SELECT customer_id FROM ${ident(SEGMENT_MEMBERS)})`);
    }
  } catch (e) {
    await clearSegment(engine);
    throw e;
  }
  const [{ n }] = await queryRows<{ n: number }>(engine, `SELECT count(*)::INTEGER AS n FROM ${ident(SEGMENT_MEMBERS)}`);
  return { personaId: persona.id, name: persona.name, customers: n, tables: [...tables] };
}
