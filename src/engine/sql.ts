/**
 * The only two ways a value from outside reaches SQL text: as a quoted identifier or as a quoted
 * literal. Column names come from users' CSV headers and option strings from URLs, so nothing is
 * ever pasted into SQL raw.
 */

/** `"name"` with embedded double quotes doubled. */
export function ident(name: string): string {
  if (name.length === 0) throw new RangeError('empty SQL identifier');
  if (name.includes('\u0000')) throw new RangeError('NUL in SQL identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL literal: strings single-quoted (quotes doubled), finite numbers as is, null as NULL. */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (value.includes('\u0000')) throw new RangeError('NUL in SQL string');
  return `'${value.replaceAll("'", "''")}'`;
}

/** `DATE 'YYYY-MM-DD'`, or NULL when absent. The caller has validated the day (options.checkDay). */
export function dateLiteral(day: string | undefined): string {
  return day === undefined ? 'CAST(NULL AS DATE)' : `DATE ${literal(day)}`;
}
