/**
 * Jalali acquisition cohorts (runCohorts with calendar 'jalali') have the real Jalali boundaries,
 * checked against jalaali-js: the end of the common year 1402 (Esfand has 29 days), the end of the
 * leap year 1403 (Esfand has 30 days: 1403/12/30 = 2025-03-20), and the quarter and year cohorts
 * around them. calendar.test.ts covers the calendar table, KPI periods and period labels; this file
 * covers cohorts: membership, labels, starts, widths (months elapsed) and completeness.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { jalaaliMonthLength, toGregorian, toJalaali, isLeapJalaaliYear } from 'jalaali-js';
import type { Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { runCohorts, type CohortRow } from '../../src/analyses/cohorts';
import { addDays } from '../../src/analyses/days';
import { createOrders, type FixtureOrder } from './fixtures';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const iso = (g: { gy: number; gm: number; gd: number }) => `${pad(g.gy, 4)}-${pad(g.gm)}-${pad(g.gd)}`;
const jalali = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return toJalaali(y, m, d);
};
/** The Jalali month label and first day (ISO) of a Gregorian day, by jalaali-js. */
const monthOf = (day: string) => {
  const j = jalali(day);
  return { label: `${j.jy}-${pad(j.jm)}`, start: iso(toGregorian(j.jy, j.jm, 1)) };
};
const quarterOf = (day: string) => {
  const j = jalali(day);
  const q = Math.floor((j.jm - 1) / 3);
  return { label: `${j.jy}-Q${q + 1}`, start: iso(toGregorian(j.jy, 3 * q + 1, 1)) };
};
const yearOf = (day: string) => {
  const j = jalali(day);
  return { label: String(j.jy), start: iso(toGregorian(j.jy, 1, 1)) };
};
/** Jalali months from the month of `a` to the month of `b` (0 when the same). */
const monthsBetween = (a: string, b: string) => {
  const x = jalali(a), y = jalali(b);
  return (y.jy - x.jy) * 12 + (y.jm - x.jm);
};

// Customers by their first order:
//  A 2024-03-19 23:59:59 = 1402/12/29, the last day of Esfand 1402 (a common year) → 1402-12
//  B 2024-03-20 00:00:00 = 1403/01/01 (Nowruz 1403)                                 → 1403-01
//  C 2025-03-19 = 1403/12/29 and D 2025-03-20 = 1403/12/30 (leap day of 1403)       → 1403-12
//  E 2025-03-21 = 1404/01/01                                                        → 1404-01
// Returning orders: A on 1403/01/01 (k = 1); B on 1403/12/30 (k = 11) and 1404/01/01 (k = 12);
// C on 1403/12/30 (same month, k = 0).
const ORDERS: FixtureOrder[] = [
  { customer: 'A', at: '2024-03-19 23:59:59', amount: 10 },
  { customer: 'B', at: '2024-03-20 00:00:00', amount: 20 },
  { customer: 'A', at: '2024-03-20 08:00:00', amount: 1 },
  { customer: 'C', at: '2025-03-19 12:00:00', amount: 30 },
  { customer: 'D', at: '2025-03-20 23:59:59', amount: 40 },
  { customer: 'C', at: '2025-03-20 00:00:00', amount: 3 },
  { customer: 'B', at: '2025-03-20 10:00:00', amount: 2 },
  { customer: 'E', at: '2025-03-21 00:00:00', amount: 50 },
  { customer: 'B', at: '2025-03-21 09:00:00', amount: 4 },
];
const FIRST: Record<string, string> = { A: '2024-03-19', B: '2024-03-20', C: '2025-03-19', D: '2025-03-20', E: '2025-03-21' };
const LAST_DAY = '2025-03-21';

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createOrders(engine, ORDERS);
});

describe('the dates of this file, by jalaali-js', () => {
  it('1402 is common (Esfand 29 days), 1403 is leap (Esfand 30 days)', () => {
    expect(isLeapJalaaliYear(1402)).toBe(false);
    expect(isLeapJalaaliYear(1403)).toBe(true);
    expect(jalaaliMonthLength(1402, 12)).toBe(29);
    expect(jalaaliMonthLength(1403, 12)).toBe(30);
    expect(jalali('2024-03-19')).toEqual({ jy: 1402, jm: 12, jd: 29 });
    expect(jalali('2024-03-20')).toEqual({ jy: 1403, jm: 1, jd: 1 });
    expect(jalali('2025-03-19')).toEqual({ jy: 1403, jm: 12, jd: 29 });
    expect(jalali('2025-03-20')).toEqual({ jy: 1403, jm: 12, jd: 30 });
    expect(jalali('2025-03-21')).toEqual({ jy: 1404, jm: 1, jd: 1 });
    expect(iso(toGregorian(1403, 1, 1))).toBe('2024-03-20');
    expect(iso(toGregorian(1404, 1, 1))).toBe('2025-03-21');
  });
});

describe('Jalali monthly cohorts at the ends of 1402 and 1403', () => {
  let rows: CohortRow[];
  beforeAll(async () => {
    rows = (await runCohorts(engine, { calendar: 'jalali', period: 'month' })).cohorts;
  });

  it('labels 1402-12, 1403-01, 1403-12, 1404-01 with the customers of each', () => {
    expect(rows.map((r) => r.cohort)).toEqual(['1402-12', '1403-01', '1403-12', '1404-01']);
    expect(rows.map((r) => r.size)).toEqual([1, 1, 2, 1]);
    // every label and size is what jalaali-js gives for the customers' first days
    const bySize = new Map<string, number>();
    for (const day of Object.values(FIRST)) bySize.set(monthOf(day).label, (bySize.get(monthOf(day).label) ?? 0) + 1);
    expect(Object.fromEntries(rows.map((r) => [r.cohort, r.size]))).toEqual(Object.fromEntries(bySize));
  });

  it('1402/12/29 and 1403/01/01 are different cohorts; 1403/12/29 and 1403/12/30 the same; 1404/01/01 a new one', () => {
    const [esfand02, farvardin03, esfand03, farvardin04] = rows;
    expect(esfand02.cohort).not.toBe(farvardin03.cohort);
    expect(esfand03.size).toBe(2); // C (12/29) and D (12/30, the leap day)
    expect(farvardin04.cohort).toBe('1404-01');
    expect(farvardin04.size).toBe(1);
  });

  it('cohort starts are the 1st of the Jalali month (jalaali-js)', () => {
    expect(rows.map((r) => r.start)).toEqual(['2024-02-20', '2024-03-20', '2025-02-19', '2025-03-21']);
    for (const r of rows) {
      const [jy, jm] = r.cohort.split('-').map(Number);
      expect(r.start, r.cohort).toBe(iso(toGregorian(jy, jm, 1)));
      expect(jalali(r.start)).toEqual({ jy, jm, jd: 1 });
    }
    // consecutive Jalali months are jalaaliMonthLength days apart: Esfand 1403 ends after its 30th day
    expect(addDays(rows[2].start, jalaaliMonthLength(1403, 12))).toBe(rows[3].start);
    expect(addDays(rows[0].start, jalaaliMonthLength(1402, 12))).toBe(rows[1].start);
  });

  it('a cohort runs to the month of the last order: its width counts Jalali months', () => {
    for (const r of rows) expect(r.active.length, r.cohort).toBe(monthsBetween(r.start, LAST_DAY) + 1);
    expect(rows.map((r) => r.active.length)).toEqual([14, 13, 2, 1]);
  });

  it('returning orders land in the right Jalali month after the cohort', () => {
    const [esfand02, farvardin03, esfand03, farvardin04] = rows;
    // A: 1402/12/29 then 1403/01/01 (8 hours later) → k = 1
    expect(esfand02.active.slice(0, 3)).toEqual([1, 1, 0]);
    expect(esfand02.revenue.slice(0, 2)).toEqual([10, 1]);
    // B: 1403/01/01, 1403/12/30 (k = 11), 1404/01/01 (k = 12)
    expect(farvardin03.active).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(farvardin03.revenue[11]).toBe(2);
    expect(farvardin03.revenue[12]).toBe(4);
    // C's 1403/12/30 order is still in Esfand (k = 0): 3 orders in k = 0, no one in Farvardin 1404
    expect(esfand03.orders).toEqual([3, 0]);
    expect(esfand03.revenue).toEqual([73, 0]);
    expect(esfand03.active).toEqual([2, 0]);
    expect(farvardin04.active).toEqual([1]);
  });

  it('completeness: Esfand 1403 ends with its 30th day', async () => {
    const onLeapDay = (await runCohorts(engine, { calendar: 'jalali', asOf: '2025-03-20' })).cohorts;
    expect(onLeapDay.map((r) => r.cohort)).toEqual(['1402-12', '1403-01', '1403-12']); // E's order is after asOf
    expect(onLeapDay[2].complete).toEqual([true]); // 1403/12/30 is the last day of Esfand
    const dayBefore = (await runCohorts(engine, { calendar: 'jalali', asOf: '2025-03-19' })).cohorts;
    expect(dayBefore[2]).toMatchObject({ cohort: '1403-12', size: 1, complete: [false] }); // one day of Esfand left
    expect(rows[2].complete).toEqual([true, false]); // asOf 1404/01/01: Farvardin has just begun
  });
});

describe('Jalali quarter and year cohorts', () => {
  it('quarters: 1402-Q4 | 1403-Q1 at Nowruz 1403, 1403-Q4 | 1404-Q1 at Nowruz 1404', async () => {
    const rows = (await runCohorts(engine, { calendar: 'jalali', period: 'quarter' })).cohorts;
    expect(rows.map((r) => [r.cohort, r.start, r.size])).toEqual([
      ['1402-Q4', '2023-12-22', 1], ['1403-Q1', '2024-03-20', 1], ['1403-Q4', '2024-12-21', 2], ['1404-Q1', '2025-03-21', 1],
    ]);
    for (const r of rows) {
      expect(quarterOf(r.start), r.cohort).toEqual({ label: r.cohort, start: r.start });
    }
    for (const [c, day] of Object.entries(FIRST)) expect(rows.some((r) => r.cohort === quarterOf(day).label), c).toBe(true);
    // B (1403-Q1) returns in 1403-Q4 (k = 3) and 1404-Q1 (k = 4)
    expect(rows[1].active).toEqual([1, 0, 0, 1, 1]);
    expect(rows[0].active).toEqual([1, 1, 0, 0, 0, 0]); // A: 1402-Q4 then 1403-Q1
  });

  it('years: 1403 starts on 2024-03-20, 1404 on 2025-03-21', async () => {
    const rows = (await runCohorts(engine, { calendar: 'jalali', period: 'year' })).cohorts;
    expect(rows.map((r) => [r.cohort, r.start, r.size])).toEqual([['1402', '2023-03-21', 1], ['1403', '2024-03-20', 3], ['1404', '2025-03-21', 1]]);
    for (const r of rows) expect(yearOf(r.start), r.cohort).toEqual({ label: r.cohort, start: r.start });
    expect(rows[1].active).toEqual([3, 1]); // B, C, D in 1403; B again in 1404 (the leap day order stays in 1403)
    expect(rows[1].revenue).toEqual([20 + 30 + 40 + 3 + 2, 4]);
    expect(rows[0].active).toEqual([1, 1, 0]);
  });

  it('Gregorian cohorts of the same orders differ (the Jalali ones are not relabelled months)', async () => {
    const rows = (await runCohorts(engine, { calendar: 'gregorian', period: 'month' })).cohorts;
    expect(rows.map((r) => [r.cohort, r.size])).toEqual([['2024-03', 2], ['2025-03', 3]]);
  });
});

describe('a first order on every day of 1402/12 … 1404/01: cohorts match jalaali-js day by day', () => {
  const FROM = '2024-02-10', DAYS = 420; // 1402/11/21 … 1404/02/…
  const days = Array.from({ length: DAYS }, (_, i) => addDays(FROM, i));
  beforeAll(async () => {
    await createOrders(engine, days.map((day, i) => ({ customer: `c${pad(i, 4)}`, at: `${day} ${i % 2 ? '23:59:59' : '00:00:00'}`, amount: 1 })));
  });

  it.each([
    ['month', monthOf],
    ['quarter', quarterOf],
    ['year', yearOf],
  ] as const)('%s cohorts: label, start and size of each', async (period, of) => {
    const rows = (await runCohorts(engine, { calendar: 'jalali', period })).cohorts;
    const want = new Map<string, { start: string; size: number }>();
    for (const day of days) {
      const p = of(day);
      const w = want.get(p.label) ?? { start: p.start, size: 0 };
      w.size++;
      want.set(p.label, w);
    }
    expect(rows.map((r) => [r.cohort, r.start, r.size])).toEqual([...want].map(([label, w]) => [label, w.start, w.size]));
    if (period === 'month') {
      // sizes are the month lengths, for every month wholly inside the range
      for (const r of rows.slice(1, -1)) {
        const [jy, jm] = r.cohort.split('-').map(Number);
        expect(r.size, r.cohort).toBe(jalaaliMonthLength(jy, jm));
      }
      expect(rows.find((r) => r.cohort === '1402-12')?.size).toBe(29);
      expect(rows.find((r) => r.cohort === '1403-12')?.size).toBe(30);
    }
  });
});
