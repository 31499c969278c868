/**
 * Messages between the CLV client (src/app/clv-client.ts) and the CLV worker (clv.worker.ts).
 * One worker per run: the client posts one `compute` request (the data phase's typed arrays
 * transferred, not copied) and receives `progress` messages, then one `result` or `error`.
 */
import type { ClvData, ClvOptions, ClvPhase, ClvResult, ClvScoreColumns, TimeUnit } from '../analyses/clv-types';

/** ClvOptions without the AbortSignal (not cloneable; cancelling = terminating the worker). */
export type ClvWorkerOptions<U extends TimeUnit = TimeUnit> = Omit<ClvOptions<U>, 'signal'>;

export interface ClvComputeRequest {
  type: 'compute';
  data: ClvData;
  options: ClvWorkerOptions;
  scoreColumns: boolean;
}

export interface ClvWorkerError {
  name: string;
  message: string;
  /** ModelRefusal fields (code, model, got, needed, …) when it is one */
  refusal: Record<string, unknown> | null;
}

export type ClvWorkerResponse =
  | { type: 'progress'; phase: ClvPhase; label: string }
  | { type: 'result'; result: ClvResult & { scores?: ClvScoreColumns } }
  | { type: 'error'; error: ClvWorkerError };

/** The buffers of score columns, for the transfer list. */
export function scoreTransferables(s: ClvScoreColumns | undefined): ArrayBuffer[] {
  if (!s) return [];
  return [s.pAlive, s.pAliveParetoNbd, s.expectedPurchases, s.expectedOrderValue, s.clv, s.tier]
    .filter((a): a is NonNullable<typeof a> => a !== null)
    .map((a) => a.buffer as ArrayBuffer);
}
