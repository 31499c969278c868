import type { Table, Vector } from 'apache-arrow';

/**
 * The values of one column of a query result: the same values `rowsOf` (engine.ts) gives, read
 * column by column. For long results (a row per customer, 100k+ rows) a row proxy and `toJSON()`
 * per row cost more than the query; here numeric columns without nulls are read as typed arrays,
 * UTF-8 columns are decoded from their buffers (ASCII without TextDecoder), any other column
 * through `get(i)`.
 */
export function columnOf<T = unknown>(table: Table, name: string): ArrayLike<T> {
  const v = table.getChild(name);
  if (!v) throw new Error(`no column ${name} in the result`);
  return columnValues(v) as ArrayLike<T>;
}

const decoder = new TextDecoder();

function columnValues(v: Vector): ArrayLike<unknown> {
  const typeId = v.type.typeId;
  // Float / Int (≤ 32 bit) without nulls: the typed array is exactly what get(i) returns.
  if (v.nullCount === 0 && (typeId === 3 /* Float */ || (typeId === 2 /* Int */ && (v.type as { bitWidth: number }).bitWidth <= 32))) {
    return v.toArray() as ArrayLike<number>;
  }
  if (typeId === 5 /* Utf8 */) return utf8Values(v);
  const out: unknown[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v.get(i);
  return out;
}

function utf8Values(v: Vector): (string | null)[] {
  const out: (string | null)[] = new Array(v.length);
  let k = 0;
  for (const d of v.data) {
    const offsets = d.valueOffsets as Int32Array;
    const bytes = d.values as Uint8Array;
    for (let i = 0; i < d.length; i++, k++) {
      if (d.nullCount > 0 && !d.getValid(i)) {
        out[k] = null;
        continue;
      }
      const s = offsets[i]; // (a slice's offsets buffer is sliced too)
      const e = offsets[i + 1];
      let ascii = true;
      for (let p = s; p < e; p++) {
        if (bytes[p] >= 0x80) {
          ascii = false;
          break;
        }
      }
      out[k] = ascii
        ? e - s <= 4096 ? String.fromCharCode.apply(null, bytes.subarray(s, e) as unknown as number[]) : decoder.decode(bytes.subarray(s, e))
        : decoder.decode(bytes.subarray(s, e));
    }
  }
  return out;
}
