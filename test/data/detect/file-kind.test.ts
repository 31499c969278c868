import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DATA_KINDS, detectFileKind, isDataKind, KIND_MESSAGES, nameWithoutGzip } from '../../../src/data/detect/file-kind';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => Uint8Array.from(b);

describe('detectFileKind', () => {
  it.each([
    ['empty.csv', 'empty'], ['only-header.csv', 'csv'], ['image.png', 'image'], ['document.pdf', 'pdf'],
    ['workbook.xlsx', 'excel'], ['orders.csv.gz', 'csv-gzip'], ['orders.parquet', 'parquet'], ['orders.json', 'json'],
    ['orders.ndjson', 'ndjson'], ['tab-separated.tsv', 'csv'], ['semicolon-decimal-comma.csv', 'csv'],
    ['persian-orders.csv', 'csv'], ['arabic-orders-1256.csv', 'csv'], ['excel-unicode-text.txt', 'csv'],
    ['xss-header.csv', 'csv'], ['stripe-payments.csv', 'csv'],
  ])('fixture %s → %s', (name, kind) => {
    expect(detectFileKind(name, fixture(name)).kind).toBe(kind);
  });

  it('non-data kinds carry a plain-English message; data kinds none', () => {
    expect(detectFileKind('report.pdf', fixture('document.pdf')).message).toBe(
      'This is a PDF document, not a table. Export your orders as CSV, Parquet or JSON and drop that file.');
    expect(detectFileKind('orders.xlsx', fixture('workbook.xlsx')).message).toMatch(/Save As.*CSV/);
    expect(detectFileKind('x.csv', new Uint8Array(0)).message).toBe(KIND_MESSAGES.empty);
    expect(detectFileKind('a.csv', text('a,b\n1,2\n')).message).toBeUndefined();
  });

  it('magic bytes win over the extension', () => {
    expect(detectFileKind('orders.csv', fixture('image.png')).kind).toBe('image');
    expect(detectFileKind('orders.csv', fixture('orders.parquet')).kind).toBe('parquet');
    expect(detectFileKind('orders.txt', fixture('orders.csv.gz')).kind).toBe('csv-gzip');
    expect(detectFileKind('data', fixture('workbook.xlsx')).kind).toBe('excel'); // no extension: "xl/" inside
  });

  it('images: PNG, JPEG, GIF, WebP', () => {
    expect(detectFileKind('a', bytes(0xff, 0xd8, 0xff, 0xe0)).kind).toBe('image');
    expect(detectFileKind('a', text('GIF89a....')).kind).toBe('image');
    expect(detectFileKind('a', text('RIFF\0\0\0\0WEBPVP8 ')).kind).toBe('image');
  });

  it('old Excel (OLE compound file) and other zips', () => {
    expect(detectFileKind('orders.xls', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0)).kind).toBe('excel');
    const zip = bytes(0x50, 0x4b, 0x03, 0x04, ...new Array(22).fill(0), 9, 0, 0, 0, ...text('notes.txt'));
    expect(detectFileKind('archive.zip', zip)).toEqual({ kind: 'zip', message: KIND_MESSAGES.zip });
    expect(detectFileKind('orders.xlsx', zip).kind).toBe('excel');
  });

  it('binary and whitespace-only', () => {
    const bin = new Uint8Array(256).map((_, i) => i % 7 === 0 ? 0 : (i * 37) % 256);
    expect(detectFileKind('dump.bin', bin).kind).toBe('binary');
    expect(detectFileKind('blank.csv', text('  \r\n\n ')).kind).toBe('empty');
    expect(detectFileKind('blank.csv', bytes(0xef, 0xbb, 0xbf)).kind).toBe('empty');
  });

  it('JSON array vs newline-delimited JSON', () => {
    expect(detectFileKind('a.json', text('  [{"a":1}]')).kind).toBe('json');
    expect(detectFileKind('a.json', text('{"orders":[{"a":1}]}')).kind).toBe('json');
    expect(detectFileKind('a.json', text('{\n  "orders": []\n}')).kind).toBe('json');
    expect(detectFileKind('a.txt', text('{"a":1}\n{"a":2}\n')).kind).toBe('ndjson');
    expect(detectFileKind('a.jsonl', text('{"a":1}')).kind).toBe('ndjson');
  });

  it('web pages saved as .xls are not tables', () => {
    const k = detectFileKind('orders.xls', text('<html><body><table><tr><td>1</td></tr></table></body></html>'));
    expect(k.kind).toBe('unknown');
    expect(k.message).toMatch(/web page/);
  });

  it('delimited text of any extension is csv', () => {
    expect(detectFileKind('orders.tsv', text('a\tb\n1\t2\n')).kind).toBe('csv');
    expect(detectFileKind('CDNOW_sample.txt', text(' 00004 0001 19970101  2   29.33\r\n')).kind).toBe('csv');
    expect(detectFileKind('export', text('a;b\n1;2\n')).kind).toBe('csv');
  });
});

describe('helpers', () => {
  it('isDataKind / DATA_KINDS', () => {
    expect(DATA_KINDS).toEqual(['csv', 'csv-gzip', 'parquet', 'json', 'ndjson']);
    expect(isDataKind('parquet')).toBe(true);
    expect(isDataKind('pdf')).toBe(false);
  });
  it('nameWithoutGzip', () => {
    expect(nameWithoutGzip('orders.csv.gz')).toBe('orders.csv');
    expect(nameWithoutGzip('orders.CSV.GZ')).toBe('orders.CSV');
    expect(nameWithoutGzip('orders.csv')).toBe('orders.csv');
  });
});
