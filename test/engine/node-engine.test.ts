import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { sharedNodeEngine } from '../../src/engine/node';
import { queryRows } from '../../src/engine/engine';

describe('node engine (DuckDB-WASM blocking build)', () => {
  it('runs SQL and returns numbers, not decimals or bigints', async () => {
    const e = await sharedNodeEngine();
    const [row] = await queryRows<{ n: number; s: number }>(e, 'SELECT count(*) AS n, sum(x) AS s FROM range(10) t(x)');
    expect(row).toEqual({ n: 10, s: 45 });
  });

  it('has extension autoloading switched off', async () => {
    const e = await sharedNodeEngine();
    const rows = await queryRows<{ value: string }>(e, "SELECT current_setting('autoload_known_extensions')::VARCHAR AS value");
    expect(rows[0].value).toBe('false');
  });

  it('reads a registered file from disk and inserts Arrow tables', async () => {
    const e = await sharedNodeEngine();
    const dir = mkdtempSync(join(tmpdir(), 'rn-'));
    writeFileSync(join(dir, 'a.csv'), 'a,b\n1,x\n2,y\n');
    await e.registerFile('uploads/a.csv', { kind: 'path', path: join(dir, 'a.csv') });
    const rows = await queryRows(e, "SELECT * FROM read_csv('uploads/a.csv', header=true, all_varchar=true)");
    expect(rows).toEqual([{ a: '1', b: 'x' }, { a: '2', b: 'y' }]);
    await e.insertArrow('t_arrow', tableFromArrays({ k: Float64Array.from([1, 2, 3]) }));
    expect(await queryRows(e, 'SELECT sum(k) AS s FROM t_arrow')).toEqual([{ s: 6 }]);
  });
});
