import * as duckdb from '@duckdb/duckdb-wasm';
import { Table, tableToIPC } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { Engine, FileSource, QueryOptions } from './engine';
import { EngineStopped, FATAL_WASM_ERROR, QueryCancelled } from './engine';
import { LOCKDOWN_SETTINGS, OPEN_SETTINGS } from './settings';

/** Which bundle was picked and how long start-up took; shown in the status bar and benchmarks. */
export interface BrowserEngineInfo {
  bundle: 'mvp' | 'eh';
  startMs: number;
}

const absolute = (u: string) => new URL(u, location.href).href;

/**
 * DuckDB-WASM in a Web Worker. Every wasm/worker file comes from our own origin (Vite copies them
 * into dist/), never from a CDN. The worker is started from a blob: URL that imports the real
 * script: such a worker inherits the page's Content-Security-Policy, so `connect-src 'self'`
 * also fences SQL running inside it (see ../shared/DUCKDB_WASM.md).
 */
export async function createBrowserEngine(): Promise<Engine & { info: BrowserEngineInfo }> {
  const t0 = performance.now();
  const bundles: duckdb.DuckDBBundles = {
    mvp: { mainModule: absolute(mvpWasm), mainWorker: absolute(mvpWorker) },
    eh: { mainModule: absolute(ehWasm), mainWorker: absolute(ehWorker) },
  };
  const bundle = await duckdb.selectBundle(bundles);
  const bootstrap = URL.createObjectURL(
    new Blob([`importScripts(${JSON.stringify(bundle.mainWorker)});`], { type: 'text/javascript' }),
  );
  const worker = new Worker(bootstrap);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  URL.revokeObjectURL(bootstrap);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true, queryPollingInterval: 50 } });
  const conn = await db.connect();
  for (const s of OPEN_SETTINGS) await conn.query(s);

  // A worker that dies (out of memory, a wasm trap) takes the database with it: say so once,
  // and fail every later query at once instead of leaving it waiting for an answer forever.
  let stopped: string | null = null;
  const stopListeners = new Set<(reason: string) => void>();
  // The package forgets its pending requests when the worker errors (they would never settle):
  // whatever is in flight races this promise, which fails when the engine stops.
  let failInFlight: (e: Error) => void = () => {};
  const whenStopped = new Promise<never>((_, reject) => (failInFlight = reject));
  whenStopped.catch(() => undefined);
  const guard = <T>(p: Promise<T>): Promise<T> => Promise.race([p, whenStopped]);
  const stop = (reason: string) => {
    if (stopped !== null) return;
    stopped = reason;
    failInFlight(new EngineStopped(reason));
    for (const l of stopListeners) l(reason);
  };
  worker.addEventListener('error', (e) => stop(e.message || 'its worker stopped (often: out of memory)'));
  worker.addEventListener('messageerror', () => stop('its worker sent a message that could not be read'));

  const listeners = new Set<(f: number) => void>();
  // The package keeps its execution-progress callbacks in a protected list; it is the only hook.
  (db as unknown as { _onExecutionProgress: ((p: duckdb.ProgressEntry) => void)[] })._onExecutionProgress.push((p) => {
    const pct = Number(p.percentage);
    if (Number.isFinite(pct)) for (const l of listeners) l(Math.max(0, Math.min(1, pct / 100)));
  });

  // One query at a time on our connection: queue them so cancel() targets the running one.
  let chain: Promise<unknown> = Promise.resolve();
  let running = false;

  async function run(sql: string, options?: QueryOptions): Promise<Table> {
    if (stopped !== null) throw new EngineStopped(stopped);
    if (options?.signal?.aborted) throw new QueryCancelled();
    let cancelled = false;
    const onAbort = () => {
      cancelled = true;
      void conn.cancelSent();
    };
    options?.signal?.addEventListener('abort', onAbort, { once: true });
    running = true;
    try {
      const batches = await guard((async () => {
        const reader = await conn.send(sql, true);
        const got = [];
        for await (const batch of reader) got.push(batch);
        return { reader, got };
      })());
      if (cancelled) throw new QueryCancelled();
      return batches.got.length ? new Table(batches.got) : new Table(batches.reader.schema);
    } catch (e) {
      if (cancelled) throw new QueryCancelled();
      if (stopped !== null) throw new EngineStopped(stopped);
      if (FATAL_WASM_ERROR.test(String((e as Error)?.message ?? e))) {
        stop(String((e as Error).message));
        throw new EngineStopped(stopped!);
      }
      throw e;
    } finally {
      running = false;
      options?.signal?.removeEventListener('abort', onAbort);
    }
  }

  const engine: Engine & { info: BrowserEngineInfo } = {
    kind: 'browser',
    info: { bundle: bundle.mainModule.includes('-eh') ? 'eh' : 'mvp', startMs: performance.now() - t0 },
    query(sql, options) {
      const next = chain.then(() => run(sql, options));
      chain = next.catch(() => undefined);
      return next;
    },
    async registerFile(name: string, source: FileSource) {
      if (stopped !== null) throw new EngineStopped(stopped);
      if (source.kind === 'file') {
        await guard(db.registerFileHandle(name, source.file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true));
      } else if (source.kind === 'bytes') {
        await guard(db.registerFileBuffer(name, source.bytes));
      } else {
        throw new Error('File paths can only be read in Node.');
      }
    },
    async dropFile(name) {
      if (stopped !== null) throw new EngineStopped(stopped);
      await guard(db.dropFile(name));
    },
    async insertArrow(tableName, table, options) {
      const ipc = tableToIPC(table, 'stream');
      const next = chain.then(() => {
        if (stopped !== null) throw new EngineStopped(stopped);
        return guard(conn.insertArrowFromIPCStream(ipc, { name: tableName, create: options?.create ?? true }));
      });
      chain = next.catch(() => undefined);
      await next;
    },
    async cancel() {
      if (!running || stopped !== null) return false;
      return conn.cancelSent();
    },
    onStopped(listener) {
      stopListeners.add(listener);
      if (stopped !== null) listener(stopped);
      return () => stopListeners.delete(listener);
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lockDown() {
      // One link of the query chain for all three settings: every query queued after this call
      // runs locked, and none can slip in between them.
      const next = chain.then(async () => {
        for (const s of LOCKDOWN_SETTINGS) await run(s);
      });
      chain = next.catch(() => undefined);
      return next;
    },
    async close() {
      await conn.close();
      await db.terminate();
    },
  };
  return engine;
}
