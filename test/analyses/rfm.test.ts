import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { runRfm } from '../../src/analyses/rfm';
import { RFM_GRID, RFM_SEGMENTS, rfmSegment } from '../../src/analyses/rfm-segments';
import { addDays } from '../../src/analyses/days';
import { createOrders, type FixtureOrder } from './fixtures';

// asOf 2024-12-31. id: last order day (recency days), orders, revenue → R, F, M, segment
//  c01 12-31 (0)   6 600 → 5 5 5 Champions        c06 10-02 (90)  2  40 → 3 2 2 About to Sleep
//  c02 12-30 (1)   5 500 → 5 4 4 Champions        c07 08-03 (150) 1  30 → 2 1 2 Hibernating
//  c03 12-21 (10)  1  50 → 4 1 3 Promising        c08 07-04 (180) 5 700 → 2 4 5 At Risk
//  c04 12-11 (20)  4 400 → 4 4 4 Loyal Customers  c09 02-05 (330) 1  20 → 1 1 1 Lost
//  c05 11-01 (60)  3  90 → 3 3 3 Need Attention   c10 01-06 (360) 2  10 → 1 2 1 Lost
// 10 customers → ntile(5) puts 2 in each score. Ties in F: ntile order (frequency, id) gives
// freq 1: c03 1, c07 1, c09 2 → all 1; freq 2: c06 2, c10 3 → both 2; freq 5: c02 4, c08 5 → both 4.
const SPEC: [string, string, number, number][] = [
  ['c01', '2024-12-31', 6, 600], ['c02', '2024-12-30', 5, 500], ['c03', '2024-12-21', 1, 50],
  ['c04', '2024-12-11', 4, 400], ['c05', '2024-11-01', 3, 90], ['c06', '2024-10-02', 2, 40],
  ['c07', '2024-08-03', 1, 30], ['c08', '2024-07-04', 5, 700], ['c09', '2024-02-05', 1, 20],
  ['c10', '2024-01-06', 2, 10],
];
// Earlier orders fall on 2024-01-01, 01-02, …; the last one on the given day; equal amounts.
const ORDERS: FixtureOrder[] = SPEC.flatMap(([customer, last, n, revenue]) =>
  Array.from({ length: n }, (_, i) => ({ customer, at: i === n - 1 ? last : addDays('2024-01-01', i), amount: revenue / n })));

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createOrders(engine, ORDERS);
});

describe('RFM', () => {
  it('grid covers all 25 cells with the 11 segments', () => {
    expect(new Set(RFM_GRID.flat())).toEqual(new Set(RFM_SEGMENTS));
    expect([rfmSegment(5, 5), rfmSegment(1, 1), rfmSegment(1, 5), rfmSegment(5, 1), rfmSegment(3, 3)])
      .toEqual(['Champions', 'Lost', "Can't Lose Them", 'New Customers', 'Need Attention']);
  });

  it('scores and segments per customer', async () => {
    const r = await runRfm(engine, { asOf: '2024-12-31' });
    expect(r.rows.map((c) => [c.customerId, c.recencyDays, c.frequency, c.monetary, c.score, c.segment])).toEqual([
      ['c01', 0, 6, 600, '555', 'Champions'],
      ['c02', 1, 5, 500, '544', 'Champions'],
      ['c03', 10, 1, 50, '413', 'Promising'],
      ['c04', 20, 4, 400, '444', 'Loyal Customers'],
      ['c05', 60, 3, 90, '333', 'Need Attention'],
      ['c06', 90, 2, 40, '322', 'About to Sleep'],
      ['c07', 150, 1, 30, '212', 'Hibernating'],
      ['c08', 180, 5, 700, '245', 'At Risk'],
      ['c09', 330, 1, 20, '111', 'Lost'],
      ['c10', 360, 2, 10, '121', 'Lost'],
    ]);
  });

  it('segment summary: share, revenue share, averages', async () => {
    const r = await runRfm(engine, { asOf: '2024-12-31', customerLimit: 0 });
    expect(r.rows).toEqual([]);
    expect(r.customers).toBe(10);
    expect(r.segments.map((s) => s.segment)).toEqual([...RFM_SEGMENTS]);
    const champions = r.segments[0];
    expect(champions).toMatchObject({ customers: 2, share: 0.2, revenue: 1100, avgRecencyDays: 0.5, avgFrequency: 5.5, avgMonetary: 550 });
    expect(champions.revenueShare).toBeCloseTo(1100 / 2440, 12);
    expect(r.segments.find((s) => s.segment === 'Lost')).toMatchObject({ customers: 2, revenue: 30, avgRecencyDays: 345, avgFrequency: 1.5 });
    expect(r.segments.find((s) => s.segment === 'New Customers')).toMatchObject({ customers: 0, share: 0, avgMonetary: null });
  });

  it('equal values get equal scores (lowest)', async () => {
    // asOf 2025-01-31: everyone's recency grows by 31 days; nothing else changes.
    const r = await runRfm(engine, { asOf: '2025-01-31' });
    const f = new Map(r.rows.map((c) => [c.customerId, c.f]));
    expect([f.get('c03'), f.get('c07'), f.get('c09')]).toEqual([1, 1, 1]);
    expect([f.get('c02'), f.get('c08')]).toEqual([4, 4]);
  });
});
