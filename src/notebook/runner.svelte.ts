/**
 * Runs a notebook's SQL cells against the engine, one at a time in document order (a cell's
 * result is a temporary view that later cells may read). Each cell has its own state, can be
 * cancelled, and fails on its own: an error shows on the cell with its SQL position, and only
 * the cells that read it wait. Analysis cells are run by the report's own stores.
 */
import type { Table } from 'apache-arrow';
import type { Engine } from '../engine/engine';
import { QueryCancelled } from '../engine/engine';
import { ident } from '../engine/sql';
import type { Notebook, ParamName, SqlCell } from './document';
import { affectedCells, cellDeps } from './graph';
import { renderSql } from './sql-template';
import { sqlErrorInfo, type SqlErrorInfo } from './sql-error';

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
  private queue: Promise<void> = Promise.resolve();

  constructor(private engine: Engine) {}

  state(id: string): CellState {
    return this.states[id] ?? idle();
  }

  /** Re-run what a parameter change or an edit touches (and everything downstream). */
  runAffected(nb: Notebook, change: { params?: readonly ParamName[]; cells?: readonly string[] }): Promise<void> {
    return this.run(nb, affectedCells(nb, change));
  }

  /** Every SQL cell (and so every chart and table). */
  runAll(nb: Notebook): Promise<void> {
    return this.run(nb, nb.cells.map((c) => c.id));
  }

  /** Runs the SQL cells among `ids` in document order, after whatever is running now. */
  run(nb: Notebook, ids: readonly string[]): Promise<void> {
    const want = new Set(ids);
    const cells = nb.cells.filter((c): c is SqlCell => c.kind === 'sql' && want.has(c.id));
    for (const c of cells) {
      this.controllers.get(c.id)?.abort();
      this.states[c.id] = { ...this.state(c.id), status: 'queued', error: null };
    }
    const deps = cellDeps(nb);
    const params = nb.params;
    const job = async () => {
      for (const c of cells) {
        if (this.states[c.id]?.status !== 'queued') continue; // cancelled while waiting
        const failed = [...deps.get(c.id)!.cells].find((id) => ['error', 'blocked', 'cancelled'].includes(this.state(id).status));
        if (failed) {
          const name = nb.cells.find((x) => x.id === failed);
          this.states[c.id] = { ...idle(), status: 'blocked', error: { message: `Waiting for ${name?.kind === 'sql' ? name.name : 'a cell'} above, which did not finish.` } };
          continue;
        }
        await this.runOne(c, params);
      }
    };
    this.queue = this.queue.then(job, job);
    return this.queue;
  }

  private async runOne(cell: SqlCell, params: Notebook['params']) {
    const controller = new AbortController();
    this.controllers.set(cell.id, controller);
    this.states[cell.id] = { ...this.state(cell.id), status: 'running', error: null };
    const t0 = performance.now();
    const { signal } = controller;
    try {
      const sql = renderSql(cell.source, params).trim().replace(/;\s*$/, '');
      if (sql === '') throw new Error('The cell is empty: write a query, e.g. SELECT * FROM orders LIMIT 10.');
      // The view line comes first on its own, so DuckDB's LINE numbers are the cell's plus one.
      await this.engine.query(`CREATE OR REPLACE TEMP VIEW ${ident(cell.name)} AS\n${sql}`, { signal });
      const count = await this.engine.query(`SELECT count(*) AS n FROM ${ident(cell.name)}`, { signal });
      const rowCount = Number(count.getChild('n')?.get(0) ?? 0);
      const table = await this.engine.query(`SELECT * FROM ${ident(cell.name)} LIMIT ${ROW_LIMIT}`, { signal });
      this.states[cell.id] = { status: 'done', table, rowCount, error: null, ms: performance.now() - t0 };
    } catch (e) {
      const cancelled = signal.aborted || e instanceof QueryCancelled;
      this.states[cell.id] = {
        ...idle(), status: cancelled ? 'cancelled' : 'error', ms: performance.now() - t0,
        error: cancelled ? { message: 'Cancelled.' } : sqlErrorInfo(e, 1),
      };
    } finally {
      if (this.controllers.get(cell.id) === controller) this.controllers.delete(cell.id);
    }
  }

  /** Cancels a cell that is running or waiting; cells reading it wait as 'blocked'. */
  cancel(id: string) {
    const s = this.state(id);
    if (s.status === 'queued') this.states[id] = { ...s, status: 'cancelled', error: { message: 'Cancelled.' } };
    this.controllers.get(id)?.abort();
  }

  /** Forget a deleted cell (its view stays until the next run replaces or the session ends). */
  forget(id: string) {
    this.cancel(id);
    delete this.states[id];
  }
}
