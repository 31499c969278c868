import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { dateLiteral, ident, literal } from '../../src/engine/sql';
import { resolveOptions } from '../../src/analyses/options';
import { runChannels } from '../../src/analyses/channels';
import { runCohorts } from '../../src/analyses/cohorts';

describe('SQL quoting', () => {
  it('ident and literal', () => {
    expect(ident('city')).toBe('"city"');
    expect(ident('a"b')).toBe('"a""b"');
    expect(literal("it's")).toBe("'it''s'");
    expect(literal(3.5)).toBe('3.5');
    expect(literal(null)).toBe('NULL');
    expect(() => literal(Number.NaN)).toThrow(RangeError);
    expect(() => ident('')).toThrow(RangeError);
    expect(dateLiteral('2024-01-31')).toBe("DATE '2024-01-31'");
  });

  it('round-trips hostile strings through DuckDB', async () => {
    const e = await sharedNodeEngine();
    const s = `x'); DROP TABLE t; -- "q"`;
    const rows = await queryRows<{ v: string }>(e, `SELECT ${literal(s)} AS ${ident('v')}`);
    expect(rows).toEqual([{ v: s }]);
  });

  it('options are validated before any SQL is built', () => {
    expect(resolveOptions({})).toEqual({ period: 'month', calendar: 'gregorian', churnDays: 90 });
    expect(() => resolveOptions({ period: 'day' as never })).toThrow(RangeError);
    expect(() => resolveOptions({ churnDays: 0 })).toThrow(RangeError);
    expect(() => resolveOptions({ to: '2024-1-1' })).toThrow(RangeError);
  });

  it('user column names with quotes and spaces work as breakdowns', async () => {
    const e = await sharedNodeEngine();
    await e.query('DROP VIEW IF EXISTS orders');
    await e.query('DROP TABLE IF EXISTS orders');
    await e.query(`CREATE TABLE orders AS SELECT * FROM (VALUES
      ('1', 'a', TIMESTAMP '2024-01-01', 10.0, 'aff "one"'), ('2', 'a', TIMESTAMP '2024-02-01', 10.0, 'x'),
      ('3', 'b', TIMESTAMP '2024-01-05', 10.0, 'aff ''two''')) t(order_id, customer_id, ordered_at, amount, ${ident('utm "source"')})`);
    const ch = await runChannels(e, { column: 'utm "source"' });
    expect(ch.map((c) => [c.channel, c.customers, c.repeatCustomers])).toEqual([['aff "one"', 1, 1], ["aff 'two'", 1, 0]]);
    const co = await runCohorts(e, { breakdown: 'utm "source"' });
    expect(co.cohorts.map((c) => [c.segment, c.active])).toEqual([['aff "one"', [1, 1]], ["aff 'two'", [1, 0]]]);
  });
});
