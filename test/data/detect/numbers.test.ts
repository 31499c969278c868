import { describe, expect, it } from 'vitest';
import {
  amountSqlExpr, detectAmountStyle, normaliseDigits, parseAmount, sqlString, SQL_DIGIT_FROM, SQL_DIGIT_TO,
  type AmountStyle,
} from '../../../src/data/detect/numbers';
import { sharedNodeEngine } from '../../../src/engine/node';
import { queryRows } from '../../../src/engine/engine';

// [input, dot-decimal result, comma-decimal result] — worked out by hand.
const CASES: [string, number | null, number | null][] = [
  ['1,234.56', 1234.56, null],
  ['1.234,56', null, 1234.56],
  ['12.5', 12.5, null],
  ['12,5', null, 12.5],
  ['1299.00', 1299, null],
  ['0', 0, 0],
  ['42', 42, 42],
  ['1,234,567', 1234567, null],
  ['1.234.567', null, 1234567],
  ['1,00,000', 100000, null],            // Indian grouping
  ["1'234.50", 1234.5, null],            // Swiss
  ['1 234,56', null, 1234.56],           // French, plain space
  ['1\u00a0234,56', null, 1234.56],      // French, NBSP
  ['1\u202f234.5', 1234.5, null],        // narrow NBSP
  ['۱٬۲۵۰٬۰۰۰', 1250000, 1250000],       // Persian digits, Arabic thousands separator
  ['۱٬۲۵۰٬۰۰۰ تومان', 1250000, 1250000],
  ['٢٬٥٠٠٫٠٠', 2500, 2500],               // Arabic-Indic digits, ٫ decimal
  ['١٢٣٫٥٠', 123.5, 123.5],
  ['\u200f۱۲۰۰۰ ریال', 12000, 12000],    // RLM mark + rial
  ['$12.50', 12.5, null],
  ['$-12.50', -12.5, null],
  ['-$12.50', -12.5, null],
  ['(12.50)', -12.5, null],
  ['($1,000.00)', -1000, null],
  ['12.50-', -12.5, null],
  ['\u221212.5', -12.5, null],           // U+2212 minus sign
  ['+5', 5, 5],
  ['€ 9,99', null, 9.99],
  ['1.050,00 EUR', null, 1050],
  ['USD 100', 100, 100],
  ['usd 3', 3, 3],
  ['₹ 1,299.00', 1299, null],
  ['Rs. 450', 450, 450],
  ['250 ﷼', 250, 250],
  ['99 IRT', 99, 99],
  ['.5', 0.5, null],
  ['5.', 5, null],
  ['1.2E+05', 120000, null],
  ['', null, null],
  ['   ', null, null],
  ['abc', null, null],
  ['12abc', null, null],
  ['12.34.56', null, null],
  ['--5', null, null],
  ['(5', null, null],
  ['5)', null, null],
  ['N/A', null, null],
  ['-', null, null],
  ['12%', null, null],
  ['1,5', null, 1.5],                    // dot-decimal: a comma group must have 3 digits
  ['1,2345', null, 1.2345],
  ['12 34', null, null],                 // space groups must have 3 digits
  ['1\t234', 1234, 1234],                 // a tab between digits is a thousands separator too
  [' 12.50\r', 12.5, null],             // stray CR from a CRLF file
  ['\u06f1\u06f2\t', 12, 12],
  ['1,234.5\u00a0', 1234.5, null],
  ['٬', null, null],
  ['١٢٬٣٤', null, null],                 // ٬ groups need 3 digits
  ['1e400', null, null],                 // overflows: not finite
  ['-0', -0, -0],
];

describe('normaliseDigits', () => {
  it('maps Persian and Arabic-Indic digits to ASCII and leaves the rest', () => {
    expect(normaliseDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(normaliseDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(normaliseDigits('۱۴۰۲/۰۵/۱۲ abc 7')).toBe('1402/05/12 abc 7');
  });
  it('SQL_DIGIT_FROM/TO line up character by character', () => {
    expect([...SQL_DIGIT_FROM]).toHaveLength(20);
    expect(SQL_DIGIT_TO).toHaveLength(20);
    expect(normaliseDigits(SQL_DIGIT_FROM)).toBe(SQL_DIGIT_TO);
  });
});

describe('parseAmount', () => {
  it.each(CASES)('%j → %s (dot) / %s (comma)', (input, dot, comma) => {
    expect(parseAmount(input)).toBe(dot);
    expect(parseAmount(input, 'comma-decimal')).toBe(comma);
  });
  it('null and undefined are null', () => {
    expect(parseAmount(null)).toBeNull();
    expect(parseAmount(undefined)).toBeNull();
  });
});

describe('detectAmountStyle', () => {
  it('sees European amounts', () => {
    expect(detectAmountStyle(['1.234,56', '99,90', '12,00'])).toBe('comma-decimal');
    expect(detectAmountStyle(['1.234.567'])).toBe('comma-decimal');
    expect(detectAmountStyle(['€ 9,99'])).toBe('comma-decimal');
  });
  it('sees dot-decimal amounts', () => {
    expect(detectAmountStyle(['1,234.56', '12.50'])).toBe('dot-decimal');
    expect(detectAmountStyle(['1,234,567'])).toBe('dot-decimal');
    expect(detectAmountStyle(['1299.00', '', 'abc'])).toBe('dot-decimal');
  });
  it('ambiguous values (1.234, 1,234) and no evidence default to dot-decimal', () => {
    expect(detectAmountStyle(['1.234', '1,234'])).toBe('dot-decimal');
    expect(detectAmountStyle([])).toBe('dot-decimal');
    expect(detectAmountStyle(['۱٬۲۵۰٬۰۰۰', '١٢٣٫٥٠'])).toBe('dot-decimal');
  });
  it('majority wins', () => {
    expect(detectAmountStyle(['1,5', '2,25', '3.5'])).toBe('comma-decimal');
  });
});

describe('sqlString', () => {
  it('doubles single quotes', () => expect(sqlString("it's")).toBe("'it''s'"));
});

describe('amountSqlExpr agrees with parseAmount in DuckDB', () => {
  for (const style of ['dot-decimal', 'comma-decimal'] as AmountStyle[]) {
    it(style, async () => {
      const e = await sharedNodeEngine();
      const values = CASES.map(([s]) => `(${sqlString(s)})`).join(', ');
      const rows = await queryRows<{ i: number; x: number | null }>(
        e, `SELECT i, ${amountSqlExpr('"v"', style)} AS x FROM (SELECT row_number() OVER () AS i, v FROM (VALUES ${values}) t(v)) ORDER BY i`,
      );
      expect(rows.map((r) => r.x)).toEqual(CASES.map(([s]) => parseAmount(s, style)));
      expect(rows.map((r) => r.x)).toEqual(CASES.map((c) => (style === 'dot-decimal' ? c[1] : c[2])));
    });
  }
  it('NULL input gives NULL', async () => {
    const e = await sharedNodeEngine();
    expect(await queryRows(e, `SELECT ${amountSqlExpr('NULL')} AS x`)).toEqual([{ x: null }]);
  });
});
