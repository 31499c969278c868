// Types for generate.mjs, so that TypeScript tests can import it (the project has allowJs off).

export interface GenerateOptions {
  /** Folder to write into (created when missing). Default: public/sample of this checkout. */
  outDir?: string;
  /** PRNG seed; the same seed always gives the same bytes. Default: DEFAULT_SEED. */
  seed?: number;
}

export interface GenerateResult {
  outDir: string;
  seed: number;
  customers: number;
  orders: number;
  responses: number;
  /** rows of subscriptions.csv (the club membership) */
  subscriptions: number;
  /** Wall time of the run in milliseconds. */
  ms: number;
}

export const DEFAULT_SEED: number;
export const CUSTOMER_COUNT: number;
export const DEFAULT_OUT_DIR: string;
/** The files written, in writing order (orders.csv last). */
export const FILES: readonly string[];
export function generate(options?: GenerateOptions): GenerateResult;
