import { ident } from './sql';

/** The raw row as one CSV line (fields quoted), for the rejected-rows list and download. */
export function rawRowText(alias: string, columns: string[]): string {
  if (columns.length === 0) return 'NULL';
  return `concat_ws(',', ${columns
    .map((c) => `'"' || replace(coalesce(${alias}.${ident(c)}, ''), '"', '""') || '"'`)
    .join(', ')})`;
}
