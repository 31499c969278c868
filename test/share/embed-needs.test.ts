// An embedded cell computes only what it shows (SQL cells: only those it reads).
import { describe, expect, it } from 'vitest';
import { embedNeeds, embedSqlCells } from '../../src/share/embed-needs';
import { ANALYSES, type Cell } from '../../src/notebook/document';
import { defaultReport } from '../../src/notebook/default-report';

describe('embed needs', () => {
  it('one analysis panel needs its own work only', () => {
    expect([...embedNeeds({ id: 'x', kind: 'analysis', analysis: 'rfm' })]).toEqual(['rfm']);
    expect(embedNeeds({ id: 'x', kind: 'analysis', analysis: 'cohorts' }).has('clv')).toBe(false);
    expect([...embedNeeds({ id: 'x', kind: 'analysis', analysis: 'goals' })].sort()).toEqual(['goals', 'personas', 'sales']);
  });
  it('every analysis kind is covered, and no analysis runs the SQL cells', () => {
    for (const a of ANALYSES) {
      const w = embedNeeds({ id: 'x', kind: 'analysis', analysis: a });
      expect(w.size, a).toBeGreaterThan(0);
      expect(w.has('sql'), a).toBe(false);
    }
  });
  it('SQL, chart and table cells need the SQL cells; markdown and a missing cell need nothing', () => {
    const doc = defaultReport();
    for (const c of doc.cells.filter((c) => c.kind === 'sql' || c.kind === 'chart' || c.kind === 'table')) expect([...embedNeeds(c)]).toEqual(['sql']);
    expect(embedNeeds(doc.cells.find((c) => c.kind === 'markdown')).size).toBe(0);
    expect(embedNeeds(undefined).size).toBe(0);
  });
});

describe('embed SQL cells', () => {
  it('a SQL, chart or table embed runs its own SQL cell and those it reads, not the whole notebook', () => {
    const cells: Cell[] = [
      { id: 'A', kind: 'sql', name: 'a', source: 'SELECT 1 AS x' },
      { id: 'B', kind: 'sql', name: 'b', source: "SELECT error('boom')" },
      { id: 'C', kind: 'sql', name: 'c', source: 'SELECT x + 1 AS y FROM a' },
      { id: 'chart', kind: 'chart', input: 'C', type: 'bar', title: '', x: 'y', y: ['y'] },
      { id: 'md', kind: 'markdown', source: 'a b c' },
    ];
    expect([...embedSqlCells(cells, 'C')].sort()).toEqual(['A', 'C']);
    expect([...embedSqlCells(cells, 'chart')].sort()).toEqual(['A', 'C']);
    expect([...embedSqlCells(cells, 'B')]).toEqual(['B']);
    expect(embedSqlCells(cells, 'md').size).toBe(0);
  });
  it("the built-in report's chart runs its one SQL cell", () => {
    expect([...embedSqlCells(defaultReport().cells, 'orders-chart')]).toEqual(['orders-by-period']);
  });
});
