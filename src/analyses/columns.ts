import { queryRows, type Engine } from '../engine/engine';
import { literal } from '../engine/sql';
import type { AnalysisBase } from './base';

// duckdb_columns() answers both questions for tables and views alike; information_schema and
// duckdb_views() list every system view first and cost several times more (the browser notices).

/** Whether a table or view exists. */
export async function tableExists(engine: Engine, table: string): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(engine,
    `SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = ${literal(table)} AND NOT internal`);
  return rows[0].n > 0;
}

/**
 * Whether `order_lines` has rows. The loader always creates the table (empty when no file had
 * line items), so existing is not enough to prefer it over `orders.product`.
 */
export async function hasOrderLines(engine: Engine): Promise<boolean> {
  if (!(await tableExists(engine, 'order_lines'))) return false;
  const rows = await queryRows<{ any: boolean }>(engine, 'SELECT EXISTS (SELECT 1 FROM order_lines) AS "any"');
  return rows[0].any === true;
}

/** Column names of a table or view (empty when it does not exist). */
export async function tableColumns(engine: Engine, table: string): Promise<string[]> {
  const rows = await queryRows<{ column_name: string }>(engine,
    // GROUP BY: a segment filter's temp view shadows the table with the same columns (segment-filter.ts).
    `SELECT column_name FROM duckdb_columns() WHERE table_name = ${literal(table)} AND NOT internal GROUP BY column_name ORDER BY min(column_index)`);
  return rows.map((r) => r.column_name);
}

/**
 * Facts a caller has already looked up for the same data and options, so that the analyses it
 * runs next do not ask again (runSales looks them up once for all its parts). Each metadata
 * lookup or fingerprint scan is a round trip to the worker; in the browser they add up.
 */
export interface Known {
  /** column names of `orders` */
  orderColumns?: string[];
  /** whether `order_lines` has rows (hasOrderLines) */
  hasOrderLines?: boolean;
  /** the shared per-customer tables for the same options (`prepareBase`) */
  base?: AnalysisBase;
}

/** Throws a readable error when `orders` lacks a column a breakdown asks for. */
export async function requireColumn(engine: Engine, table: string, column: string, known?: string[]): Promise<void> {
  const cols = known ?? await tableColumns(engine, table);
  if (!cols.includes(column)) {
    throw new Error(`${table} has no column "${column}" (it has: ${cols.join(', ') || 'nothing'})`);
  }
}
