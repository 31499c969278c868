import { describe, expect, it } from 'vitest';
import { toGregorian, isLeapJalaaliYear } from 'jalaali-js';
import {
  dateSqlParts, detectDateFormat, jalaliToGregorian, parseDate, type DateFormat, type DateOrder, type DateParts,
} from '../../../src/data/detect/dates';
import { sqlString } from '../../../src/data/detect/numbers';
import { sharedNodeEngine } from '../../../src/engine/node';
import { queryRows } from '../../../src/engine/engine';

const p = (y: number, m: number, d: number, H = 0, M = 0, S = 0, offsetMinutes: number | null = null): DateParts =>
  ({ y, m, d, H, M, S, offsetMinutes });
const fmt = (format: DateOrder, calendar: 'gregorian' | 'jalali' = 'gregorian'): DateFormat =>
  ({ format, calendar, hasTime: false, hasOffset: false, ambiguous: false, matched: 0, total: 0 });

describe('parseDate', () => {
  it.each<[string, DateOrder, DateParts | null]>([
    ['2025-12-06', 'ymd', p(2025, 12, 6)],
    ['2025/12/06', 'ymd', p(2025, 12, 6)],
    ['2025.1.6', 'ymd', p(2025, 1, 6)],
    ['2025-12-06 10:37:33 -0500', 'ymd', p(2025, 12, 6, 10, 37, 33, -300)],
    ['2025-12-06T10:37:33Z', 'ymd', p(2025, 12, 6, 10, 37, 33, 0)],
    ['2025-12-06T10:37:33.250Z', 'ymd', p(2025, 12, 6, 10, 37, 33.25, 0)],
    ['2024-03-01 13:30:00+03:30', 'ymd', p(2024, 3, 1, 13, 30, 0, 210)],
    ['2024-03-01T02:00:00-08:00', 'ymd', p(2024, 3, 1, 2, 0, 0, -480)],
    ['2024-03-01 10:00 UTC', 'ymd', p(2024, 3, 1, 10, 0, 0, 0)],
    ['2024-03-01 10:00+03', 'ymd', p(2024, 3, 1, 10, 0, 0, 180)],
    ['2024-03-01 9:05', 'ymd', p(2024, 3, 1, 9, 5, 0)],
    ['2024-03-01 12:30 AM', 'ymd', p(2024, 3, 1, 0, 30, 0)],
    ['2024-03-01 12:30 PM', 'ymd', p(2024, 3, 1, 12, 30, 0)],
    ['2024-03-01 1:30 pm', 'ymd', p(2024, 3, 1, 13, 30, 0)],
    ['  2024-03-01  ', 'ymd', p(2024, 3, 1)],
    ['۱۴۰۲/۰۵/۱۲ ۱۴:۳۰', 'ymd', p(1402, 5, 12, 14, 30)],
    ['٢٠٢٤-٠٣-١٥', 'ymd', p(2024, 3, 15)],
    ['2024-02-29', 'ymd', p(2024, 2, 29)],
    ['2023-02-29', 'ymd', null],
    ['2100-02-29', 'ymd', null],
    ['2000-02-29', 'ymd', p(2000, 2, 29)],
    ['2024-04-31', 'ymd', null],
    ['2024-13-01', 'ymd', null],
    ['2024-00-10', 'ymd', null],
    ['2024-03-01 24:00', 'ymd', null],
    ['2024-03-01 10:60', 'ymd', null],
    ['2024-03-01 13:00 PM', 'ymd', null],
    ['2024-03-01 10:00+15:00', 'ymd', null],
    ['2024-03-01 10:00+03:75', 'ymd', null],
    ['2024-03-01-05', 'ymd', null],
    ['not a date', 'ymd', null],
    ['19970101', 'ymd-compact', p(1997, 1, 1)],
    ['19971232', 'ymd-compact', null],
    ['06/12/2025', 'dmy', p(2025, 12, 6)],
    ['06/12/2025', 'mdy', p(2025, 6, 12)],
    ['13/12/2025', 'mdy', null],
    ['31.03.2024', 'dmy', p(2024, 3, 31)],
    ['1-2-24', 'dmy', p(2024, 2, 1)],
    ['1/2/85', 'mdy', p(1985, 1, 2)],
    ['12/13/2025 3:04 PM', 'mdy', p(2025, 12, 13, 15, 4, 0)],
    ['06/12/2025, 10:37', 'dmy', p(2025, 12, 6, 10, 37, 0)],
    ['2024-03-01\r', 'ymd', p(2024, 3, 1)],
    ['\t2024-03-01\t10:00\n', 'ymd', p(2024, 3, 1, 10, 0, 0)],
    ['\u200f۱۴۰۲/۰۵/۱۲\u00a0۱۴:۳۰', 'ymd', p(1402, 5, 12, 14, 30)],
    ['1700000000', 'epoch-s', p(2023, 11, 14, 22, 13, 20, 0)],
    ['1700000000123', 'epoch-ms', p(2023, 11, 14, 22, 13, 20.123, 0)],
    ['', 'ymd', null],
  ])('%j as %s', (s, order, expected) => {
    expect(parseDate(s, order)).toEqual(expected);
  });

  it('Jalali months: 31 days in the first six, 30 after, Esfand 30 allowed (checked later)', () => {
    expect(parseDate('1402/06/31', fmt('ymd', 'jalali'))).toEqual(p(1402, 6, 31));
    expect(parseDate('1402/07/31', fmt('ymd', 'jalali'))).toBeNull();
    expect(parseDate('1403/12/30', fmt('ymd', 'jalali'))).toEqual(p(1403, 12, 30));
    expect(parseDate('1402/02/30', fmt('ymd', 'gregorian'))).toBeNull(); // as Gregorian: no Feb 30
    expect(parseDate(null, 'ymd')).toBeNull();
  });
});

describe('detectDateFormat', () => {
  it('ISO with offsets', () => {
    expect(detectDateFormat(['2025-12-06 10:37:33 -0500', '2025-12-06 06:34:20 -0500', ''])).toEqual({
      format: 'ymd', calendar: 'gregorian', hasTime: true, hasOffset: true, ambiguous: false, matched: 2, total: 2,
    });
  });
  it('plain dates have no time and no offset', () => {
    expect(detectDateFormat(['2024-01-05', '2024-01-06'])).toMatchObject({ format: 'ymd', hasTime: false, hasOffset: false, matched: 2 });
  });
  it('Jalali years (1300–1499) with Persian digits', () => {
    expect(detectDateFormat(['۱۴۰۲/۰۵/۱۲ ۱۴:۳۰', '۱۴۰۳/۱۲/۳۰'])).toMatchObject({ format: 'ymd', calendar: 'jalali', hasTime: true, matched: 2 });
  });
  it('CDNOW compact dates', () => {
    expect(detectDateFormat(['19970101', '19970118', '19971212'])).toMatchObject({ format: 'ymd-compact', matched: 3, total: 3 });
  });
  it('day first when a first field is > 12', () => {
    expect(detectDateFormat(['06/12/2025', '13/12/2025'])).toMatchObject({ format: 'dmy', ambiguous: false, matched: 2 });
    expect(detectDateFormat(['03.01.2024', '15.01.2024', '31.03.2024'])).toMatchObject({ format: 'dmy', ambiguous: false, matched: 3 });
  });
  it('month first when a second field is > 12', () => {
    expect(detectDateFormat(['12/13/2025', '01/02/2025'])).toMatchObject({ format: 'mdy', ambiguous: false, matched: 2 });
  });
  it('no evidence: ambiguous; dots → dmy, otherwise mdy unless dayFirst', () => {
    expect(detectDateFormat(['01/02/2025', '03/04/2025'])).toMatchObject({ format: 'mdy', ambiguous: true, matched: 2 });
    expect(detectDateFormat(['01/02/2025'], { dayFirst: true })).toMatchObject({ format: 'dmy', ambiguous: true });
    expect(detectDateFormat(['01.02.2025'])).toMatchObject({ format: 'dmy', ambiguous: true });
  });
  it('epoch seconds and milliseconds (1980–2100 only)', () => {
    expect(detectDateFormat(['1700000000', '1710000000'])).toMatchObject({ format: 'epoch-s', hasTime: true, matched: 2 });
    expect(detectDateFormat(['1700000000123'])).toMatchObject({ format: 'epoch-ms', matched: 1 });
    expect(detectDateFormat(['6798481555755'])).toMatchObject({ matched: 0 }); // a Shopify id, year 2185
  });
  it('counts what matches; a non-date column matches nothing', () => {
    expect(detectDateFormat(['2024-03-01', 'not a date', '2024-13-45'])).toMatchObject({ format: 'ymd', matched: 1, total: 3 });
    expect(detectDateFormat(['Mug', 'Tea', '12.50'])).toMatchObject({ matched: 0, total: 3 });
    expect(detectDateFormat([])).toMatchObject({ matched: 0, total: 0 });
  });
});

describe('jalaliToGregorian', () => {
  it('agrees with jalaali-js on the year ends', () => {
    expect(isLeapJalaaliYear(1403)).toBe(true);
    expect(isLeapJalaaliYear(1402)).toBe(false);
    expect(toGregorian(1403, 12, 30)).toEqual({ gy: 2025, gm: 3, gd: 20 });
    expect(toGregorian(1402, 12, 29)).toEqual({ gy: 2024, gm: 3, gd: 19 });
  });
  it('Esfand 30 of leap 1403 is 2025-03-20; 1402/12/29 is 2024-03-19; 1404/01/01 is Nowruz 2025-03-21', () => {
    expect(jalaliToGregorian(1403, 12, 30)).toEqual({ y: 2025, m: 3, d: 20 });
    expect(jalaliToGregorian(1402, 12, 29)).toEqual({ y: 2024, m: 3, d: 19 });
    expect(jalaliToGregorian(1404, 1, 1)).toEqual({ y: 2025, m: 3, d: 21 });
  });
  it('null for dates that do not exist (Esfand 30 of a common year)', () => {
    expect(jalaliToGregorian(1402, 12, 30)).toBeNull();
    expect(jalaliToGregorian(1402, 13, 1)).toBeNull();
  });
});

describe('dateSqlParts agrees with parseDate in DuckDB', () => {
  const values = [
    '2025-12-06 10:37:33 -0500', '2025-12-06T10:37:33Z', '2025-12-06T10:37:33.250Z', '2024-03-01 13:30:00+03:30',
    '2024-03-01 10:00 UTC', '2024-03-01 10:00+03', '2024-03-01 12:30 AM', '2024-03-01 1:30 pm', '  2024-03-01  ',
    '۱۴۰۲/۰۵/۱۲ ۱۴:۳۰', '۱۴۰۳/۱۲/۳۰', '1402/07/31', '٢٠٢٤-٠٣-١٥', '2024-02-29', '2023-02-29', '2100-02-29', '2000-02-29',
    '2024-04-31', '2024-13-01', '2024-03-01 24:00', '2024-03-01 10:60', '2024-03-01 13:00 PM', '2024-03-01 10:00+15:00',
    '19970101', '19971232', '06/12/2025', '13/12/2025', '12/13/2025 3:04 PM', '31.03.2024', '1-2-24', '1/2/85',
    '06/12/2025, 10:37', '1700000000', '1700000000123', 'not a date', '', '2024-03-01\r', '\t2024-03-01\t10:00\n',
    '\u200f۱۴۰۲/۰۵/۱۲\u00a0۱۴:۳۰', ' 1700000000 ', '2024-03-01 10:00\u00a0+03:30',
  ];
  const orders: DateOrder[] = ['ymd', 'ymd-compact', 'dmy', 'mdy', 'epoch-s', 'epoch-ms'];
  for (const order of orders) {
    for (const calendar of ['gregorian', 'jalali'] as const) {
      it(`${order} / ${calendar}`, async () => {
        const e = await sharedNodeEngine();
        const f = fmt(order, calendar);
        const rows = await queryRows<{ i: number; p: Record<string, number | null> | null }>(e,
          `SELECT i, ${dateSqlParts('"v"', f)} AS p FROM (SELECT row_number() OVER () AS i, v FROM (VALUES ${values.map((v) => `(${sqlString(v)})`).join(', ')}) t(v)) ORDER BY i`);
        const fromSql = rows.map((r) => (r.p ? p(r.p.y!, r.p.mo!, r.p.d!, r.p.h!, r.p.mi!, r.p.s!, r.p.off_min) : null));
        expect(fromSql).toEqual(values.map((v) => parseDate(v, f)));
      });
    }
  }
  it('has the documented STRUCT type', async () => {
    const e = await sharedNodeEngine();
    const [row] = await queryRows<{ t: string }>(e, `SELECT typeof(${dateSqlParts("'2024-01-01'", 'ymd')}) AS t`);
    expect(row.t).toBe('STRUCT(y INTEGER, mo INTEGER, d INTEGER, h INTEGER, mi INTEGER, s DOUBLE, off_min INTEGER)');
  });
});
