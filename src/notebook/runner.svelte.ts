/**
 * Runs a notebook's SQL cells against the engine, one at a time in document order (a cell's
 * result is a temporary view that later cells may read). Each cell has its own state, can be
 * cancelled, and fails on its own: an error shows on the cell with its SQL position, and only
 * the cells that read it wait. Analysis cells are run by the report's own stores.
 */
import type { Table } from 'apache-arrow';
import type { Engine } from '../engine/engine';
import { QueryCancelled } from '../engine/engine';
import Papa from 'papaparse';
import { ident } from '../engine/sql';
import { resultColumns, resultRows, valueText } from './result-table';
import type { Notebook, ParamName, SqlCell } from './document';
import { affectedCells, cellDeps } from './graph';
import { renderSql } from './sql-template';
import { cellSqlRefusal } from './cell-sql';
import { CellMessage, messageInfo, sqlErrorInfo, type SqlErrorInfo } from './sql-error';

export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'cancelled' | 'blocked';

export interface CellState {
  status: CellStatus;
  /** result rows (up to ROW_LIMIT) */
  table: Table | null;
  /** rows of the whole result */
  rowCount: number;
  error: SqlErrorInfo | null;
  ms: number;
}

/** Rows kept in memory per cell; tables page through them, downloads re-run the query in full. */
export const ROW_LIMIT = 200_000;

const idle = (): CellState => ({ status: 'idle', table: null, rowCount: 0, error: null, ms: 0 });

export class NotebookRunner {
  states = $state<Record<string, CellState>>({});
  private controllers = new Map<string, AbortController>();
  /** the current run of each cell; a run whose token is no longer current never writes its state */
  private tokens = new Map<string, number>();
  private nextToken = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private engine: Engine) {}

  state(id: string): CellState {
    return this.states[id] ?? idle();
  }

  /** Re-run what a parameter change or an edit touches (and everything downstream). */
  runAffected(nb: Notebook, change: { params?: readonly ParamName[]; cells?: readonly string[] }): Promise<void> {
    return this.run(nb, affectedCells(nb, change));
  }

  /** Every SQL cell (and so every chart and table) — or, for an embed, only those in `only`
   *  (src/share/embed-needs.ts); the others stay idle, with no error to show. */
  runAll(nb: Notebook, only?: ReadonlySet<string>): Promise<void> {
    return this.run(nb, nb.cells.map((c) => c.id).filter((id) => !only || only.has(id)));
  }

  /** Runs the SQL cells among `ids` in document order, after whatever is running now. A cell
   *  asked to run again supersedes its earlier run (which is stopped and never reports). */
  run(nb: Notebook, ids: readonly string[]): Promise<void> {
    const want = new Set(ids);
    const cells = nb.cells.filter((c): c is SqlCell => c.kind === 'sql' && want.has(c.id));
    const mine = new Map<string, number>();
    for (const c of cells) {
      this.controllers.get(c.id)?.abort();
      this.controllers.delete(c.id);
      const token = ++this.nextToken;
      this.tokens.set(c.id, token);
      mine.set(c.id, token);
      this.states[c.id] = { ...this.state(c.id), status: 'queued', error: null };
    }
    const deps = cellDeps(nb);
    const params = nb.params;
    const job = async () => {
      for (const c of cells) {
        const token = mine.get(c.id)!;
        if (this.tokens.get(c.id) !== token) continue; // cancelled or superseded while waiting
        const failed = [...deps.get(c.id)!.cells].find((id) => ['error', 'blocked', 'cancelled'].includes(this.state(id).status));
        if (failed) {
          const name = nb.cells.find((x) => x.id === failed);
          this.states[c.id] = {
            ...idle(), status: 'blocked',
            error: name?.kind === 'sql' ? messageInfo('notebook.run.blocked', { name: name.name }) : messageInfo('notebook.run.blockedCell'),
          };
          continue;
        }
        await this.runOne(c, params, token);
      }
    };
    this.queue = this.queue.then(job, job);
    return this.queue;
  }

  private async runOne(cell: SqlCell, params: Notebook['params'], token: number) {
    const controller = new AbortController();
    this.controllers.set(cell.id, controller);
    this.states[cell.id] = { ...this.state(cell.id), status: 'running', error: null };
    const t0 = performance.now();
    const { signal } = controller;
    const current = () => this.tokens.get(cell.id) === token;
    try {
      const sql = renderSql(cell.source, params).trim().replace(/;\s*$/, '');
      if (sql === '') throw new CellMessage('notebook.run.empty');
      const problem = cellSqlRefusal(sql);
      if (problem) throw new CellMessage(problem.key, problem.params);
      // The view line comes first on its own, so DuckDB's LINE numbers are the cell's plus one.
      await this.engine.query(`CREATE OR REPLACE TEMP VIEW ${ident(cell.name)} AS\n${sql}`, { signal });
      const count = await this.engine.query(`SELECT count(*) AS n FROM ${ident(cell.name)}`, { signal });
      const rowCount = Number(count.getChild('n')?.get(0) ?? 0);
      const table = await this.engine.query(`SELECT * FROM ${ident(cell.name)} LIMIT ${ROW_LIMIT}`, { signal });
      if (current()) this.states[cell.id] = { status: 'done', table, rowCount, error: null, ms: performance.now() - t0 };
    } catch (e) {
      if (!current()) return; // cancelled (its state is set already) or superseded by a newer run
      const cancelled = signal.aborted || e instanceof QueryCancelled;
      this.states[cell.id] = {
        ...idle(), status: cancelled ? 'cancelled' : 'error', ms: performance.now() - t0,
        error: cancelled ? messageInfo('notebook.run.cancelled') : sqlErrorInfo(e, 1),
      };
    } finally {
      if (this.controllers.get(cell.id) === controller) this.controllers.delete(cell.id);
    }
  }

  /** Cancels a cell that is running or waiting; cells reading it wait as 'blocked'. */
  cancel(id: string) {
    const s = this.state(id);
    if (!this.tokens.delete(id)) return;
    if (s.status === 'queued' || s.status === 'running') {
      this.states[id] = { ...idle(), status: 'cancelled', error: messageInfo('notebook.run.cancelled'), ms: s.ms };
    }
    this.controllers.get(id)?.abort();
  }

  /** The whole result of a SQL cell (not just the rows held in memory) as CSV. */
  async csv(cell: SqlCell): Promise<string> {
    const table = await this.engine.query(`SELECT * FROM ${ident(cell.name)}`);
    const columns = resultColumns(table);
    return Papa.unparse({
      fields: columns.map((c) => c.name),
      // Numbers as they are (no locale grouping), dates as ISO days.
      data: resultRows(table, columns).map((r) => r.map((v, i) => (typeof v === 'number' && columns[i].kind === 'number' ? v : valueText(v, columns[i].kind)))),
    });
  }

  /** Tables, views and their columns, for completion in the SQL editor. */
  async schema(): Promise<Record<string, string[]>> {
    const t = await this.engine.query(
      `SELECT table_name, list(column_name ORDER BY column_index) AS cols FROM duckdb_columns() WHERE NOT internal AND schema_name IN ('main', 'temp') AND NOT starts_with(table_name, '_rn_') GROUP BY 1`);
    const out: Record<string, string[]> = {};
    for (const row of t) {
      const r = row!.toJSON() as { table_name: string; cols: { toArray(): string[] } };
      out[r.table_name] = [...r.cols.toArray()];
    }
    return out;
  }

  /** Forget a deleted cell (its view stays until the next run replaces or the session ends). */
  forget(id: string) {
    this.cancel(id);
    delete this.states[id];
  }
}
