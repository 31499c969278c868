/**
 * The notebook runner against real DuckDB-WASM: SQL cells become views later cells read,
 * parameters re-run only what reads them, an error names its position in the cell and blocks
 * only the cells downstream, cancel stops a long cell.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/engine';
import { NotebookRunner } from '../../src/notebook/runner.svelte';
import { DEFAULT_PARAMS, NOTEBOOK_VERSION, type Cell, type Notebook } from '../../src/notebook/document';
import { createOrders } from '../analyses/fixtures';

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createOrders(engine, [
    { customer: 'a', at: '2024-01-03', amount: 10 },
    { customer: 'a', at: '2024-01-20', amount: 20 },
    { customer: 'b', at: '2024-02-05', amount: 30 },
    { customer: 'c', at: '2024-02-06', amount: 40 },
    { customer: 'b', at: '2024-03-01', amount: 50 },
  ]);
});

const nb = (cells: Cell[], params = DEFAULT_PARAMS): Notebook => ({ version: NOTEBOOK_VERSION, title: 't', params, cells, personas: [], goals: [] });
const rows = (r: NotebookRunner, id: string) => r.state(id).table?.toArray().map((x) => x.toJSON());

describe('notebook runner', () => {
  it('runs SQL cells in order; a later cell reads an earlier one by name', async () => {
    const doc = nb([
      { id: 'm', kind: 'sql', name: 'monthly', source: "SELECT CAST(date_trunc({{period}}, ordered_at) AS DATE)::VARCHAR AS m, sum(amount) AS revenue FROM orders GROUP BY 1 ORDER BY 1;" },
      { id: 'best', kind: 'sql', name: 'best', source: 'SELECT m FROM monthly ORDER BY revenue DESC LIMIT 1' },
    ]);
    const r = new NotebookRunner(engine);
    await r.runAll(doc);
    expect(r.state('m').status).toBe('done');
    expect(rows(r, 'm')).toEqual([{ m: '2024-01-01', revenue: 30 }, { m: '2024-02-01', revenue: 70 }, { m: '2024-03-01', revenue: 50 }]);
    expect(r.state('m').rowCount).toBe(3);
    expect(rows(r, 'best')).toEqual([{ m: '2024-02-01' }]);

    // A parameter change re-runs the cell that reads it and the one that reads that cell.
    doc.params = { ...doc.params, period: 'quarter' };
    await r.runAffected(doc, { params: ['period'] });
    expect(rows(r, 'm')).toEqual([{ m: '2024-01-01', revenue: 150 }]);
    expect(rows(r, 'best')).toEqual([{ m: '2024-01-01' }]);
  });

  it('an error shows on its cell with the line and column; cells reading it wait, others run', async () => {
    const doc = nb([
      { id: 'bad', kind: 'sql', name: 'bad', source: 'SELECT customer_id,\n       amout\nFROM orders' },
      { id: 'after', kind: 'sql', name: 'after', source: 'SELECT * FROM bad' },
      { id: 'fine', kind: 'sql', name: 'fine', source: 'SELECT count(*) AS n FROM orders' },
    ]);
    const r = new NotebookRunner(engine);
    await r.runAll(doc);
    const e = r.state('bad');
    expect(e.status).toBe('error');
    expect(e.error?.message).toMatch(/amout/);
    expect(e.error?.line).toBe(2);
    expect(e.error?.column).toBe(8);
    expect(r.state('after').status).toBe('blocked');
    expect(r.state('after').error?.message).toMatch(/Waiting for bad/);
    expect(rows(r, 'fine')).toEqual([{ n: 5 }]);
  });

  it('says what to do with an empty cell or an unknown parameter', async () => {
    const r = new NotebookRunner(engine);
    await r.runAll(nb([
      { id: 'e', kind: 'sql', name: 'e', source: '  ' },
      { id: 'u', kind: 'sql', name: 'u', source: 'SELECT {{month}}' },
    ]));
    expect(r.state('e').error?.message).toMatch(/empty/);
    expect(r.state('u').error?.message).toMatch(/Unknown parameter \{\{month\}\}/);
  });

  it('a cancelled cell stops its readers, not the others; the next run works', async () => {
    // (Stopping a query mid-flight needs the browser engine's worker: test/browser/notebook.test.mjs.
    // Here the Node engine blocks while a query runs, so the cell is cancelled while it waits its turn.)
    const doc = nb([
      { id: 'first', kind: 'sql', name: 'first', source: 'SELECT sum(a.range * b.range) AS s FROM range(3000) a, range(3000) b' },
      { id: 'second', kind: 'sql', name: 'second', source: 'SELECT 2 AS two' },
      { id: 'reader', kind: 'sql', name: 'reader', source: 'SELECT * FROM second' },
      { id: 'other', kind: 'sql', name: 'other', source: 'SELECT 3 AS three' },
    ]);
    const r = new NotebookRunner(engine);
    const run = r.runAll(doc);
    r.cancel('second');
    await run;
    expect(r.state('first').status).toBe('done');
    expect(r.state('second').status).toBe('cancelled');
    expect(r.state('reader').status).toBe('blocked');
    expect(rows(r, 'other')).toEqual([{ three: 3 }]);
    await r.run(doc, ['second', 'reader']);
    expect(rows(r, 'reader')).toEqual([{ two: 2 }]);
  });

  it('runAll with a set of cells (an embed) runs those only; the others stay idle, without errors', async () => {
    const doc = nb([
      { id: 'A', kind: 'sql', name: 'only_a', source: 'SELECT count(*) AS n FROM orders' },
      { id: 'B', kind: 'sql', name: 'only_b', source: 'SELECT * FROM no_such_table' },
      { id: 'C', kind: 'sql', name: 'only_c', source: 'SELECT n * 10 AS n10 FROM only_a' },
    ]);
    const r = new NotebookRunner(engine);
    await r.runAll(doc, new Set(['A', 'C']));
    expect(rows(r, 'C')).toEqual([{ n10: 50 }]);
    expect(r.state('A').status).toBe('done');
    expect(r.state('B')).toEqual({ status: 'idle', table: null, rowCount: 0, error: null, ms: 0 });
    // Without the set, everything runs (B's error shows).
    await r.runAll(doc);
    expect(r.state('B').status).toBe('error');
  });

  it('a cell run again before its first run finished reports only the newer result', async () => {
    const r = new NotebookRunner(engine);
    const first = r.runAll(nb([{ id: 'x', kind: 'sql', name: 'x', source: 'SELECT 1 AS v' }]));
    const second = r.runAll(nb([{ id: 'x', kind: 'sql', name: 'x', source: 'SELECT 2 AS v' }]));
    await Promise.all([first, second]);
    expect(r.state('x').status).toBe('done');
    expect(rows(r, 'x')).toEqual([{ v: 2 }]);
  });
});
