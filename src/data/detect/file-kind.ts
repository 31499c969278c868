/**
 * What a dropped file is, from its name and first bytes (4 KiB or more): magic bytes first,
 * then the text itself, then the extension. Only the data kinds can be loaded; the others carry
 * a plain-English `message` for the person who dropped the file.
 */
import { decodeHead, detectEncoding } from './encoding';

export type FileKindId =
  | 'csv' | 'csv-gzip' | 'parquet' | 'json' | 'ndjson'
  | 'empty' | 'pdf' | 'image' | 'excel' | 'zip' | 'binary' | 'unknown';

export interface FileKind {
  kind: FileKindId;
  /** Why the file cannot be loaded and what to do instead (set for every non-data kind). */
  message?: string;
}

/** Kinds the loader can read. `csv-gzip` is decompressed and then detected again. */
export const DATA_KINDS: readonly FileKindId[] = ['csv', 'csv-gzip', 'parquet', 'json', 'ndjson'];

export function isDataKind(kind: FileKindId): boolean {
  return DATA_KINDS.includes(kind);
}

const EXPORT_HINT = 'Export your orders as CSV, Parquet or JSON and drop that file.';
export const KIND_MESSAGES: Record<'empty' | 'pdf' | 'image' | 'excel' | 'zip' | 'binary' | 'unknown', string> = {
  empty: 'This file is empty. Export your orders again and drop the new file.',
  pdf: `This is a PDF document, not a table. ${EXPORT_HINT}`,
  image: `This is an image, not a table. ${EXPORT_HINT}`,
  excel: 'This is an Excel workbook. Open it in Excel (or LibreOffice, Google Sheets) and use ' +
    '"Save As" → "CSV UTF-8 (comma delimited)", then drop the CSV file.',
  zip: 'This is a ZIP archive. Unzip it and drop the CSV, Parquet or JSON file inside.',
  binary: `This file is not text and not a format we know (it may be a program, database or archive). ${EXPORT_HINT}`,
  unknown: `This file does not look like a table. ${EXPORT_HINT}`,
};

const HTML_MESSAGE = 'This is a web page (HTML/XML), not a table. If your shop exported it as ".xls", ' +
  'open it in Excel and "Save As" CSV, then drop the CSV file.';

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function extension(name: string): string {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  const dot = lower.lastIndexOf('.');
  return dot < 0 ? '' : lower.slice(dot + 1);
}

const nonData = (kind: keyof typeof KIND_MESSAGES, message = KIND_MESSAGES[kind]): FileKind => ({ kind, message });

/** Newline-delimited JSON: a whole object on the first line and another object starting on the next. */
function looksNdjson(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const line = lines[0] ?? '';
  if (lines.length < 2 || !lines[1].startsWith('{') || !line.startsWith('{') || !line.endsWith('}')) return false;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Share of bytes that are NUL or control characters other than tab, CR, LF, FF, ESC. */
function controlShare(b: Uint8Array): number {
  const n = Math.min(b.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const x = b[i];
    if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d && x !== 0x0c && x !== 0x1b) bad++;
  }
  return n === 0 ? 0 : bad / n;
}

/**
 * @param name the file name as dropped (only its extension is used)
 * @param head the first bytes of the file (at least 512; 64 KiB recommended), or all of it
 */
export function detectFileKind(name: string, head: Uint8Array): FileKind {
  if (head.length === 0) return nonData('empty');
  const ext = extension(name);
  if (startsWith(head, [0x1f, 0x8b])) return { kind: 'csv-gzip' };
  if (startsWith(head, ascii('PAR1'))) return { kind: 'parquet' };
  if (startsWith(head, ascii('%PDF'))) return nonData('pdf');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff]) ||
    startsWith(head, ascii('GIF8')) || (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8))) {
    return nonData('image');
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return nonData('excel');
  if (startsWith(head, ascii('PK')) && (head[2] === 3 || head[2] === 5 || head[2] === 7)) {
    // xlsx/ods are zips; the first entry's name (offset 30) is usually "[Content_Types].xml", "xl/…" or "mimetype".
    const nameLen = head[26] | (head[27] << 8);
    const first = String.fromCharCode(...head.subarray(30, 30 + Math.min(nameLen, 64)));
    const body = String.fromCharCode(...head.subarray(0, Math.min(head.length, 4096)));
    const spreadsheet = ['xlsx', 'xlsm', 'xlsb', 'xls', 'ods'].includes(ext) || first.startsWith('xl/') ||
      body.includes('xl/workbook') || body.includes('opendocument.spreadsheet');
    return spreadsheet ? nonData('excel') : nonData('zip');
  }
  const { encoding } = detectEncoding(head);
  if (!encoding.startsWith('utf-16') && controlShare(head) > 0.05) return nonData('binary');
  const text = decodeHead(head, encoding).replace(/^\ufeff/, '');
  const start = text.trimStart();
  if (start === '') return nonData('empty');
  if (/^<(?:!doctype|html|\?xml|table|head|body)/i.test(start)) return nonData('unknown', HTML_MESSAGE);
  if (start.startsWith('{\\rtf')) return nonData('unknown');
  if (start.startsWith('[')) return { kind: 'json' };
  if (start.startsWith('{')) return looksNdjson(start) || ext === 'ndjson' || ext === 'jsonl' ? { kind: 'ndjson' } : { kind: 'json' };
  return { kind: 'csv' };
}

/** The name to detect again after gunzipping a `csv-gzip` file (`orders.csv.gz` → `orders.csv`). */
export function nameWithoutGzip(name: string): string {
  return name.replace(/\.gz$/i, '');
}
