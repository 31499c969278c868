/**
 * What the values of one column look like on the preview rows: dates, numbers, e-mails.
 * Used to confirm (or veto) a role chosen from the header, and to guess roles without headers.
 */
import { detectAmountStyle, parseAmount, type AmountStyle } from './numbers';
import { detectDateFormat, type DateFormat } from './dates';

export interface ColumnProfile {
  /** Non-empty cells. */
  nonEmpty: number;
  /** Share of non-empty cells that are dates in `dateFormat` (0 when none). */
  dateShare: number;
  /** Share of non-empty cells that are amounts in `amountStyle`. */
  numberShare: number;
  /** Share of non-empty cells that are e-mail addresses. */
  emailShare: number;
  /** Share of non-empty numbers that are whole numbers. */
  integerShare: number;
  dateFormat: DateFormat;
  amountStyle: AmountStyle;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The cells of column `index` (missing cells in short rows are skipped). */
export function columnValues(rows: string[][], index: number): string[] {
  const out: string[] = [];
  for (const r of rows) if (index < r.length) out.push(r[index] ?? '');
  return out;
}

export function profileColumn(values: string[]): ColumnProfile {
  const cells = values.map((v) => (v ?? '').trim()).filter((v) => v !== '');
  const n = cells.length;
  const dateFormat = detectDateFormat(cells);
  const amountStyle = detectAmountStyle(cells);
  const numbers = cells.map((c) => parseAmount(c, amountStyle)).filter((x): x is number => x != null);
  const share = (k: number) => (n === 0 ? 0 : k / n);
  return {
    nonEmpty: n,
    dateShare: share(dateFormat.matched),
    numberShare: share(numbers.length),
    emailShare: share(cells.filter((c) => EMAIL.test(c)).length),
    integerShare: numbers.length === 0 ? 0 : numbers.filter(Number.isInteger).length / numbers.length,
    dateFormat,
    amountStyle,
  };
}
