/**
 * Where in the user's SQL an error is. DuckDB reports a position as
 *   LINE 3: SELECT amout FROM orders
 *                  ^
 * (the caret under the offending token). The cell's SQL runs after one wrapper line, so the
 * reported line is shifted by `lineOffset`.
 */
import { t, type MessageKey, type Params } from '../i18n/t';

export interface SqlErrorInfo {
  message: string;
  /** 1-based line and column in the cell's source, when DuckDB named a position */
  line?: number;
  column?: number;
  /** the app's own message (not DuckDB's): shown as t(key, params), so it follows a change of language */
  key?: MessageKey;
  params?: Params;
}

/** An error the app words itself (an empty cell, a refused statement…): its text in the reader's language. */
export class CellMessage extends Error {
  constructor(readonly key: MessageKey, readonly params?: Params) {
    super(t(key, params));
  }
}

/** The info of one of the app's own messages. */
export const messageInfo = (key: MessageKey, params?: Params): SqlErrorInfo =>
  (params ? { message: t(key, params), key, params } : { message: t(key), key });

export function sqlErrorInfo(error: unknown, lineOffset = 0): SqlErrorInfo {
  if (error instanceof CellMessage) return messageInfo(error.key, error.params);
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (at < 0) return { message: text.trim() };
  const m = /^LINE (\d+): /.exec(lines[at])!;
  const caret = lines[at + 1]?.indexOf('^') ?? -1;
  const message = lines.slice(0, at).join('\n').trim() || text.trim();
  const line = Number(m[1]) - lineOffset;
  if (caret < 0 || line < 1) return { message };
  // DuckDB shortens long lines around the error with "..." at the start; the caret is then relative to the excerpt.
  const excerpt = lines[at].slice(m[0].length);
  const column = caret - m[0].length + 1;
  return excerpt.startsWith('...') ? { message, line } : { message, line, column };
}
