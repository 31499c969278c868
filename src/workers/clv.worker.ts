/**
 * The CLV compute phase in a Web Worker: fits, checks and scoring off the main thread. Receives
 * one `compute` request (see clv-protocol.ts), posts progress, then the result with the score
 * columns transferred. No network, no DuckDB: the data phase ran in the DuckDB worker already.
 * Started by src/app/clv-client.ts from a blob: URL, so the page's CSP applies here too.
 */
import { computeClv } from '../analyses/clv-compute';
import { isModelRefusal } from '../models/refusals';
import { scoreTransferables, type ClvComputeRequest, type ClvWorkerResponse } from './clv-protocol';

const post = (m: ClvWorkerResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.addEventListener('message', (e: MessageEvent<ClvComputeRequest>) => {
  const req = e.data;
  if (req?.type !== 'compute') return;
  try {
    const result = computeClv(req.data, req.options, {
      scoreColumns: req.scoreColumns,
      onProgress: (p) => post({ type: 'progress', phase: p.phase, label: p.label }),
    });
    post({ type: 'result', result }, scoreTransferables(result.scores));
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    const refusal = isModelRefusal(error)
      ? Object.fromEntries(Object.entries(error).filter(([, v]) => v === null || ['string', 'number', 'boolean', 'object'].includes(typeof v)))
      : null;
    post({ type: 'error', error: { name: error.name, message: error.message, refusal } });
  }
});
