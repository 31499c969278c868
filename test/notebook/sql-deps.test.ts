// The SQL cells one cell needs run (for an embed): its own and the earlier ones it reads, transitively.
import { describe, expect, it } from 'vitest';
import { sqlAncestors } from '../../src/notebook/sql-deps';
import type { Cell } from '../../src/notebook/document';

const sql = (id: string, source: string, name = id): Cell => ({ id, kind: 'sql', name, source });
const sorted = (s: Set<string>) => [...s].sort();

describe('sqlAncestors', () => {
  it('follows a chain back through every earlier cell it reads, and stops there', () => {
    const cells = [
      sql('a', 'SELECT * FROM orders'),
      sql('b', 'SELECT * FROM a'),
      sql('c', 'SELECT * FROM b'),
      sql('d', 'SELECT * FROM c'),
    ];
    expect(sorted(sqlAncestors(cells, 'c'))).toEqual(['a', 'b', 'c']);
    expect(sorted(sqlAncestors(cells, 'a'))).toEqual(['a']);
  });

  it('a diamond: both sides and their common source, once; a sibling it does not read is left out', () => {
    const cells = [
      sql('base', 'SELECT customer_id, amount FROM orders'),
      sql('big', 'SELECT * FROM base WHERE amount > 100'),
      sql('small', 'SELECT * FROM base WHERE amount <= 100'),
      sql('other', "SELECT error('boom')"),
      sql('top', 'SELECT * FROM big UNION ALL SELECT * FROM small'),
    ];
    expect(sorted(sqlAncestors(cells, 'top'))).toEqual(['base', 'big', 'small', 'top']);
  });

  it('a later cell of the name is not read (it has not run yet); the nearest earlier one is', () => {
    const cells = [
      sql('first', 'SELECT * FROM later'),
      sql('later', 'SELECT 1 AS x'),
    ];
    expect(sorted(sqlAncestors(cells, 'first'))).toEqual(['first']);
    // Two cells of one name (a hand-edited file): the view a cell reads is the last one before it.
    const dup = [sql('v1', 'SELECT 1 AS x', 'v'), sql('v2', 'SELECT 2 AS x', 'v'), sql('r', 'SELECT * FROM v')];
    expect(sorted(sqlAncestors(dup, 'r'))).toEqual(['r', 'v2']);
  });

  it('matches whole identifiers only, in any case, quoted or qualified', () => {
    const cells = [
      sql('o', 'SELECT 1 AS x', 'orders_2'),
      sql('s', 'SELECT 2 AS x', 'sales'),
      sql('t', 'SELECT 3 AS x', 'totals'),
      sql('q', 'SELECT 4 AS x', 'Quarterly'),
      sql('r', 'SELECT * FROM orders JOIN my_sales USING (x) JOIN totals_old USING (x)'),
      sql('u', 'SELECT * FROM "ORDERS_2", temp.main.SALES, "quarterly"'),
    ];
    expect(sorted(sqlAncestors(cells, 'r'))).toEqual(['r']); // orders ≠ orders_2, my_sales ≠ sales, totals_old ≠ totals
    expect(sorted(sqlAncestors(cells, 'u'))).toEqual(['o', 'q', 's', 'u']);
    expect(sorted(sqlAncestors([sql('o', 'SELECT 1', 'orders'), sql('r', 'SELECT * FROM orders_2')], 'r'))).toEqual(['r']);
  });

  it('names in string literals count (DuckDB reads FROM \'a\' and query_table(\'a\')); in comments too, to be safe', () => {
    const cells = [
      sql('a', 'SELECT 1 AS x'),
      sql('b', 'SELECT 2 AS x'),
      sql('c', 'SELECT 3 AS x'),
      sql('d', 'SELECT 4 AS x'),
      sql('s1', "SELECT * FROM 'a'"),
      sql('s2', "SELECT * FROM query_table('b')"),
      sql('s3', "SELECT * FROM query('SELECT * FROM c')"),
      sql('k', "-- reads d\nSELECT '--' AS dash, * FROM a /* not b */"),
    ];
    expect(sorted(sqlAncestors(cells, 's1'))).toEqual(['a', 's1']);
    expect(sorted(sqlAncestors(cells, 's2'))).toEqual(['b', 's2']);
    expect(sorted(sqlAncestors(cells, 's3'))).toEqual(['c', 's3']);
    // `'--'` does not start a comment: `a` after it is read. The comments' names run too (harmless).
    expect(sorted(sqlAncestors(cells, 'k'))).toEqual(['a', 'b', 'd', 'k']);
  });

  it('an empty {{from}} / {{to}} reads `orders`, so a cell of that name is needed', () => {
    const cells = [
      sql('own', 'SELECT * FROM main.orders WHERE amount > 0', 'orders'),
      sql('p', 'SELECT {{period}} AS per, {{from}} AS first_day'),
      sql('plain', 'SELECT {{period}} AS per, {{churn_days}} AS days'),
      sql('bad', 'SELECT {{nope}} FROM own_orders'),
    ];
    expect(sorted(sqlAncestors(cells, 'p'))).toEqual(['own', 'p']);
    expect(sorted(sqlAncestors(cells, 'plain'))).toEqual(['plain']);
    expect(sorted(sqlAncestors(cells, 'bad'))).toEqual(['bad']); // unknown placeholder: raw text only
  });

  it('a chart or table needs the SQL cell it draws and what that reads; other cells need none', () => {
    const cells: Cell[] = [
      { id: 'md', kind: 'markdown', source: 'a b c' },
      sql('a', 'SELECT 1 AS x'),
      sql('b', 'SELECT 2 AS x'),
      sql('c', 'SELECT * FROM a'),
      { id: 'ch', kind: 'chart', input: 'c', type: 'bar', title: 'C', x: 'x', y: ['x'] },
      { id: 'tb', kind: 'table', input: 'b' },
      { id: 'gone', kind: 'chart', input: 'deleted', type: 'bar', title: '', x: 'x', y: [] },
      { id: 'an', kind: 'analysis', analysis: 'rfm' },
    ];
    expect(sorted(sqlAncestors(cells, 'ch'))).toEqual(['a', 'c']);
    expect(sorted(sqlAncestors(cells, 'tb'))).toEqual(['b']);
    expect(sqlAncestors(cells, 'gone').size).toBe(0);
    expect(sqlAncestors(cells, 'md').size).toBe(0);
    expect(sqlAncestors(cells, 'an').size).toBe(0);
    expect(sqlAncestors(cells, 'missing').size).toBe(0);
  });
});
