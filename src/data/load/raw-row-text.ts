/**
 * The raw row as one CSV line (every field quoted), for the rejected-rows list and download.
 * `fields` are SQL expressions of the raw text fields, in file order.
 */
export function rawRowText(fields: string[]): string {
  if (fields.length === 0) return 'NULL';
  return `concat_ws(',', ${fields.map((f) => `'"' || replace(coalesce(${f}, ''), '"', '""') || '"'`).join(', ')})`;
}
