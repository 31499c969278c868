import { describe, expect, it } from 'vitest';
import { columnValues, profileColumn } from '../../../src/data/detect/columns';

describe('columnValues', () => {
  it('takes one column and skips short rows', () => {
    expect(columnValues([['a', '1'], ['b'], ['c', '3']], 1)).toEqual(['1', '3']);
  });
});

describe('profileColumn', () => {
  it('dates', () => {
    const p = profileColumn(['2024-01-01', '2024-01-02', '', 'x']);
    expect(p).toMatchObject({ nonEmpty: 3, dateShare: 2 / 3, emailShare: 0 });
    expect(p.dateFormat.format).toBe('ymd');
  });
  it('numbers, integers and decimal style', () => {
    expect(profileColumn(['1', '2', '3'])).toMatchObject({ numberShare: 1, integerShare: 1, dateShare: 0 });
    expect(profileColumn(['1.234,56', '99,90'])).toMatchObject({ numberShare: 1, integerShare: 0, amountStyle: 'comma-decimal' });
  });
  it('e-mails', () => {
    expect(profileColumn(['a@b.co', 'x@y.org', 'nope'])).toMatchObject({ emailShare: 2 / 3, numberShare: 0 });
  });
  it('empty column', () => {
    expect(profileColumn(['', ' '])).toMatchObject({ nonEmpty: 0, dateShare: 0, numberShare: 0, emailShare: 0, integerShare: 0 });
  });
});
