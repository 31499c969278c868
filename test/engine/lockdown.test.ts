// The lockdown for SQL from someone else (share links, notebook files), against the real
// DuckDB-WASM build: registered uploads stay readable, nothing else is, and it cannot be undone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeEngine } from '../../src/engine/node';
import { queryRows, type Engine } from '../../src/engine/engine';
import { UPLOAD_DIR } from '../../src/engine/settings';

let e: Engine;
let dir: string;
beforeAll(async () => {
  e = await createNodeEngine(); // its own engine: the lockdown is irreversible
  dir = mkdtempSync(join(tmpdir(), 'rn-lock-'));
  writeFileSync(join(dir, 'before.csv'), 'a,b\n1,x\n2,y\n');
  writeFileSync(join(dir, 'after.csv'), 'a\n7\n');
  writeFileSync(join(dir, 'secret.csv'), 'secret\nhunter2\n');
  await e.registerFile(`${UPLOAD_DIR}before.csv`, { kind: 'path', path: join(dir, 'before.csv') });
  // Before the lockdown, an unregistered path on disk is readable (the default is open).
  expect(await queryRows(e, `SELECT * FROM read_csv('${join(dir, 'secret.csv')}')`)).toEqual([{ secret: 'hunter2' }]);
  await e.lockDown!();
});
afterAll(async () => {
  await e?.close();
});

describe('engine lockdown', () => {
  it('keeps files registered under uploads/ readable, before and after the lockdown', async () => {
    expect(await queryRows(e, `SELECT * FROM read_csv('${UPLOAD_DIR}before.csv', header=true, all_varchar=true)`)).toEqual([{ a: '1', b: 'x' }, { a: '2', b: 'y' }]);
    await e.registerFile(`${UPLOAD_DIR}after.csv`, { kind: 'path', path: join(dir, 'after.csv') });
    expect(await queryRows(e, `SELECT * FROM read_csv('${UPLOAD_DIR}after.csv', header=true, all_varchar=true)`)).toEqual([{ a: '7' }]);
    await e.registerFile(`${UPLOAD_DIR}bytes.csv`, { kind: 'bytes', bytes: new TextEncoder().encode('n\n5\n') });
    expect(await queryRows(e, `SELECT n FROM read_csv('${UPLOAD_DIR}bytes.csv')`)).toEqual([{ n: 5 }]);
  });

  it('refuses any path outside uploads/', async () => {
    await expect(e.query(`SELECT * FROM read_csv('${join(dir, 'secret.csv')}')`)).rejects.toThrow(/Permission Error|disabled|not allowed/i);
    await expect(e.query(`SELECT * FROM read_csv('${UPLOAD_DIR}../${join(dir, 'secret.csv')}')`)).rejects.toThrow();
  });

  it('refuses the network, ATTACH, COPY TO and extensions', async () => {
    await expect(e.query("SELECT * FROM read_csv('https://example.org/x.csv')")).rejects.toThrow(/Permission Error|disabled|not allowed/i);
    await expect(e.query("ATTACH 'https://example.org/x.duckdb' AS remote")).rejects.toThrow();
    await expect(e.query(`COPY (SELECT 1) TO '${join(dir, 'out.csv')}'`)).rejects.toThrow();
    await expect(e.query('LOAD httpfs')).rejects.toThrow();
  });

  it('cannot be undone: settings are locked', async () => {
    await expect(e.query('SET enable_external_access=true')).rejects.toThrow(/lock|configuration|cannot/i);
    await expect(e.query('SET lock_configuration=false')).rejects.toThrow();
    await expect(e.query("SET allowed_directories=['/']")).rejects.toThrow();
    await expect(e.query('RESET enable_external_access')).rejects.toThrow();
    const [row] = await queryRows<{ v: string }>(e, "SELECT current_setting('enable_external_access')::VARCHAR AS v");
    expect(row.v).toBe('false');
  });

  it('still runs ordinary SQL, temp views and tables', async () => {
    await e.query('CREATE OR REPLACE TEMP VIEW v AS SELECT range AS x FROM range(5)');
    expect(await queryRows(e, 'SELECT sum(x) AS s FROM v')).toEqual([{ s: 10 }]);
  });
});
