import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { ensureCalendar, jalaliDay } from '../../src/analyses/calendar';
import { runKpis } from '../../src/analyses/kpis';
import { periodLabel } from '../../src/analyses/periods';
import { createOrders } from './fixtures';

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  // 1402 is a common year: Esfand has 29 days, 1402/12/29 = 2024-03-19, 1403/01/01 = 2024-03-20.
  await createOrders(engine, [
    { customer: 'X', at: '2024-03-19 23:59:59', amount: 10 }, // 1402/12/29 → 1402-12
    { customer: 'Y', at: '2024-03-20 00:00:00', amount: 20 }, // 1403/01/01 → 1403-01
    { customer: 'X', at: '2024-04-19 12:00:00', amount: 30 }, // 1403/01/31 → 1403-01 (Farvardin has 31 days)
    { customer: 'Z', at: '2024-04-20 08:00:00', amount: 40 }, // 1403/02/01 → 1403-02
  ]);
});

describe('Jalali calendar', () => {
  it('converts days and period starts', () => {
    expect(jalaliDay('2024-03-19')).toMatchObject({ jy: 1402, jm: 12, jd: 29, monthStart: '2024-02-20', yearStart: '2023-03-21' });
    expect(jalaliDay('2024-03-20')).toMatchObject({ jy: 1403, jm: 1, jd: 1, monthStart: '2024-03-20', quarterStart: '2024-03-20' });
    expect(jalaliDay('2024-03-19').quarterStart).toBe('2023-12-22'); // 1402/10/01
    // Jalali weeks start on Saturday: 2024-03-20 is a Wednesday → week of Saturday 2024-03-16
    expect(jalaliDay('2024-03-20').weekStart).toBe('2024-03-16');
    expect(jalaliDay('2024-03-16').weekStart).toBe('2024-03-16');
    expect(jalaliDay('2024-03-22').weekStart).toBe('2024-03-16'); // Friday
  });

  it('builds calendar_days covering the orders plus a tail, and reuses it', async () => {
    await ensureCalendar(engine, {});
    const [c] = await queryRows<{ lo: string; hi: string; n: number }>(engine,
      'SELECT CAST(min(day) AS VARCHAR) AS lo, CAST(max(day) AS VARCHAR) AS hi, count(*) AS n FROM calendar_days');
    expect(c.lo).toBe('2024-03-19');
    expect(c.hi >= '2025-04-20').toBe(true);
    const [d] = await queryRows<{ jy: number; jm: number; jd: number; ms: string }>(engine,
      "SELECT jy, jm, jd, CAST(jalali_month_start AS VARCHAR) AS ms FROM calendar_days WHERE day = DATE '2024-03-20'");
    expect(d).toEqual({ jy: 1403, jm: 1, jd: 1, ms: '2024-03-20' });
    await ensureCalendar(engine, { asOf: '2024-04-20' });
    const [again] = await queryRows<{ n: number }>(engine, 'SELECT count(*) AS n FROM calendar_days');
    expect(again.n).toBe(c.n); // already covered: not rebuilt
  });

  it('panels that start together build the calendar once, without tripping over each other', async () => {
    await engine.query('DROP TABLE IF EXISTS calendar_days');
    // The report's panels all call ensureCalendar at once (a real bug: two interleaved builds both created the staging table).
    await Promise.all([ensureCalendar(engine, {}), ensureCalendar(engine, { asOf: '2025-01-01' }), ensureCalendar(engine, {})]);
    const [c] = await queryRows<{ hi: string }>(engine, 'SELECT CAST(max(day) AS VARCHAR) AS hi FROM calendar_days');
    expect(c.hi >= '2026-02-05').toBe(true); // 2025-01-01 + 400 days
  });

  it('Jalali monthly KPIs split at 1402/12/29 | 1403/01/01', async () => {
    const { periods } = await runKpis(engine, { calendar: 'jalali', period: 'month', churnDays: 90 });
    expect(periods.map((p) => [p.period, p.start, p.end, p.customers, p.orders, p.revenue])).toEqual([
      ['1402-12', '2024-02-20', '2024-03-20', 1, 1, 10],
      ['1403-01', '2024-03-20', '2024-04-20', 2, 2, 50],
      ['1403-02', '2024-04-20', '2024-05-21', 1, 1, 40],
    ]);
    expect(periods[1]).toMatchObject({ newCustomers: 1, returningCustomers: 1, activeAtStart: 1, activeAtEnd: 2 });
    expect(periods[2].complete).toBe(false); // asOf = 2024-04-20 = 1403/02/01
  });

  it('Jalali quarters and years', async () => {
    const q = await runKpis(engine, { calendar: 'jalali', period: 'quarter', churnDays: 90 });
    expect(q.periods.map((p) => [p.period, p.orders])).toEqual([['1402-Q4', 1], ['1403-Q1', 3]]);
    const y = await runKpis(engine, { calendar: 'jalali', period: 'year', churnDays: 90 });
    expect(y.periods.map((p) => [p.period, p.start, p.orders])).toEqual([['1402', '2023-03-21', 1], ['1403', '2024-03-20', 3]]);
    const w = await runKpis(engine, { calendar: 'jalali', period: 'week', churnDays: 90 });
    expect(w.periods[0]).toMatchObject({ period: '1402-12-26', start: '2024-03-16', end: '2024-03-23', orders: 2 });
  });
});

describe('period labels', () => {
  it('Gregorian ISO weeks, months, quarters, years', () => {
    expect(periodLabel('2023-01-09', 'week', 'gregorian')).toBe('2023-W02');
    expect(periodLabel('2020-12-28', 'week', 'gregorian')).toBe('2020-W53');
    expect(periodLabel('2024-12-30', 'week', 'gregorian')).toBe('2025-W01');
    expect(periodLabel('2023-01-01', 'month', 'gregorian')).toBe('2023-01');
    expect(periodLabel('2023-10-01', 'quarter', 'gregorian')).toBe('2023-Q4');
    expect(periodLabel('2023-01-01', 'year', 'gregorian')).toBe('2023');
  });
  it('Jalali months, quarters, years', () => {
    expect(periodLabel('2023-03-21', 'month', 'jalali')).toBe('1402-01');
    expect(periodLabel('2023-06-22', 'quarter', 'jalali')).toBe('1402-Q2'); // 1402/04/01
    expect(periodLabel('2024-03-20', 'year', 'jalali')).toBe('1403');
  });
});
