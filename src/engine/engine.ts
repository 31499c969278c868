import type { Table } from 'apache-arrow';

/**
 * The one interface the rest of the app uses to talk to DuckDB. Two implementations share it:
 * `browser.ts` (DuckDB-WASM in a Web Worker) and `node.ts` (the same DuckDB-WASM package,
 * blocking API, for tests and the report command). Same engine build, same SQL, same results.
 */
export interface Engine {
  readonly kind: 'browser' | 'node';
  /** Run SQL and return the whole result as an Arrow table. */
  query(sql: string, options?: QueryOptions): Promise<Table>;
  /**
   * Make a user's file readable from SQL under `name` (e.g. `uploads/<id>.csv`).
   * Browser `File`s are registered as handles: the worker reads slices on demand, nothing is
   * copied into the JS heap. Node paths are read from the file system by DuckDB itself.
   */
  registerFile(name: string, source: FileSource): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Create (or append to) `tableName` from an Arrow table. Goes through IPC bytes, which avoids
   *  the two-copies-of-apache-arrow trap (see ../shared/DUCKDB_WASM.md). */
  insertArrow(tableName: string, table: Table, options?: { create?: boolean }): Promise<void>;
  /** Cancel the query that is running now, if any. Resolves true when one was cancelled. */
  cancel(): Promise<boolean>;
  /** Subscribe to execution progress (0..1) of long queries; returns an unsubscribe function. */
  onProgress(listener: (fraction: number) => void): () => void;
  /**
   * Lock the database for SQL that came from someone else (a share link or a notebook file):
   * runs LOCKDOWN_SETTINGS (settings.ts) — only registered uploads under `uploads/` stay
   * readable, no network, no other files, and settings cannot be changed back. Irreversible for
   * this engine: undoing it means a new engine (a page reload). Optional only so that thin
   * wrappers (segment views, benchmarks, test doubles) need not forward it; both real engines
   * implement it, and the app locks the real engine, never a wrapper.
   */
  lockDown?(): Promise<void>;
  /**
   * Called once if the engine stops working for good: its worker died (out of memory, killed) or
   * the wasm instance trapped. Every later query then fails at once with EngineStopped. Optional:
   * only the browser engine has a worker to lose.
   */
  onStopped?(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}

/** The engine's worker is gone (src/engine/browser.ts): nothing can run until the page reloads. */
export class EngineStopped extends Error {
  constructor(reason: string) {
    super(`The in-browser database stopped: ${reason}`);
    this.name = 'EngineStopped';
  }
}

/**
 * Errors after which a wasm instance is unusable (an abort or trap, e.g. memory could not grow),
 * as opposed to DuckDB's own errors (including its catchable "Out of Memory Error"), after which
 * the database keeps working.
 */
export const FATAL_WASM_ERROR = /RuntimeError|Aborted\(|memory access out of bounds|unreachable|table index is out of bounds|Maximum call stack/i;

export interface QueryOptions {
  /** Aborting the signal cancels the query; the returned promise rejects with QueryCancelled. */
  signal?: AbortSignal;
}

export type FileSource =
  | { kind: 'file'; file: Blob }
  | { kind: 'path'; path: string }
  | { kind: 'bytes'; bytes: Uint8Array };

export class QueryCancelled extends Error {
  constructor() {
    super('The query was cancelled.');
    this.name = 'QueryCancelled';
  }
}

/** Plain JS rows from an Arrow table (numbers as numbers, timestamps as epoch ms, dates as ms). */
export function rowsOf<T = Record<string, unknown>>(table: Table): T[] {
  const out: T[] = [];
  for (const row of table) out.push(row!.toJSON() as T);
  return out;
}

/** Convenience: run SQL and return plain rows. */
export async function queryRows<T = Record<string, unknown>>(engine: Engine, sql: string, options?: QueryOptions): Promise<T[]> {
  return rowsOf<T>(await engine.query(sql, options));
}
