import { queryRows, type Engine } from '../engine/engine';
import { literal } from './sql';

/** Whether a table or view exists. */
export async function tableExists(engine: Engine, table: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(engine,
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ${literal(table)}`);
  return rows[0].n > 0;
}

/** Column names of a table or view (empty when it does not exist). */
export async function tableColumns(engine: Engine, table: string): Promise<string[]> {
  const rows = await queryRows<{ column_name: string }>(engine,
    `SELECT column_name FROM information_schema.columns WHERE table_name = ${literal(table)} ORDER BY ordinal_position`);
  return rows.map((r) => r.column_name);
}

/** Throws a readable error when `orders` lacks a column a breakdown asks for. */
export async function requireColumn(engine: Engine, table: string, column: string): Promise<void> {
  const cols = await tableColumns(engine, table);
  if (!cols.includes(column)) {
    throw new Error(`${table} has no column "${column}" (it has: ${cols.join(', ') || 'nothing'})`);
  }
}
