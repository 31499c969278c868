import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeHead, decodeText, detectEncoding } from '../../../src/data/detect/encoding';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...b: number[]) => Uint8Array.from(b);

describe('detectEncoding', () => {
  it('reads byte-order marks', () => {
    expect(detectEncoding(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(detectEncoding(bytes(0xff, 0xfe, 0x61, 0x00))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(detectEncoding(bytes(0xfe, 0xff, 0x00, 0x61))).toEqual({ encoding: 'utf-16be', bom: 2 });
  });
  it('plain ASCII and valid UTF-8 without BOM', () => {
    expect(detectEncoding(utf8('a,b\n1,2\n'))).toEqual({ encoding: 'utf-8', bom: 0 });
    expect(detectEncoding(utf8('شماره سفارش,مبلغ\n۱,۲\n'))).toEqual({ encoding: 'utf-8', bom: 0 });
    expect(detectEncoding(new Uint8Array(0))).toEqual({ encoding: 'utf-8', bom: 0 });
  });
  it('a multi-byte character cut at the end of the slice is still UTF-8', () => {
    const full = utf8('name\nسفارش'); // each Arabic-script letter is 2 bytes
    expect(detectEncoding(full.subarray(0, full.length - 1))).toEqual({ encoding: 'utf-8', bom: 0 });
    const emoji = utf8('a 😀'); // 4 bytes
    for (const cut of [1, 2, 3]) expect(detectEncoding(emoji.subarray(0, emoji.length - cut)).encoding).toBe('utf-8');
  });
  it('…but not when the head is the whole file', () => {
    const full = utf8('name\nسفارش');
    expect(detectEncoding(full.subarray(0, full.length - 1), { isWholeFile: true }).encoding).not.toBe('utf-8');
  });
  it('BOM-less UTF-16', () => {
    const le = new Uint8Array(40); const be = new Uint8Array(40);
    'order_id,amount\n1,2\n'.split('').forEach((c, i) => { le[i * 2] = c.charCodeAt(0); be[i * 2 + 1] = c.charCodeAt(0); });
    expect(detectEncoding(le).encoding).toBe('utf-16le');
    expect(detectEncoding(be).encoding).toBe('utf-16be');
  });
  it('Windows-1256 for Arabic words, Windows-1252 for Latin text', () => {
    expect(detectEncoding(fixture('arabic-orders-1256.csv'))).toEqual({ encoding: 'windows-1256', bom: 0 });
    // "Café,Müller,Straße,Größe" in cp1252: isolated high bytes
    const latin = bytes(...[...'Caf'].map((c) => c.charCodeAt(0)), 0xe9, 0x2c, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x2c,
      0x53, 0x74, 0x72, 0x61, 0xdf, 0x65, 0x2c, 0x47, 0x72, 0xf6, 0xdf, 0x65, 0x0a);
    expect(detectEncoding(latin)).toEqual({ encoding: 'windows-1252', bom: 0 });
    // "سلام" (Persian) in cp1256: س=D3 ل=E1 ا=C7 م=E3
    expect(detectEncoding(bytes(0x61, 0x2c, 0xd3, 0xe1, 0xc7, 0xe3, 0x0a)).encoding).toBe('windows-1256');
  });
  it('fixtures', () => {
    expect(detectEncoding(fixture('persian-orders.csv'))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(detectEncoding(fixture('excel-unicode-text.txt'))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(detectEncoding(fixture('arabic-indic-digits.csv'))).toEqual({ encoding: 'utf-8', bom: 0 });
  });
});

describe('decodeText / decodeHead', () => {
  it('drops the BOM', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x61), 'utf-8')).toBe('a');
    expect(decodeText(bytes(0xff, 0xfe, 0x61, 0x00), 'utf-16le')).toBe('a');
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x61), 'utf-16be')).toBe('a');
  });
  it('decodes Windows-1256 Arabic and Persian letters', () => {
    expect(decodeText(bytes(0xd1, 0xde, 0xe3, 0x20, 0xc7, 0xe1, 0xd8, 0xe1, 0xc8), 'windows-1256')).toBe('رقم الطلب');
    expect(decodeText(bytes(0x81, 0x8d, 0x8e, 0x90, 0x98), 'windows-1256')).toBe('پچژگک');
    expect(decodeText(fixture('arabic-orders-1256.csv'), 'windows-1256').split('\r\n')[0])
      .toBe('رقم الطلب,رقم العميل,تاريخ الطلب,المبلغ (ريال),الحالة,المدينة');
  });
  it('decodes Windows-1252, including 0x80–0x9F (€, curly quotes) the same in Node and browsers', () => {
    expect(decodeText(bytes(0x43, 0x61, 0x66, 0xe9, 0x80), 'windows-1252')).toBe('Café€');
    expect(decodeText(bytes(0x93, 0x61, 0x94, 0x20, 0x8c, 0x9f, 0x96), 'windows-1252')).toBe('“a” ŒŸ–');
  });
  it('decodeHead leaves out a character cut by the slice end', () => {
    const full = utf8('ab سفارش');
    expect(decodeHead(full.subarray(0, full.length - 1), 'utf-8')).toBe('ab سفار');
    expect(decodeText(full.subarray(0, full.length - 1), 'utf-8')).toBe('ab سفار\ufffd');
    expect(decodeHead(bytes(0xff, 0xfe, 0x61, 0x00, 0x62), 'utf-16le')).toBe('a');
  });
});
