import { describe, expect, it } from 'vitest';
import { defaultReport } from '../../src/notebook/default-report';
import { DEFAULT_PARAMS, NOTEBOOK_VERSION, newSqlName, type Notebook } from '../../src/notebook/document';
import { affectedCells, cellDeps, sqlIdentifiers } from '../../src/notebook/graph';
import { renderSql, sqlParams, UnknownPlaceholder } from '../../src/notebook/sql-template';
import { notebookToJson, NotebookFormatError, readNotebook } from '../../src/notebook/serialise';
import { sqlErrorInfo } from '../../src/notebook/sql-error';
import { AUTOSAVE_KEY, loadSavedNotebook, saveNotebook } from '../../src/notebook/autosave';

const params = { ...DEFAULT_PARAMS, period: 'week' as const, churnDays: 60, from: '2024-01-01' };

describe('SQL parameters', () => {
  it('finds the parameters a cell mentions', () => {
    expect([...sqlParams('SELECT {{period}}, {{ churn_days }} FROM t WHERE d >= {{from}}')].sort()).toEqual(['churnDays', 'from', 'period']);
    expect(sqlParams('SELECT 1').size).toBe(0);
  });

  it('replaces placeholders by quoted literals; empty dates by the data range', () => {
    expect(renderSql("SELECT date_trunc({{period}}, x), {{churn_days}} WHERE d BETWEEN {{from}} AND {{to}}", params)).toBe(
      "SELECT date_trunc('week', x), 60 WHERE d BETWEEN DATE '2024-01-01' AND (SELECT CAST(max(ordered_at) AS DATE) FROM orders)");
  });

  it('refuses an unknown placeholder with the list of known ones', () => {
    expect(() => renderSql('SELECT {{nope}}', params)).toThrow(UnknownPlaceholder);
    expect(() => renderSql('SELECT {{nope}}', params)).toThrow(/\{\{period\}\}/);
  });
});

describe('dependency graph', () => {
  const nb: Notebook = {
    version: NOTEBOOK_VERSION, title: 't', params: DEFAULT_PARAMS, personas: [], goals: [],
    cells: [
      { id: 'a', kind: 'sql', name: 'base', source: "SELECT * FROM orders WHERE d >= {{from}} -- uses nothing else\n" },
      { id: 'b', kind: 'sql', name: 'by_week', source: "SELECT date_trunc({{period}}, d) FROM Base WHERE note <> 'by_month'" },
      { id: 'c', kind: 'chart', input: 'b', type: 'bar', title: '', x: 'x', y: ['y'] },
      { id: 'd', kind: 'sql', name: 'other', source: 'SELECT 1 /* base */' },
      { id: 'e', kind: 'table', input: 'd' },
      { id: 'f', kind: 'analysis', analysis: 'churn' },
      { id: 'g', kind: 'markdown', source: '{{period}}' },
    ],
  };

  it('reads identifiers outside strings and comments', () => {
    expect(sqlIdentifiers(`SELECT "My ""col""", x FROM t -- y\nWHERE z = 'w' /* v */`)).toEqual(new Set(['select', 'my "col"', 'x', 'from', 't', 'where', 'z']));
  });

  it('links SQL cells to earlier cells they name, charts and tables to their input', () => {
    const deps = cellDeps(nb);
    expect([...deps.get('b')!.cells]).toEqual(['a']);
    expect([...deps.get('d')!.cells]).toEqual([]); // "base" only in a comment
    expect([...deps.get('c')!.cells]).toEqual(['b']);
    expect([...deps.get('f')!.params].sort()).toEqual(['calendar', 'churnDays', 'period']);
    expect(deps.get('g')!.params.size).toBe(0); // markdown is not SQL
  });

  it('a parameter change re-runs only the cells that read it and what is downstream', () => {
    expect(affectedCells(nb, { params: ['from'] })).toEqual(['a', 'b', 'c']);
    expect(affectedCells(nb, { params: ['period'] })).toEqual(['b', 'c', 'f']);
    expect(affectedCells(nb, { params: ['churnDays'] })).toEqual(['f']);
    expect(affectedCells(nb, { params: ['to'] })).toEqual([]);
    expect(affectedCells(nb, { cells: ['d'] })).toEqual(['d', 'e']);
  });

  it('names new SQL cells without clashing', () => {
    expect(newSqlName([{ id: 'x', kind: 'sql', name: 'Query_1', source: '' }])).toBe('query_2');
  });
});

describe('serialisation', () => {
  it('round-trips the default report exactly, with its personas and goals', () => {
    const nb = defaultReport();
    expect(nb.personas.map((p) => p.name)).toEqual(['Saeed', 'Ali and Nazanin']);
    expect(nb.goals).toHaveLength(2);
    expect(readNotebook(notebookToJson(nb))).toEqual(nb);
  });

  it('fills missing parameters with defaults and drops unknown fields', () => {
    const nb = readNotebook({ version: 1, cells: [{ id: 'm', kind: 'markdown', source: 'hi', extra: 1 }], params: { churnDays: 30 } });
    expect(nb.params).toEqual({ ...DEFAULT_PARAMS, churnDays: 30 });
    expect(nb.cells).toEqual([{ id: 'm', kind: 'markdown', source: 'hi' }]);
    expect(nb.title).toBe('Untitled notebook');
  });

  it.each([
    ['not json {', /not JSON/],
    [[], /JSON object/],
    [{ version: 2, cells: [] }, /newer version/],
    [{ cells: [] }, /no format version/],
    [{ version: 1 }, /no list of cells/],
    [{ version: 1, cells: [{ id: 'a', kind: 'python', source: '' }] }, /unknown kind "python"/],
    [{ version: 1, cells: [{ id: 'a b', kind: 'markdown', source: '' }] }, /not a plain id/],
    [{ version: 1, cells: [{ id: 'a', kind: 'markdown', source: '' }, { id: 'a', kind: 'markdown', source: '' }] }, /two cells have the id a/],
    [{ version: 1, cells: [{ id: 'a', kind: 'sql', name: 'x; DROP', source: '' }] }, /letters, digits and _/],
    [{ version: 1, cells: [{ id: 'a', kind: 'table', input: 'nope' }] }, /not a SQL cell/],
    [{ version: 1, cells: [{ id: 'a', kind: 'sql', name: 'q', source: '' }, { id: 'b', kind: 'sql', name: 'Q', source: '' }] }, /two SQL cells are named q/],
    [{ version: 1, cells: [], params: { from: '2024-02-30' } }, /not a real day/],
    [{ version: 1, cells: [], params: { churnDays: 0 } }, /churnDays/],
    [{ version: 1, cells: [], personas: [{ id: 'p', name: 'P', rules: [{ field: 'age', op: 'LIKE', value: 'x' }] }] }, /unknown operator "LIKE"/],
    [{ version: 1, cells: [], personas: [{ id: 'p', name: 'P', rules: [{ field: 'age', op: '=', value: { $gt: 1 } }] }] }, /not text, a number or a list/],
    [{ version: 1, cells: [], goals: [{ id: 'g', name: 'G', metric: 'nps', target: 50, start: '2024-05-01', deadline: '2024-01-01' }] }, /deadline must be on or after the start/],
    [{ version: 1, cells: [], goals: [{ id: 'g', name: 'G', metric: 'happiness', target: 1, start: '2024-01-01', deadline: '2024-06-30' }] }, /Unknown metric "happiness"/],
  ])('refuses %j with a message that says what is wrong', (input, message) => {
    expect(() => readNotebook(input)).toThrow(NotebookFormatError);
    expect(() => readNotebook(input)).toThrow(message);
  });
});

describe('autosave', () => {
  function memoryStorage(): Storage {
    const m = new Map<string, string>();
    return {
      get length() { return m.size; }, clear: () => m.clear(), key: (i) => [...m.keys()][i] ?? null,
      getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k),
    };
  }

  it('keeps the document and reads it back; ignores a broken one', () => {
    const s = memoryStorage();
    const nb = defaultReport();
    nb.params.churnDays = 45;
    expect(saveNotebook(nb, s)).toBe(true);
    expect(loadSavedNotebook(s)).toEqual(nb);
    s.setItem(AUTOSAVE_KEY, '{"version": 1, "cells": 3}');
    expect(loadSavedNotebook(s)).toBeNull();
  });

  it('a full or disabled storage does not break the notebook', () => {
    const s = memoryStorage();
    s.setItem = () => { throw new DOMException('quota', 'QuotaExceededError'); };
    expect(saveNotebook(defaultReport(), s)).toBe(false);
  });
});

describe('SQL error positions', () => {
  it('reads the line and column under the caret, shifted by the wrapper line', () => {
    const e = new Error('Binder Error: Referenced column "amout" not found\n\nLINE 3: SELECT amout FROM orders\n               ^');
    expect(sqlErrorInfo(e, 1)).toEqual({ message: 'Binder Error: Referenced column "amout" not found', line: 2, column: 8 });
  });
  it('keeps the message alone when there is no position', () => {
    expect(sqlErrorInfo(new Error('Catalog Error: Table with name x does not exist!'))).toEqual({ message: 'Catalog Error: Table with name x does not exist!' });
  });
});
