import Papa from 'papaparse';
import type { Engine } from '../engine/engine';
import { rejectRows } from './load/rejects';

/** All rejected rows (of one file or every file) as a CSV document for download. */
export async function rejectsCsv(engine: Engine, file?: string): Promise<string> {
  const rows = await rejectRows(engine, file);
  return Papa.unparse({
    fields: ['file', 'line', 'row', 'reason', 'detail', 'raw'],
    data: rows.map((r) => [r.file, r.line ?? '', r.row ?? '', r.reason, r.detail ?? '', r.raw ?? '']),
  });
}
