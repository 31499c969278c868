/**
 * How to read a delimited text file: delimiter, header row, column names and a preview of rows.
 * Works on the decoded head of the file (PapaParse, no worker), so it runs in the page, in a
 * Web Worker and in Node alike.
 */
import Papa from 'papaparse';
import { parseAmount } from './numbers';
import { parseDate } from './dates';

/** `whitespace` = fields separated by runs of spaces (CDNOW-style fixed-width-ish text). */
export type Delimiter = ',' | ';' | '\t' | '|' | 'whitespace';

export interface CsvSniff {
  delimiter: Delimiter;
  quote: '"';
  hasHeader: boolean;
  /** Column names: trimmed, BOM stripped, empty → `column_N`, duplicates (case-insensitive, as
   *  DuckDB compares names) → `name_2`, `name_3`. Without a header row: `column_1…column_N`. */
  headers: string[];
  /** Preview data rows (the header row excluded), cells as written. */
  rows: string[][];
  /** Preview rows whose field count differs from `headers.length`. */
  fieldCountMismatches: number;
  lineBreak: '\n' | '\r\n' | '\r';
}

export interface SniffOptions {
  /** Data rows to return in `rows` (default 200). */
  previewRows?: number;
  /** `text` is the whole file. Otherwise a last line without a line break is taken as cut off and left out. */
  isWholeFile?: boolean;
  /** Skip delimiter detection and use this one. */
  delimiter?: Delimiter;
  /** Skip header detection. */
  hasHeader?: boolean;
}

const CANDIDATES = [',', ';', '\t', '|'] as const;
const SAMPLE_ROWS = 50;

/** A cell that is a number or a date (so a row holding one is data, not a header). */
export function isValueLike(cell: string): boolean {
  const c = cell.trim();
  if (c === '') return false;
  if (parseAmount(c) != null || parseAmount(c, 'comma-decimal') != null) return true;
  return (['ymd', 'dmy', 'mdy'] as const).some((f) => parseDate(c, f) != null);
}

function lineBreakOf(text: string): CsvSniff['lineBreak'] {
  const i = text.search(/\r\n|\n|\r/);
  if (i < 0) return '\n';
  return text[i] === '\n' ? '\n' : text[i + 1] === '\n' ? '\r\n' : '\r';
}

function parse(text: string, delimiter: string, preview: number): string[][] {
  const result = Papa.parse<string[]>(text, { delimiter, quoteChar: '"', preview, skipEmptyLines: 'greedy' });
  return result.data;
}

/** Most common field count, and the share of rows that have it. */
function consistency(rows: string[][]): { fields: number; share: number } {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let fields = 0, n = 0;
  for (const [k, v] of counts) if (v > n || (v === n && k > fields)) [fields, n] = [k, v];
  return { fields, share: rows.length ? n / rows.length : 0 };
}

function splitWhitespace(text: string, limit: number): string[][] {
  return text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, limit).map((l) => l.trim().split(/[ \t]+/));
}

/** Runs of spaces between fields, no other delimiter, a steady field count and a numeric column. */
function looksWhitespaceSeparated(text: string): boolean {
  const rows = splitWhitespace(text, SAMPLE_ROWS);
  if (rows.length === 0 || text.split(/\r\n|\n|\r/, SAMPLE_ROWS).some((l) => /[,;\t|"]/.test(l))) return false;
  const { fields, share } = consistency(rows);
  if (fields < 2 || share < 0.9) return false;
  const data = rows.slice(1).filter((r) => r.length === fields);
  if (data.length === 0) return false;
  for (let c = 0; c < fields; c++) {
    if (data.filter((r) => parseAmount(r[c]) != null).length >= data.length * 0.9) return true;
  }
  return false;
}

/** The delimiter whose parse gives the steadiest field count (≥ 2 fields); ties → more fields. */
export function detectDelimiter(text: string): Delimiter {
  if (looksWhitespaceSeparated(text)) return 'whitespace';
  let best: { d: Delimiter; fields: number; share: number } = { d: ',', fields: 0, share: 0 };
  for (const d of CANDIDATES) {
    const { fields, share } = consistency(parse(text, d, SAMPLE_ROWS));
    if (fields < 2) continue;
    const better = share > best.share + 0.05 || (Math.abs(share - best.share) <= 0.05 && fields > best.fields);
    if (best.fields === 0 || better) best = { d, fields, share };
  }
  return best.d;
}

/** Trimmed, BOM-free, single-spaced names; empty → `column_N`; duplicates → `name_2`, `name_3`. */
export function cleanHeaders(raw: string[]): string[] {
  const names = raw.map((h, i) => {
    const t = (h ?? '').replace(/\ufeff/g, '').replace(/[\s\u200b]+/g, ' ').trim();
    return t === '' ? `column_${i + 1}` : t;
  });
  const original = new Set(names.map((n) => n.toLowerCase()));
  const used = new Set<string>();
  return names.map((n) => {
    let name = n;
    if (used.has(name.toLowerCase())) {
      for (let k = 2; ; k++) {
        const c = `${n}_${k}`;
        if (!used.has(c.toLowerCase()) && !original.has(c.toLowerCase())) {
          name = c;
          break;
        }
      }
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** Header row: no cell of the first row is a number or a date. */
export function detectHeader(rows: string[][]): boolean {
  if (rows.length === 0) return false;
  return !rows[0].some(isValueLike);
}

/**
 * Sniff a decoded CSV/TSV head. `text` may start with a BOM; it should hold at least a few
 * dozen lines (64 KiB of the file is plenty).
 */
export function sniffCsv(text: string, options: SniffOptions = {}): CsvSniff {
  const previewRows = options.previewRows ?? 200;
  let body = text.replace(/^\ufeff/, '');
  if (!options.isWholeFile && !/[\r\n]$/.test(body)) {
    const cut = Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\r'));
    if (cut > 0) body = body.slice(0, cut + 1);
  }
  const delimiter = options.delimiter ?? detectDelimiter(body);
  const all = delimiter === 'whitespace' ? splitWhitespace(body, previewRows + 1) : parse(body, delimiter, previewRows + 1);
  const hasHeader = options.hasHeader ?? detectHeader(all);
  const rows = (hasHeader ? all.slice(1) : all).slice(0, previewRows);
  const width = Math.max(0, ...all.map((r) => r.length));
  const headers = hasHeader ? cleanHeaders(all[0]) : Array.from({ length: width }, (_, i) => `column_${i + 1}`);
  const fieldCountMismatches = rows.filter((r) => r.length !== headers.length).length;
  return { delimiter, quote: '"', hasHeader, headers, rows, fieldCountMismatches, lineBreak: lineBreakOf(body) };
}
