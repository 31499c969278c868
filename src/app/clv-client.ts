/**
 * Predictive CLV for the app without blocking the page: the data phase runs in DuckDB (already in
 * its own worker), the compute phase (fits, checks, scoring; `computeClv`) in a dedicated Web
 * Worker, src/workers/clv.worker.ts. The worker is started from a blob: URL that imports the
 * built worker script (like the DuckDB worker, src/engine/browser.ts), so the page's
 * Content-Security-Policy fences it too and relative asset paths keep working from any sub-path.
 * See docs/clv.md.
 */
import workerUrl from '../workers/clv.worker.ts?worker&url';
import type { Engine } from '../engine/engine';
import { fetchClvData, clvDataTransferables } from '../analyses/clv-data';
import { CLV_PHASE_LABELS, type ClvOptions, type ClvProgress, type ClvResult, type ClvScoreColumns, type TimeUnit } from '../analyses/clv-types';
import { ModelRefusal, type RefusalCode } from '../models/refusals';
import type { ClvComputeRequest, ClvWorkerError, ClvWorkerResponse } from '../workers/clv-protocol';

/** The part of a Worker the client uses (a DOM Worker, or `web-worker` in Node tests). */
export interface ClvWorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  terminate(): void;
}

export interface ClvWorkerRun {
  /** Aborting cancels the running SQL or terminates the worker; the promise rejects with an AbortError. */
  signal?: AbortSignal;
  onProgress?: (p: ClvProgress) => void;
  /** also return every customer's scores as typed-array columns (aligned with the customers by customer_id) */
  scoreColumns?: boolean;
  /** start the compute worker (default: the bundled clv.worker.ts through a blob: URL) */
  createWorker?: () => ClvWorkerLike;
}

/** A refusal that happened in the worker: same name, code, model, message and numbers as the original. */
export class RemoteModelRefusal extends ModelRefusal {
  readonly code: RefusalCode;
  constructor(e: ClvWorkerError) {
    const r = e.refusal ?? {};
    super(String(r.model ?? ''), e.message);
    this.code = r.code as RefusalCode;
    Object.assign(this, Object.fromEntries(Object.entries(r).filter(([k]) => !['code', 'model', 'message', 'name', 'stack'].includes(k))));
    this.name = e.name;
  }
}

function abortError(): Error {
  return typeof DOMException === 'function'
    ? new DOMException('The CLV analysis was cancelled.', 'AbortError')
    : Object.assign(new Error('The CLV analysis was cancelled.'), { name: 'AbortError' });
}

/** The bundled worker, started from a blob: URL that imports it (a module worker). */
export function createClvWorker(): Worker {
  const absolute = new URL(workerUrl, location.href).href;
  const bootstrap = URL.createObjectURL(new Blob([`import ${JSON.stringify(absolute)};`], { type: 'text/javascript' }));
  try {
    return new Worker(bootstrap, { type: 'module', name: 'clv' });
  } finally {
    // The worker fetches its script asynchronously: revoke once it had time to start.
    setTimeout(() => URL.revokeObjectURL(bootstrap), 30_000);
  }
}

/**
 * Runs the CLV analysis with the compute phase in a Web Worker. Same options and result as
 * `runClv`, except that Pareto/NBD is off unless `paretoNbd: true` (it takes ~5× the BG/NBD
 * fit). Progress: summary → fitting BG/NBD → (fitting Pareto/NBD) → fitting Gamma-Gamma →
 * checks → scoring. A BG/NBD refusal rejects with a ModelRefusal (RemoteModelRefusal).
 */
export async function runClvInWorker<U extends TimeUnit>(
  engine: Engine, options: ClvOptions<U>, run: ClvWorkerRun = {},
): Promise<ClvResult<U> & { scores?: ClvScoreColumns }> {
  const { signal, onProgress } = run;
  if (signal?.aborted) throw abortError();
  const { signal: _ignored, ...rest } = options;
  const workerOptions = { ...rest, paretoNbd: options.paretoNbd ?? false };
  onProgress?.({ phase: 'summary', label: CLV_PHASE_LABELS.summary });
  let data;
  try {
    data = await fetchClvData(engine, { ...options, signal });
  } catch (e) {
    if (signal?.aborted) throw abortError();
    throw e;
  }
  if (signal?.aborted) throw abortError();
  const worker: ClvWorkerLike = run.createWorker ? run.createWorker() : (createClvWorker() as unknown as ClvWorkerLike);
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      f();
    };
    const onAbort = () => finish(() => reject(abortError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('message', (e: MessageEvent) => {
      const m = e.data as ClvWorkerResponse;
      if (m.type === 'progress') onProgress?.({ phase: m.phase, label: m.label });
      else if (m.type === 'result') finish(() => resolve(m.result as ClvResult<U> & { scores?: ClvScoreColumns }));
      else if (m.type === 'error') {
        finish(() => reject(m.error.refusal ? new RemoteModelRefusal(m.error) : Object.assign(new Error(m.error.message), { name: m.error.name })));
      }
    });
    worker.addEventListener('error', (e: ErrorEvent) => {
      finish(() => reject(new Error(`The CLV worker failed: ${e.message || 'it could not be started (blocked or missing script?)'}`)));
    });
    const req: ClvComputeRequest = { type: 'compute', data, options: workerOptions, scoreColumns: run.scoreColumns === true };
    worker.postMessage(req, clvDataTransferables(data));
  });
}
