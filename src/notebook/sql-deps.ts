/**
 * The SQL cells one cell needs run before it can show anything: for an embed (`?embed=<cell-id>`)
 * that draws one cell, running the whole notebook would be wasted work — and a slow or failing
 * cell it never reads would hold it up.
 *
 * Unlike graph.ts (which decides what to re-run after an edit and skips names in strings and
 * comments), this errs on the side of running too much: a missed dependency would leave the cell
 * with "table not found", an extra one only costs time. So every word of the SQL counts, inside
 * string literals too (DuckDB reads a view from `FROM 'name'`, `query_table('name')` and
 * `query('SELECT … FROM name')`) and inside comments (not worth a lexer to tell them apart).
 */
import { DEFAULT_PARAMS, type Cell, type SqlCell } from './document';
import { renderSql } from './sql-template';

/**
 * Every word of a SQL text that could name a view, lower-cased (DuckDB matches identifiers
 * case-insensitively, quoted or not). Splitting at anything but ASCII letters, digits and `_`
 * only ever yields more words (`"orders x"`, `orders$1` → `orders`), never fewer.
 */
function words(sql: string): Set<string> {
  return new Set([...sql.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0].toLowerCase()));
}

/**
 * Words of a cell's SQL as the runner sends it. Placeholders become literals, except an empty
 * `{{from}}` / `{{to}}`, which becomes a subquery over `orders` — and a SQL cell named `orders`
 * shadows that table. Rendering with empty dates covers that case whatever the parameters are.
 */
function sqlWords(source: string): Set<string> {
  const out = words(source);
  try {
    for (const w of words(renderSql(source, DEFAULT_PARAMS))) out.add(w);
  } catch {
    // an unknown placeholder: the cell fails before it reads anything
  }
  return out;
}

/**
 * Ids of the SQL cells that must run for cell `id` to show: the cell itself when it is a SQL cell
 * (the input when it is a chart or table), and, transitively, the earlier SQL cells whose view
 * names its SQL mentions — a name refers to the nearest earlier cell of that name (later cells
 * have not run yet when it runs). Empty for markdown, analysis and missing cells.
 */
export function sqlAncestors(cells: readonly Cell[], id: string): Set<string> {
  const cell = cells.find((c) => c.id === id);
  const rootId = cell?.kind === 'chart' || cell?.kind === 'table' ? cell.input : id;
  const out = new Set<string>();
  const index = new Map(cells.map((c, i) => [c.id, i]));
  const pending = [rootId];
  while (pending.length > 0) {
    const at = index.get(pending.pop()!);
    const c = at === undefined ? undefined : cells[at];
    if (c?.kind !== 'sql' || out.has(c.id)) continue;
    out.add(c.id);
    const mentioned = sqlWords(c.source);
    const nearest = new Map<string, SqlCell>(); // name → the last SQL cell of that name before c
    for (const e of cells.slice(0, at)) if (e.kind === 'sql') nearest.set(e.name.toLowerCase(), e);
    for (const [name, e] of nearest) if (mentioned.has(name)) pending.push(e.id);
  }
  return out;
}
