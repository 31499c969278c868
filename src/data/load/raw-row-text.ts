import { ident } from './sql';

/**
 * The raw row as one CSV line (fields quoted), for the rejected-rows list and download.
 * `rowSql` is a struct of the raw row (in DuckDB, a table alias used as a value).
 */
export function rawRowText(rowSql: string, columns: string[]): string {
  if (columns.length === 0) return 'NULL';
  return `concat_ws(',', ${columns
    .map((c) => `'"' || replace(coalesce(${rowSql}.${ident(c)}, ''), '"', '""') || '"'`)
    .join(', ')})`;
}
