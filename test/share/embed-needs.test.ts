// An embedded cell computes only what it shows.
import { describe, expect, it } from 'vitest';
import { embedNeeds } from '../../src/share/embed-needs';
import { ANALYSES } from '../../src/notebook/document';
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
