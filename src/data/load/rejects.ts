import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import { literal } from '../../engine/sql';

/**
 * Every row that was read but not loaded lands in `load_rejects`, with the file, its position and
 * a reason in plain words. Nothing is dropped silently: the app counts, lists and offers these
 * rows as CSV.
 */
export const REJECTS_TABLE = 'load_rejects';

export async function ensureRejectsTable(engine: Engine): Promise<void> {
  await engine.query(`CREATE TABLE IF NOT EXISTS ${REJECTS_TABLE} (
    file VARCHAR, line BIGINT, "row" BIGINT, reason VARCHAR, detail VARCHAR, raw VARCHAR)`);
}

export interface RejectCount {
  reason: string;
  count: number;
}

export async function rejectCounts(engine: Engine, file: string): Promise<RejectCount[]> {
  return queryRows<RejectCount>(
    engine,
    `SELECT reason, count(*)::INTEGER AS count FROM ${REJECTS_TABLE} WHERE file = ${literal(file)}
     GROUP BY reason ORDER BY count DESC, reason`,
  );
}

export interface RejectRow {
  file: string;
  line: number | null;
  row: number | null;
  reason: string;
  detail: string | null;
  raw: string | null;
}

/** The rejected rows (of one file, or all), in file order; `limit` for on-screen lists. */
export async function rejectRows(engine: Engine, file?: string, limit?: number): Promise<RejectRow[]> {
  const where = file ? `WHERE file = ${literal(file)}` : '';
  const lim = limit ? `LIMIT ${Math.floor(limit)}` : '';
  return queryRows<RejectRow>(
    engine,
    `SELECT file, line, "row", reason, detail, raw FROM ${REJECTS_TABLE} ${where}
     ORDER BY file, coalesce(line, "row"), "row" ${lim}`,
  );
}

export async function clearRejects(engine: Engine, file: string): Promise<void> {
  await engine.query(`DELETE FROM ${REJECTS_TABLE} WHERE file = ${literal(file)}`);
}
