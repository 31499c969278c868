import { Gunzip } from 'fflate';
import { parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import type { InputFile } from './input';
import type { LoadPlan, ReadPlan, SourceFormat } from './load/plan';
import { detectFileKind } from './detect/file-kind';
import { decodeText, detectEncoding } from './detect/encoding';
import { sniffCsv } from './detect/sniff';
import { detectTable } from './detect/roles';
import { headerSignature } from './detect/headers';
import { parseJsonDocument, parseNdjson, recordColumns, type ParsedRecords } from './load/raw-records';
import { sizeVerdict } from './limits';

/** Bytes read for sniffing and the preview; enough for a few hundred rows of a wide export. */
const HEAD_BYTES = 256 * 1024;
const PREVIEW_ROWS = 20;

/**
 * What we learned about a file before loading it: its kind, a preview of the first rows, and a
 * proposed load plan (table, mapping, conventions) the user confirms or corrects.
 * `error` is set (and `plan` null) when the file cannot be loaded at all, in plain words.
 */
export interface Inspection {
  fileName: string;
  size: number;
  format: SourceFormat | null;
  error: string | null;
  warnings: string[];
  preview: { columns: string[]; rows: (string | null)[][] };
  /** Null only when the file cannot be loaded at all (`error` says why). When detection could
   *  not tell the table, the plan is for orders with what could be mapped: the user completes it. */
  plan: LoadPlan | null;
  /** What detection alone made of the file (`unknown`: the user must choose). */
  detectedTable: 'orders' | 'responses' | 'customers' | 'subscriptions' | 'unknown';
  missing: string[];
  notes: string[];
  confidence: number;
  signature: string;
  /** Records parsed in JS (JSON, NDJSON): kept so loading does not parse twice. */
  parsed?: ParsedRecords;
  /** Text decoded from a non-UTF-8 file, re-encoded as UTF-8 for DuckDB. */
  utf8?: Uint8Array;
}

function failed(input: InputFile, error: string): Inspection {
  return {
    fileName: input.name, size: input.size, format: null, error, warnings: [], plan: null, detectedTable: 'unknown',
    preview: { columns: [], rows: [] }, missing: [], notes: [], confidence: 0, signature: '',
  };
}

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

/** Drop the last (probably cut) line of a head slice, unless the slice is the whole file. */
function wholeLines(text: string, complete: boolean): string {
  if (complete) return text;
  const cut = text.lastIndexOf('\n');
  return cut > 0 ? text.slice(0, cut) : text;
}

export async function inspectFile(input: InputFile): Promise<Inspection> {
  const head = await input.head(HEAD_BYTES);
  const kind = detectFileKind(input.name, head);
  if (kind.message || !['csv', 'csv-gzip', 'parquet', 'json', 'ndjson'].includes(kind.kind)) {
    return failed(input, kind.message ?? `“${input.name}” is not a file we can read as a table.`);
  }
  const format = kind.kind as SourceFormat;
  const verdict = sizeVerdict(input.size, format === 'json' || format === 'ndjson' || format === 'parquet');
  if (verdict?.refuse) return failed(input, verdict.message);
  const warnings = verdict ? [verdict.message] : [];

  let columns: string[];
  /** Rows used for detection (up to a few hundred); the preview shows the first PREVIEW_ROWS. */
  let rows: (string | null)[][];
  let read: ReadPlan;
  let parsed: ParsedRecords | undefined;
  let utf8: Uint8Array | undefined;
  if (format === 'csv' || format === 'csv-gzip') {
    const complete = input.size <= head.length;
    const bytes = format === 'csv-gzip' ? gunzipHead(head) : head;
    const enc = detectEncoding(bytes);
    const text = wholeLines(decodeText(bytes, enc.encoding), complete && format === 'csv');
    if (!text.trim()) return failed(input, `“${input.name}” has no rows: the file is empty.`);
    if (enc.encoding !== 'utf-8') {
      if (format === 'csv-gzip') return failed(input, 'This compressed file is not UTF-8 text; unpack it and drop the CSV.');
      // DuckDB reads UTF-8 only: re-encode the whole file once, here.
      utf8 = new TextEncoder().encode(decodeText(await input.all(), enc.encoding));
      warnings.push(`Text encoding ${enc.encoding} converted to UTF-8.`);
    }
    const sniff = sniffCsv(text);
    columns = sniff.headers;
    rows = sniff.rows;
    read = {
      format: sniff.delimiter === 'whitespace' ? 'whitespace' : format,
      encoding: enc.encoding,
      delimiter: sniff.delimiter === 'whitespace' ? ' ' : sniff.delimiter,
      hasHeader: sniff.hasHeader,
      columns,
    };
    if (columns.length < 2) {
      return failed(input, `“${input.name}” has a single column (“${columns[0] ?? ''}”): it does not look like a table of orders. Check the delimiter or export again as CSV.`);
    }
    if (sniff.rows.length === 0) return failed(input, `“${input.name}” has a header but no rows.`);
  } else if (format === 'parquet') {
    const buffer = (await input.all()).slice().buffer as ArrayBuffer;
    const meta = await parquetMetadataAsync(buffer);
    const objects = (await parquetReadObjects({ file: buffer, metadata: meta, rowEnd: 200 })) as Record<string, unknown>[];
    columns = recordColumns(objects);
    rows = objects.map((o) => columns.map((c) => (o[c] == null ? null : String(o[c]))));
    read = { format, encoding: 'binary', delimiter: '', hasHeader: true, columns };
  } else {
    const text = new TextDecoder().decode(await input.all());
    try {
      parsed = format === 'json' ? parseJsonDocument(text) : parseNdjson(text);
    } catch (e) {
      return failed(input, `“${input.name}” is not valid JSON: ${(e as Error).message}`);
    }
    if (parsed.records.length === 0) return failed(input, `“${input.name}” holds no records.`);
    columns = recordColumns(parsed.records);
    rows = parsed.records.slice(0, 200).map((o) => columns.map((c) => (o[c] == null ? null : String(o[c]))));
    read = { format, encoding: 'utf-8', delimiter: '', hasHeader: true, columns };
  }

  const detected = detectTable(columns, rows.map((r) => r.map((v) => v ?? '')));
  const dateRole = detected.table === 'responses' ? 'responded_at'
    : detected.table === 'subscriptions' ? (detected.mapping.started_at ? 'started_at' : 'period_start') : 'ordered_at';
  const date = detected.dateFormats[dateRole];
  const amountRole = detected.table === 'responses' ? 'score' : 'amount';
  const mapping: LoadPlan['mapping'] = { ...detected.mapping };
  // A preset keyed by e-mail (Shopify, WooCommerce guests with user id 0) must not use the id.
  if (detected.customerKey === 'customer_email') mapping.customer_id = null;
  const notes = [...detected.notes];
  if (detected.table === 'unknown') notes.unshift('Could not tell what this file holds: choose the table and the columns below.');
  const plan: LoadPlan = {
          fileName: input.name,
          read,
          table: detected.table === 'unknown' ? 'orders' : detected.table,
          preset: detected.preset,
          mapping,
          date: { format: date?.matched ? date.format : 'ymd', calendar: date?.calendar ?? 'gregorian' },
          amountStyle: detected.amountStyles[amountRole] ?? 'dot-decimal',
          currency: detected.currency ?? null,
          lineItems: detected.lineItems,
  };
  return {
    fileName: input.name, size: input.size, format, error: null, warnings, preview: { columns, rows: rows.slice(0, PREVIEW_ROWS) }, plan,
    detectedTable: detected.table, missing: detected.missing, notes, confidence: detected.confidence,
    signature: headerSignature(columns), parsed, utf8,
  };
}
