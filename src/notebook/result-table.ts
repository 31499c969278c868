/**
 * A SQL cell's Arrow result as what tables and charts need: named, typed columns and plain
 * values (numbers, epoch-ms dates, text). 64-bit integers become numbers (counts and sums in this
 * domain stay far below 2^53); dates keep their kind so they are shown as days, not numbers.
 */
import { Type, type Table } from 'apache-arrow';
import { fmtDay, fmtNum } from '../app/format';
import { localDigits } from '../i18n/numbers';
import { prefs } from '../i18n/prefs.svelte';

export type ColumnKind = 'number' | 'date' | 'timestamp' | 'text' | 'boolean';

export interface ResultColumn {
  name: string;
  kind: ColumnKind;
}

export function resultColumns(table: Table): ResultColumn[] {
  return table.schema.fields.map((f) => ({ name: f.name, kind: kindOf(f.type.typeId) }));
}

function kindOf(t: Type): ColumnKind {
  switch (t) {
    case Type.Int: case Type.Float: case Type.Decimal: return 'number';
    case Type.Date: return 'date';
    case Type.Timestamp: return 'timestamp';
    case Type.Bool: return 'boolean';
    default: return 'text';
  }
}

export type Value = number | string | boolean | null;

/** One column's values as plain JS. */
export function columnValues(table: Table, name: string, kind: ColumnKind): Value[] {
  const v = table.getChild(name);
  if (!v) return [];
  const n = table.numRows; // recomputed over the record batches on every read
  const out: Value[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = plain(v.get(i), kind);
  return out;
}

function plain(x: unknown, kind: ColumnKind): Value {
  if (x === null || x === undefined) return null;
  if (typeof x === 'bigint') return Number(x);
  if (x instanceof Date) return x.getTime();
  if (kind === 'number' && typeof x === 'object') return Number(x); // decimals
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean') return x;
  return String(x);
}

/** Rows as arrays, column order as in `columns`. */
export function resultRows(table: Table, columns: readonly ResultColumn[]): Value[][] {
  const cols = columns.map((c) => columnValues(table, c.name, c.kind));
  return Array.from({ length: table.numRows }, (_, i) => cols.map((c) => c[i]));
}

const nf = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

/** Display text of a value. Dates and timestamps are UTC calendar values (DuckDB has no zone here). */
export function valueText(v: Value, kind: ColumnKind): string {
  if (v === null) return '';
  if (kind === 'date' && typeof v === 'number') return new Date(v).toISOString().slice(0, 10);
  if (kind === 'timestamp' && typeof v === 'number') return new Date(v).toISOString().slice(0, 19).replace('T', ' ');
  if (typeof v === 'number') return nf.format(v);
  return String(v);
}

/**
 * A value as the reader sees it in a table or a chart: numbers in their language and digits, dates
 * in the display calendar (src/i18n/dates.ts). In English with the Gregorian calendar this is
 * valueText; copies and downloads keep valueText (ISO days, plain numbers).
 */
export function displayText(v: Value, kind: ColumnKind): string {
  if (v === null) return '';
  if (kind === 'date' && typeof v === 'number') return fmtDay(v);
  if (kind === 'timestamp' && typeof v === 'number') {
    return `${fmtDay(v)} ${localDigits(new Date(v).toISOString().slice(11, 19), prefs.lang, prefs.digits)}`;
  }
  if (typeof v === 'number') return fmtNum(v, 4);
  return String(v);
}

/** Sort comparator: nulls last, numbers numerically, text by locale. */
export function compareValues(a: Value, b: Value): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}
