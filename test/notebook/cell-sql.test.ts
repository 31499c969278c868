import { describe, expect, it } from 'vitest';
import { cellSqlProblem } from '../../src/notebook/cell-sql';

describe('what a SQL cell may hold', () => {
  it.each([
    'SELECT 1', 'with x AS (SELECT 1) SELECT * FROM x', 'FROM orders', '(SELECT 1) UNION (SELECT 2)', 'SUMMARIZE orders',
    "SELECT ';' AS semi, 'ATTACH' AS word -- ; ATTACH in a comment\nFROM orders", 'SELECT 1 /* ; DROP TABLE x */',
  ])('accepts one query: %s', (sql) => {
    expect(cellSqlProblem(sql)).toBeNull();
  });

  it.each([
    ["ATTACH 'https://a.org/b.db'", /ATTACH statements are not run from cells/],
    ['set enable_external_access = true', /SET statements/],
    ['INSTALL httpfs', /INSTALL statements/],
    ["COPY orders TO 'x.csv'", /COPY statements/],
    ['-- a comment first\nDROP TABLE orders', /DROP statements/],
    ["SELECT 1;\nATTACH 'https://a.org/b.db'", /second statement after the ";" on line 1/],
    ["SELECT 1; SELECT 2", /second statement/],
  ])('refuses %s', (sql, message) => {
    expect(cellSqlProblem(sql as string)).toMatch(message as RegExp);
  });
});
