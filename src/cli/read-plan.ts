import { Gunzip } from 'fflate';
import type { InputFile } from '../data/input';
import type { Inspection } from '../data/inspect';
import type { ReadPlan } from '../data/load/plan';
import { decodeText, detectEncoding } from '../data/detect/encoding';
import { sniffCsv } from '../data/detect/sniff';

/** As in inspect.ts: the head read for sniffing. */
const HEAD_BYTES = 256 * 1024;

function gunzipHead(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const g = new Gunzip((chunk) => chunks.push(chunk));
  try {
    g.push(bytes, false);
  } catch {
    /* a truncated head: keep what was inflated */
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) (out.set(c, o), (o += c.length));
  return out;
}

/**
 * How to read a file and a sample of its rows. `inspectFile` proposes no plan when detection
 * cannot tell which table a file is (e.g. German headers "Kunde;Datum;Betrag"); the report command
 * knows the table from its flag, so it reads the file the way `inspectFile` would (same head
 * size, encoding, sniffing) to build the plan the mapping file then completes.
 */
export async function readPlanOf(input: InputFile, inspection: Inspection): Promise<{ read: ReadPlan; rows: string[][] }> {
  const rows = inspection.preview.rows.map((r) => r.map((v) => v ?? ''));
  if (inspection.plan) return { read: inspection.plan.read, rows };
  const format = inspection.format;
  const columns = inspection.preview.columns;
  if (format === null) throw new Error(`${inspection.fileName}: not a table`);
  if (format === 'parquet') return { read: { format, encoding: 'binary', delimiter: '', hasHeader: true, columns }, rows };
  if (format === 'json' || format === 'ndjson') return { read: { format, encoding: 'utf-8', delimiter: '', hasHeader: true, columns }, rows };
  const head = await input.head(HEAD_BYTES);
  const bytes = format === 'csv-gzip' ? gunzipHead(head) : head;
  const enc = detectEncoding(bytes);
  let text = decodeText(bytes, enc.encoding);
  if (!(input.size <= head.length && format === 'csv')) {
    const cut = text.lastIndexOf('\n');
    if (cut > 0) text = text.slice(0, cut);
  }
  const sniff = sniffCsv(text);
  if (sniff.headers.join('\u0000') !== columns.join('\u0000')) {
    throw new Error(`${inspection.fileName}: reading the header again gave other columns (${sniff.headers.join(', ')})`);
  }
  const whitespace = sniff.delimiter === 'whitespace';
  return {
    read: { format: whitespace ? 'whitespace' : format, encoding: enc.encoding, delimiter: whitespace ? ' ' : sniff.delimiter, hasHeader: sniff.hasHeader, columns },
    rows: sniff.rows,
  };
}
