import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { detectFileKind, nameWithoutGzip } from '../../../src/data/detect/file-kind';
import { decodeText, detectEncoding } from '../../../src/data/detect/encoding';
import { sniffCsv } from '../../../src/data/detect/sniff';
import { detectTable, type TableDetection } from '../../../src/data/detect/roles';
import { parseAmount } from '../../../src/data/detect/numbers';
import { jalaliToGregorian, parseDate } from '../../../src/data/detect/dates';

const DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as {
  files: Record<string, { detect: Record<string, unknown>; load: Record<string, unknown> }>;
};
const read = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

/** Records (JSON, NDJSON, Parquet) → headers + string rows, as the loader will hand them to detectTable. */
function tableOfRecords(records: Record<string, unknown>[]) {
  const headers = Object.keys(records[0] ?? {});
  const cell = (v: unknown) => (v == null ? '' : v instanceof Date ? v.toISOString() : String(v));
  return { headers, rows: records.map((r) => headers.map((h) => cell(r[h]))) };
}

interface Detected { kind: string; inner?: string; encoding?: string; csv?: ReturnType<typeof sniffCsv>; rows?: number; table?: TableDetection }

async function detect(name: string): Promise<Detected> {
  let bytes = read(name);
  const kind = detectFileKind(name, bytes).kind;
  let inner: string | undefined;
  if (kind === 'csv-gzip') {
    bytes = gunzipSync(bytes);
    inner = detectFileKind(nameWithoutGzip(name), bytes).kind;
  }
  if (kind === 'csv' || inner === 'csv') {
    const { encoding } = detectEncoding(bytes, { isWholeFile: true });
    const csv = sniffCsv(decodeText(bytes, encoding), { isWholeFile: true });
    return { kind, inner, encoding, csv, rows: csv.rows.length, table: detectTable(csv.headers, csv.rows) };
  }
  let records: Record<string, unknown>[] | undefined;
  if (kind === 'json') records = JSON.parse(decodeText(bytes, 'utf-8'));
  if (kind === 'ndjson') records = decodeText(bytes, 'utf-8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  if (kind === 'parquet') records = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
  if (!records) return { kind };
  const t = tableOfRecords(records);
  return { kind, rows: records.length, table: detectTable(t.headers, t.rows) };
}

describe('every fixture is in the manifest and README', () => {
  it('no fixture file is undocumented', () => {
    const files = readdirSync(DIR).filter((f) => !/\.(mjs|md|json)$/.test(f) || /^orders\.json$/.test(f));
    expect(files.sort()).toEqual(Object.keys(manifest.files).sort());
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    for (const f of files) expect(readme, f).toContain(`\`${f}\``);
  });
});

describe('detection of each fixture matches the manifest', () => {
  for (const [name, { detect: want }] of Object.entries(manifest.files)) {
    it(name, async () => {
      const d = await detect(name);
      expect(d.kind).toBe(want.kind);
      if (want.inner) expect(d.inner).toBe(want.inner);
      if (want.encoding) expect(d.encoding).toBe(want.encoding);
      if (want.delimiter) expect(d.csv?.delimiter).toBe(want.delimiter);
      if (want.hasHeader !== undefined) expect(d.csv?.hasHeader).toBe(want.hasHeader);
      if (want.fieldCountMismatches !== undefined) expect(d.csv?.fieldCountMismatches).toBe(want.fieldCountMismatches);
      if (want.rows !== undefined) expect(d.rows).toBe(want.rows);
      if (want.table) expect(d.table?.table).toBe(want.table);
      if (want.preset) expect(d.table?.preset).toBe(want.preset);
      if (want.missing) expect(d.table?.missing).toEqual(want.missing);
      if (want.currency) expect(d.table?.currency).toBe(want.currency);
      const dateRole = d.table?.table === 'responses' ? 'responded_at' : 'ordered_at';
      if (want.dateFormat) expect(d.table?.dateFormats[dateRole]?.format).toBe(want.dateFormat);
      if (want.calendar) expect(d.table?.dateFormats[dateRole]?.calendar).toBe(want.calendar);
      if (want.hasOffset !== undefined) expect(d.table?.dateFormats[dateRole]?.hasOffset).toBe(want.hasOffset);
      if (want.amountStyle) expect(d.table?.amountStyles.amount).toBe(want.amountStyle);
    });
  }
});

describe('the manifest\'s load expectations agree with the JS parsers', () => {
  // For plain order files: a row is kept when it has the header's field count, a date and an amount.
  const simple = Object.entries(manifest.files).filter(([n, f]) =>
    f.detect.table === 'orders' && typeof f.load.amountSum === 'number' && f.detect.kind !== 'ndjson' &&
    f.detect.kind !== 'json' && f.detect.kind !== 'parquet' && !n.startsWith('duplicate'));
  for (const [name, { load }] of simple) {
    it(name, async () => {
      const d = await detect(name);
      const t = d.table!;
      const csv = d.csv!;
      const iDate = csv.headers.indexOf(t.mapping.ordered_at!);
      const iAmount = csv.headers.indexOf(t.mapping.amount!);
      const fmt = t.dateFormats.ordered_at!;
      const style = t.amountStyles.amount!;
      const kept = csv.rows.filter((r) => r.length === csv.headers.length && parseDate(r[iDate], fmt) && parseAmount(r[iAmount], style) != null);
      expect(kept).toHaveLength(load.kept as number);
      const sum = kept.reduce((s, r) => s + parseAmount(r[iAmount], style)!, 0);
      expect(sum).toBeCloseTo(load.amountSum as number, 6);
    });
  }

  it('Persian Jalali dates convert to the manifest\'s Gregorian dates', async () => {
    const d = await detect('persian-orders.csv');
    const { csv, table } = d as Required<Detected>;
    const want = manifest.files['persian-orders.csv'].load.orderedAt as Record<string, string>;
    const iId = csv.headers.indexOf(table.mapping.order_id!);
    const iDate = csv.headers.indexOf(table.mapping.ordered_at!);
    for (const r of csv.rows) {
      const id = String(parseAmount(r[iId]));
      if (!(id in want)) continue;
      const p = parseDate(r[iDate], table.dateFormats.ordered_at!)!;
      const g = jalaliToGregorian(p.y, p.m, p.d)!;
      const two = (n: number) => String(n).padStart(2, '0');
      expect(`${g.y}-${two(g.m)}-${two(g.d)} ${two(p.H)}:${two(p.M)}:${two(p.S)}`).toBe(want[id]);
    }
  });
});

describe('make-fixtures.mjs', () => {
  it('regenerates the committed binary fixtures byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'fixtures-'));
    execFileSync(process.execPath, [join(DIR, 'make-fixtures.mjs'), out]);
    const generated = readdirSync(out);
    expect(generated.length).toBeGreaterThanOrEqual(10);
    for (const f of generated) expect(Buffer.compare(readFileSync(join(out, f)), readFileSync(join(DIR, f))), f).toBe(0);
  });
});
