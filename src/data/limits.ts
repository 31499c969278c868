/**
 * Size limits, from ../shared/DUCKDB_WASM.md: the wasm32 heap is at most 4 GB and nothing spills
 * to disk; a 1 GB CSV (25M rows) loads in ~20 s and takes ~1.5 GB as a table.
 */
export const WARN_BYTES = 500 * 1024 ** 2;
export const REFUSE_BYTES = 2 * 1024 ** 3;
/** Formats parsed in JavaScript (JSON, Parquet, non-UTF-8 text) hold the whole file in memory. */
export const REFUSE_JS_PARSED_BYTES = 400 * 1024 ** 2;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** A plain-words warning (or refusal) for a file of this size, or null when it is unremarkable. */
export function sizeVerdict(bytes: number, parsedInJs: boolean): { refuse: boolean; message: string } | null {
  const limit = parsedInJs ? REFUSE_JS_PARSED_BYTES : REFUSE_BYTES;
  if (bytes > limit) {
    return {
      refuse: true,
      message: `This file is ${formatBytes(bytes)}; the browser's database can hold about ${formatBytes(limit)} of ${
        parsedInJs ? 'this format' : 'CSV'
      } before it runs out of memory. Split it (e.g. by year) and drop the parts, or ${
        parsedInJs ? 'convert it to CSV' : 'filter it to the columns you need'
      }.`,
    };
  }
  if (bytes > WARN_BYTES) {
    const seconds = Math.ceil((bytes / 1024 ** 3) * 20);
    return { refuse: false, message: `Large file (${formatBytes(bytes)}): loading takes about ${seconds} s; you can cancel it.` };
  }
  return null;
}
