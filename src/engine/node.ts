import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import type { Engine, FileSource, QueryOptions } from './engine';
import { QueryCancelled } from './engine';
import { LOCKDOWN_SETTINGS, OPEN_SETTINGS } from './settings';

// The blocking (synchronous) build of the same DuckDB-WASM package the browser runs. It is used
// for tests and the headless report command; instantiation costs ~1 s, so share one per process.
const require = createRequire(import.meta.url);
type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

export async function createNodeEngine(): Promise<Engine> {
  const duckdb: Blocking = require('@duckdb/duckdb-wasm/blocking');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  for (const s of OPEN_SETTINGS) conn.query(s);

  // Queries run synchronously, so a query can only be "cancelled" before it starts.
  const engine: Engine = {
    kind: 'node',
    async query(sql: string, options?: QueryOptions): Promise<Table> {
      if (options?.signal?.aborted) throw new QueryCancelled();
      // Take the IPC bytes and decode them with *our* apache-arrow: the package's CommonJS build
      // carries its own module instance, whose tables would not be ours.
      const bytes = conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql));
      return tableFromIPC(bytes);
    },
    async registerFile(name: string, source: FileSource) {
      if (source.kind === 'path') db.registerFileURL(name, source.path, duckdb.DuckDBDataProtocol.NODE_FS, true);
      else if (source.kind === 'bytes') db.registerFileBuffer(name, source.bytes);
      else db.registerFileBuffer(name, new Uint8Array(await source.file.arrayBuffer()));
    },
    async dropFile(name: string) {
      db.dropFile(name);
    },
    async insertArrow(tableName: string, table: Table, options?: { create?: boolean }) {
      conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name: tableName, create: options?.create ?? true });
    },
    async cancel() {
      return false;
    },
    onProgress() {
      return () => {};
    },
    async lockDown() {
      for (const s of LOCKDOWN_SETTINGS) conn.query(s);
    },
    async close() {
      conn.close();
      db.reset();
    },
  };
  return engine;
}

let shared: Promise<Engine> | undefined;
/** One engine per process (tests: per test file, since Vitest forks a process per file). */
export function sharedNodeEngine(): Promise<Engine> {
  shared ??= createNodeEngine();
  return shared;
}
