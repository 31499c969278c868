/**
 * The data phase of the predictive CLV analysis: DuckDB builds the per-customer summaries and
 * returns everything the compute phase (`computeClv`, clv-compute.ts) needs as plain objects and
 * typed arrays, each owning its buffer, so it can be posted to a Web Worker with the buffers
 * transferred. See docs/clv.md.
 */
import type { Table, Vector } from 'apache-arrow';
import type { Engine } from '../engine/engine';
import { epochDayOf, isoOfEpochDay } from './days';
import {
  CLV_CUSTOMERS_SQL, CLV_GROUPED_SPEND_SQL, CLV_PURCHASE_DAYS_TABLE, CLV_SPEND_SQL, clvLateFromPurchaseDaysSql, clvPurchaseDaysTableSql,
  clvRepeatDaysFromPurchaseDaysSql, clvSummaryFromPurchaseDaysSql,
} from './clv-sql';
import { resolveClvOptions } from './clv-options';
import type { ClvData, ClvOptions, PackedStrings, TimeUnit } from './clv-types';

type TypedCtor<T> = { new (n: number): T; from(a: ArrayLike<number>): T };

const isShared = (b: ArrayBufferLike) => typeof SharedArrayBuffer !== 'undefined' && b instanceof SharedArrayBuffer;

/** A numeric column as a typed array of `Ctor` that owns its whole buffer (transferable alone). */
function column<T extends Int32Array | Float64Array>(table: Table, name: string, Ctor: TypedCtor<T>): T {
  const v = table.getChild(name);
  if (!v || table.numRows === 0) return new Ctor(0);
  const a = v.toArray() as ArrayLike<number> & { buffer?: ArrayBufferLike; byteOffset?: number; byteLength?: number };
  if (a instanceof Ctor && a.byteOffset === 0 && a.byteLength === a.buffer!.byteLength && !isShared(a.buffer!)) return a as T;
  return Ctor.from(a);
}

/** A VARCHAR column as UTF-8 bytes + offsets, copied out of Arrow's chunks without making JS strings. */
export function packStrings(v: Vector | null, length: number): PackedStrings {
  const offsets = new Int32Array(length + 1);
  if (!v || length === 0) return { offsets, bytes: new Uint8Array(0) };
  const chunks = v.data as unknown as { offset: number; length: number; valueOffsets?: Int32Array; values?: Uint8Array; nullCount: number }[];
  const plain = chunks.every((d) => d.valueOffsets instanceof Int32Array && d.values instanceof Uint8Array);
  if (!plain) {
    // Not Utf8 with 32-bit offsets: encode the strings.
    const enc = new TextEncoder();
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < length; i++) {
      const b = enc.encode(String(v.get(i) ?? ''));
      parts.push(b);
      total += b.length;
      offsets[i + 1] = total;
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const b of parts) { bytes.set(b, at); at += b.length; }
    return { offsets, bytes };
  }
  let total = 0;
  for (const d of chunks) total += d.valueOffsets![d.offset + d.length] - d.valueOffsets![d.offset];
  const bytes = new Uint8Array(total);
  let row = 0, at = 0;
  for (const d of chunks) {
    const vo = d.valueOffsets!;
    const start = vo[d.offset];
    const end = vo[d.offset + d.length];
    bytes.set(d.values!.subarray(start, end), at);
    for (let j = 1; j <= d.length; j++) offsets[row + j] = at + vo[d.offset + j] - start;
    row += d.length;
    at += end - start;
  }
  return { offsets, bytes };
}

/**
 * Builds the purchase-day table (TEMP, dropped again) and from it the summary table (TEMP
 * `clv_customer_summary`, the same rows as clvSummaryTableSql) and fetches the grouped rows, the spend
 * rows, the tracking counts and every customer's summary (one query each). Only `asOf` /
 * `calibrationEnd` of the options matter here; they are validated like runClv's.
 */
export async function fetchClvData<U extends TimeUnit>(engine: Engine, options: ClvOptions<U>): Promise<ClvData> {
  const o = resolveClvOptions(options);
  const { days } = o;
  const signal = options.signal;
  const t0 = performance.now();
  await engine.query(clvPurchaseDaysTableSql(days), { signal });
  await engine.query(clvSummaryFromPurchaseDaysSql(days), { signal });
  const g = await engine.query(CLV_GROUPED_SPEND_SQL, { signal });
  const grouped = {
    x: column(g, 'x', Int32Array), recencyDays: column(g, 'recency_days', Int32Array), ageDays: column(g, 'age_days', Int32Array),
    n: column(g, 'n', Float64Array), holdout: column(g, 'holdout', Float64Array), zsum: column(g, 'zsum', Float64Array),
  };
  const sp = await engine.query(CLV_SPEND_SQL, { signal });
  const spend = { x: column(sp, 'x', Float64Array), zbar: column(sp, 'zbar', Float64Array), n: column(sp, 'n', Float64Array) };
  const lateTable = await engine.query(clvLateFromPurchaseDaysSql(days), { signal });
  const late = lateTable.numRows ? Number(lateTable.getChild('n')?.get(0) ?? 0) : 0;
  let maxAge = 0;
  for (const a of grouped.ageDays) if (a > maxAge) maxAge = a;
  const startDay = isoOfEpochDay(epochDayOf(days.calibrationEnd) - maxAge);
  const rd = await engine.query(clvRepeatDaysFromPurchaseDaysSql(days, startDay), { signal });
  await engine.query(`DROP TABLE IF EXISTS ${CLV_PURCHASE_DAYS_TABLE}`, { signal });
  const repeatDays = { startDay, day: column(rd, 'day', Int32Array), purchases: column(rd, 'purchases', Float64Array) };
  const c = await engine.query(CLV_CUSTOMERS_SQL, { signal });
  const customers = {
    length: c.numRows,
    customerId: packStrings(c.getChild('customer_id'), c.numRows),
    x: column(c, 'x', Int32Array), recencyDays: column(c, 'recency_days', Int32Array), ageDays: column(c, 'age_days', Int32Array),
    repeatSpend: column(c, 'repeat_spend', Float64Array), holdout: column(c, 'holdout', Int32Array),
  };
  return { asOf: days.asOf, calibrationEnd: days.calibrationEnd, grouped, spend, customersAfterCalibration: late, repeatDays, customers, ms: performance.now() - t0 };
}

/** The buffers of `data` (each once), for postMessage's transfer list. */
export function clvDataTransferables(data: ClvData): ArrayBuffer[] {
  const arrays = [
    ...Object.values(data.grouped), ...Object.values(data.spend), data.repeatDays.day, data.repeatDays.purchases,
    data.customers.customerId.offsets, data.customers.customerId.bytes, data.customers.x, data.customers.recencyDays,
    data.customers.ageDays, data.customers.repeatSpend, data.customers.holdout,
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))].filter((b) => b.byteLength > 0 && !isShared(b));
}
