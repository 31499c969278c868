import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { runNps } from '../../src/analyses/nps';
import { createOrders, createResponses } from './fixtures';

// Orders (churnDays 30, asOf 2024-06-30 → at risk: first ≤ 05-31; churned: last ≤ 05-31)
//  P1 01-10 (email), 03-01   repeat, churned      P2 06-15 (email)         not yet at risk
//  N1 02-01 (social), 06-20  repeat, active       D1 01-20 (social)        churned
//  D2 02-10 (email), 02-20   repeat, churned      X  no orders, answers the survey
// NPS answers: P1 6 (01-15) then 10 (02-01), P2 9, N1 7, D1 3, D2 6, X 8; invalid 11; P1 0 on 07-05
// CSAT answers: N1 5, D1 2, D2 4, X 3; invalid 0
let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createOrders(engine, [
    { customer: 'P1', at: '2024-01-10', amount: 10, channel: 'email' },
    { customer: 'P1', at: '2024-03-01', amount: 10 },
    { customer: 'P2', at: '2024-06-15', amount: 10, channel: 'email' },
    { customer: 'N1', at: '2024-02-01', amount: 10, channel: 'social' },
    { customer: 'N1', at: '2024-06-20', amount: 10 },
    { customer: 'D1', at: '2024-01-20', amount: 10, channel: 'social' },
    { customer: 'D2', at: '2024-02-10', amount: 10, channel: 'email' },
    { customer: 'D2', at: '2024-02-20', amount: 10 },
  ]);
  await createResponses(engine, [
    { customer: 'P1', at: '2024-01-15 10:00:00', score: 6, scale: 'nps' },
    { customer: 'P1', at: '2024-02-01 10:00:00', score: 10, scale: 'nps' },
    { customer: 'P2', at: '2024-06-20', score: 9, scale: 'nps' },
    { customer: 'P2', at: '2024-06-20', score: 11, scale: 'nps' },
    { customer: 'N1', at: '2024-03-05', score: 7, scale: 'nps' },
    { customer: 'N1', at: '2024-03-05', score: 5, scale: 'csat' },
    { customer: 'D1', at: '2024-02-05', score: 3, scale: 'nps' },
    { customer: 'D1', at: '2024-02-05', score: 2, scale: 'csat' },
    { customer: 'D2', at: '2024-03-10', score: 6, scale: 'nps' },
    { customer: 'D2', at: '2024-03-10', score: 4, scale: 'csat' },
    { customer: 'X', at: '2024-04-01', score: 8, scale: 'nps' },
    { customer: 'X', at: '2024-04-01', score: 3, scale: 'csat' },
    { customer: 'X', at: '2024-04-02', score: 0, scale: 'csat' },
    { customer: 'P1', at: '2024-07-05', score: 0, scale: 'nps' },
  ]);
});
const OPTS = { asOf: '2024-06-30', churnDays: 30 };

describe('NPS and CSAT', () => {
  it('overall: every valid answer up to asOf', async () => {
    const r = await runNps(engine, OPTS);
    // 7 NPS answers: promoters 10, 9; passives 7, 8; detractors 6, 3, 6 → 100 × (2 − 3) / 7
    expect(r.nps).toMatchObject({ responses: 7, promoters: 2, passives: 2, detractors: 3 });
    expect(r.nps.nps).toBeCloseTo(-100 / 7, 12);
    expect(r.csat).toEqual({ responses: 4, satisfied: 2, csat: 50 }); // 5 and 4 of 5, 2, 4, 3
  });

  it('default asOf is the latest order or response day', async () => {
    const r = await runNps(engine, { churnDays: 30 });
    expect(r.asOf).toBe('2024-07-05');
    expect(r.nps).toMatchObject({ responses: 8, promoters: 2, detractors: 4, nps: -25 });
    expect(r.behaviour.find((b) => b.category === 'detractor')!.respondents).toBe(3); // P1's latest is now 0
  });

  it('over time by month', async () => {
    const r = await runNps(engine, OPTS);
    expect(r.overTime.map((p) => [p.period, p.nps.responses, p.nps.nps, p.csat.csat])).toEqual([
      ['2024-01', 1, -100, null],
      ['2024-02', 2, 0, 0],
      ['2024-03', 2, -50, 100],
      ['2024-04', 1, 0, 0],
      ['2024-05', 0, null, null],
      ['2024-06', 1, 100, null],
    ]);
  });

  it('by first-order channel and by cohort; people without orders are null', async () => {
    const ch = await runNps(engine, { ...OPTS, by: 'channel' });
    expect(ch.byGroup.map((g) => [g.segment, g.nps.responses, g.nps.nps, g.csat.csat])).toEqual([
      ['email', 4, 0, 100], // P1 10, 6; P2 9; D2 6 | D2 csat 4
      ['social', 2, -50, 50], // N1 7, D1 3 | 5, 2
      [null, 1, 0, 0], // X
    ]);
    const co = await runNps(engine, { ...OPTS, by: 'cohort' });
    const m = Object.fromEntries(co.byGroup.map((g) => [String(g.segment), g.nps.nps]));
    expect(m['2024-01']).toBeCloseTo(-100 / 3, 12); // P1 10, 6; D1 3
    expect([m['2024-02'], m['2024-06'], m.null]).toEqual([-50, 100, 0]);
    const rfm = await runNps(engine, { ...OPTS, by: 'rfm' });
    expect(rfm.byGroup.reduce((s, g) => s + g.nps.responses, 0)).toBe(7);
  });

  it('tied to behaviour: repeat and churn rates per latest answer', async () => {
    const r = await runNps(engine, OPTS);
    expect(r.behaviour).toEqual([
      { category: 'promoter', respondents: 2, customers: 2, repeatCustomers: 1, repeatRate: 0.5, atRisk: 1, churned: 1, churnRate: 1 },
      { category: 'passive', respondents: 2, customers: 1, repeatCustomers: 1, repeatRate: 1, atRisk: 1, churned: 0, churnRate: 0 },
      { category: 'detractor', respondents: 2, customers: 2, repeatCustomers: 1, repeatRate: 0.5, atRisk: 2, churned: 2, churnRate: 1 },
    ]);
  });

  it('Jalali periods for answers', async () => {
    const r = await runNps(engine, { ...OPTS, calendar: 'jalali' });
    // 2024-01-15 = 1402/10/25, 02-01 and 02-05 = 1402/11/12 and 16
    expect(r.overTime.slice(0, 2).map((p) => [p.period, p.nps.responses])).toEqual([['1402-10', 1], ['1402-11', 2]]);
  });
});
