/** Quote an identifier for DuckDB (column names come from users' headers: never trust them). */
export function ident(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

/** Quote a string literal for DuckDB. */
export function literal(value: string): string {
  return "'" + value.replaceAll("'", "''") + "'";
}

/** A safe table-name suffix derived from a load id (letters, digits, underscore only). */
export function tableSuffix(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}
