/**
 * What a SQL cell may hold: ONE query (SELECT, WITH, FROM, VALUES, TABLE, SUMMARIZE, DESCRIBE,
 * PIVOT, UNPIVOT…). The runner wraps it in `CREATE TEMP VIEW name AS …`, so a statement such as
 * ATTACH, SET, INSTALL, COPY or CREATE could only fail with a confusing syntax error — and a second
 * statement after a `;` would run on its own, outside the view. Both are refused up front with a
 * message that says why (in the reader's language: src/i18n).
 */
import { t, type MessageKey, type Params } from '../i18n/t';

const NOT_QUERIES = new Set([
  'ATTACH', 'DETACH', 'SET', 'RESET', 'PRAGMA', 'INSTALL', 'LOAD', 'FORCE', 'COPY', 'EXPORT', 'IMPORT', 'CREATE', 'DROP',
  'INSERT', 'UPDATE', 'DELETE', 'ALTER', 'USE', 'CALL', 'CHECKPOINT', 'VACUUM', 'BEGIN', 'COMMIT', 'ROLLBACK', 'PREPARE', 'EXECUTE',
  'DEALLOCATE', 'TRUNCATE', 'MERGE', 'UPSERT',
]);

/** The text with comments and string/identifier literals blanked (same length). */
function blanked(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, (m) => ' '.repeat(m.length))
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, (m) => ' '.repeat(m.length));
}

/** null when the cell holds one query; else the message (key and parameters) saying why it is refused. */
export function cellSqlRefusal(sql: string): { key: MessageKey; params: Params } | null {
  const text = blanked(sql);
  const first = /^\s*\(*\s*([A-Za-z]+)/.exec(text)?.[1]?.toUpperCase();
  if (first && NOT_QUERIES.has(first)) return { key: 'notebook.sql.notQuery', params: { statement: first } };
  const semicolon = text.search(/;\s*\S/);
  if (semicolon >= 0) {
    const line = sql.slice(0, semicolon).split('\n').length;
    return { key: 'notebook.sql.twoStatements', params: { line } };
  }
  return null;
}

/** null when the cell holds one query; else the reason it is refused. `sql` has no trailing `;`. */
export function cellSqlProblem(sql: string): string | null {
  const r = cellSqlRefusal(sql);
  return r && t(r.key, r.params);
}
