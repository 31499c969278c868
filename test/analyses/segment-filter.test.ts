/**
 * The segment filter on the personas fixture shop: with "Parents" (customers B and C) applied,
 * every analysis sees only their rows — the same figures as a shop that only ever had B and C —
 * and clearing the filter brings back the whole shop (no stale cache either way).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { queryRows } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { runKpiSummary } from '../../src/analyses/kpis';
import { runNps } from '../../src/analyses/nps';
import { applySegment, clearSegment } from '../../src/analyses/segment-filter';
import { buildPersonaGroups } from '../../src/analyses/persona-groups';
import { runChurnSegments } from '../../src/analyses/churn-segments';
import type { Persona } from '../../src/personas/rules';
import { createOrders, createResponses, type FixtureOrder } from './fixtures';

const ORDERS: FixtureOrder[] = [
  { customer: 'A', at: '2024-01-05', amount: 100, channel: 'website' },
  { customer: 'A', at: '2024-01-20', amount: 50, channel: 'instagram' },
  { customer: 'A', at: '2024-03-10', amount: 30, channel: 'website' },
  { customer: 'B', at: '2024-01-31 23:59:59', amount: 40, channel: 'instagram' },
  { customer: 'B', at: '2024-02-01 00:00:00', amount: 60, channel: 'instagram' },
  { customer: 'C', at: '2024-02-15', amount: 200, id: 'c1', channel: 'website' },
  { customer: 'C', at: '2024-02-15', amount: 100, id: 'c2', channel: 'website' },
  { customer: 'D', at: '2024-03-31', amount: 80, channel: 'email' },
];
const PARENTS: Persona = { id: 'parents', name: 'Parents', description: '', rules: [{ field: 'children', op: '≥', value: 1 }] };
const opts = { asOf: '2024-03-31', churnDays: 30 };

let engine: Engine;
async function shop(orders: FixtureOrder[]) {
  await engine.query('DROP TABLE IF EXISTS order_lines');
  await createOrders(engine, orders);
  await engine.query('DROP TABLE IF EXISTS customers');
  await engine.query(`CREATE TABLE customers AS SELECT * FROM (VALUES
    ('A', 25, '0'), ('B', 40, '2'), ('C', NULL, '1'), ('E', 33, '0')) t(customer_id, age, children)`);
  await createResponses(engine, [
    { customer: 'A', at: '2024-01-10 10:00:00', score: 10, scale: 'nps' },
    { customer: 'B', at: '2024-02-05 10:00:00', score: 8, scale: 'nps' },
    { customer: 'C', at: '2024-02-20 10:00:00', score: 2, scale: 'nps' },
  ]);
}
beforeAll(async () => {
  engine = await sharedNodeEngine();
});

describe('segment filter', () => {
  it('restricts every table to the members and gives the figures of a shop of only them', async () => {
    // Reference: the same shop with only B's and C's orders.
    await shop(ORDERS.filter((o) => o.customer === 'B' || o.customer === 'C'));
    const onlyParents = await runKpiSummary(engine, opts);

    await shop(ORDERS);
    const whole = await runKpiSummary(engine, opts);
    const applied = await applySegment(engine, PARENTS);
    expect(applied).toMatchObject({ personaId: 'parents', customers: 2 });
    expect(applied.tables).toEqual(['orders', 'customers', 'responses']); // order_lines absent, no subscriptions
    expect(await queryRows(engine, 'SELECT DISTINCT customer_id FROM orders ORDER BY 1')).toEqual([{ customer_id: 'B' }, { customer_id: 'C' }]);
    expect(await queryRows(engine, 'SELECT count(*)::INTEGER AS n FROM customers')).toEqual([{ n: 2 }]);
    const filtered = await runKpiSummary(engine, opts);
    expect(filtered).toEqual(onlyParents);
    expect(filtered.customers).toBe(2);
    // NPS of the members' answers only: B passive, C detractor → −50
    expect((await runNps(engine, opts)).nps).toMatchObject({ responses: 2, promoters: 0, detractors: 1, nps: -50 });

    await clearSegment(engine);
    expect(await runKpiSummary(engine, opts)).toEqual(whole);
    expect(whole.customers).toBe(4);
  });

  it('refuses a persona that does not fit the data, leaving no filter behind', async () => {
    await shop(ORDERS);
    const bad: Persona = { id: 'b', name: 'Club fans', description: '', rules: [{ field: 'favourite_club', op: '=', value: 'X' }] };
    await expect(applySegment(engine, bad)).rejects.toThrow(/Club fans cannot filter this data/);
    expect(await queryRows(engine, 'SELECT count(DISTINCT customer_id)::INTEGER AS n FROM orders')).toEqual([{ n: 4 }]);
  });

  it('re-applying replaces the filter; clearing twice is harmless', async () => {
    await shop(ORDERS);
    await applySegment(engine, PARENTS);
    const young: Persona = { id: 'y', name: 'Under 30', description: '', rules: [{ field: 'age', op: '<', value: 30 }] };
    expect((await applySegment(engine, young)).customers).toBe(1);
    expect(await queryRows(engine, 'SELECT DISTINCT customer_id FROM orders')).toEqual([{ customer_id: 'A' }]);
    await clearSegment(engine);
    await clearSegment(engine);
    expect(await queryRows(engine, 'SELECT count(DISTINCT customer_id)::INTEGER AS n FROM orders')).toEqual([{ n: 4 }]);
  });
});

describe('personas as a breakdown', () => {
  it('churn by persona: overlapping groups, customers in none, personas that do not fit left out', async () => {
    await shop(ORDERS);
    const young: Persona = { id: 'y', name: 'Under 30', description: '', rules: [{ field: 'age', op: '<', value: 30 }] };
    const fans: Persona = { id: 'f', name: 'Club fans', description: '', rules: [{ field: 'favourite_club', op: '=', value: 'X' }] };
    const everyone: Persona = { id: 'e', name: 'Everyone', description: '', rules: [] };
    expect((await buildPersonaGroups(engine, [PARENTS, young, fans, everyone])).skipped).toEqual(['Club fans']);
    const rows = await runChurnSegments(engine, { ...opts, by: 'persona' });
    // asOf 03-31, 30 days: at risk = first order ≤ 03-01 (A, B, C; D first bought 03-31);
    // churned = last order ≤ 03-01: B (02-01), C (02-15); A ordered 03-10.
    const by = Object.fromEntries(rows.map((r) => [String(r.segment), [r.customers, r.atRisk, r.churned]]));
    expect(by).toEqual({ Parents: [2, 2, 2], 'Under 30': [1, 1, 0], Everyone: [4, 3, 2] });
    // D is in "Everyone" only; with no catch-all persona D would be the "(none)" group:
    await buildPersonaGroups(engine, [PARENTS, young]);
    const rows2 = await runChurnSegments(engine, { ...opts, by: 'persona' });
    expect(rows2.find((r) => r.segment === null)).toMatchObject({ customers: 1, notYetAtRisk: 1, atRisk: 0 });
  });
});
