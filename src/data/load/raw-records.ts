import { Int32, Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import type { Engine } from '../../engine/engine';
import { REJECTS_TABLE } from './rejects';
import { literal } from '../../engine/sql';

/**
 * JSON, NDJSON and Parquet are parsed in JavaScript (DuckDB-WASM 1.32 has no JSON or Parquet
 * reader built in, and fetching the extension would break the offline promise) and handed to
 * DuckDB as an Arrow table of text columns — the same shape `readCsvToRaw` produces, so one
 * normalisation path serves every format.
 */
export type RawRecord = Record<string, unknown>;

export interface ParsedRecords {
  records: RawRecord[];
  /** Lines/items that could not be parsed: position (1-based) and what was wrong. */
  broken: { line: number; detail: string; raw: string }[];
}

/** A JSON document: an array of objects, or an object holding one such array (`{"orders": [...]}`). */
export function parseJsonDocument(text: string): ParsedRecords {
  const doc: unknown = JSON.parse(text);
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object'
      ? Object.values(doc as Record<string, unknown>).find(Array.isArray)
      : undefined;
  if (!list) throw new Error('The JSON file holds no list of records (expected an array of objects).');
  const records: RawRecord[] = [];
  const broken: ParsedRecords['broken'] = [];
  list.forEach((item, i) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) records.push(item as RawRecord);
    else broken.push({ line: i + 1, detail: 'item is not an object', raw: JSON.stringify(item) });
  });
  return { records, broken };
}

/** Newline-delimited JSON: one object per line; a broken line is reported, the rest kept. */
export function parseNdjson(text: string): ParsedRecords {
  const records: RawRecord[] = [];
  const broken: ParsedRecords['broken'] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const v: unknown = JSON.parse(line);
      if (v && typeof v === 'object' && !Array.isArray(v)) records.push(v as RawRecord);
      else broken.push({ line: i + 1, detail: 'line is not a JSON object', raw: line });
    } catch (e) {
      broken.push({ line: i + 1, detail: 'not valid JSON: ' + (e as Error).message, raw: line.slice(0, 2000) });
    }
  });
  return { records, broken };
}

/** Column names in first-seen order over all records. */
export function recordColumns(records: RawRecord[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().replace('Z', '');
  if (typeof v === 'object') return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));
  return String(v);
}

export async function recordsToRaw(
  engine: Engine,
  parsed: ParsedRecords,
  rawTable: string,
  fileLabel: string,
): Promise<{ rows: number; malformed: number; columns: string[] }> {
  const columns = recordColumns(parsed.records);
  if (columns.length === 0) throw new Error('The file holds no records with fields.');
  const vectors: Record<string, Vector> = {
    __row: vectorFromArray(parsed.records.map((_, i) => i + 1), new Int32()),
  };
  for (const c of columns) vectors[c] = vectorFromArray(parsed.records.map((r) => asText(r[c])), new Utf8());
  await engine.query(`DROP TABLE IF EXISTS "${rawTable}"`);
  await engine.insertArrow(rawTable, new Table(vectors), { create: true });
  for (const b of parsed.broken) {
    await engine.query(`INSERT INTO ${REJECTS_TABLE} VALUES (${literal(fileLabel)}, ${b.line}, NULL,
      'malformed row', ${literal(b.detail)}, ${literal(b.raw.slice(0, 2000))})`);
  }
  return { rows: parsed.records.length, malformed: parsed.broken.length, columns };
}
