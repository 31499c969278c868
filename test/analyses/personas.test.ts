import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { queryRows } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { runKpiSummary } from '../../src/analyses/kpis';
import { runCohorts } from '../../src/analyses/cohorts';
import { ensureCustomerProfile, profileFields, runPersonas } from '../../src/analyses/personas';
import { suggestPersonas } from '../../src/analyses/persona-suggestions';
import { personaMembersSql, type Persona } from '../../src/personas/rules';
import { createOrders, createResponses, type FixtureOrder } from './fixtures';

// The kpis.test.ts shop (churnDays 30, asOf = 2024-03-31) with channel, city and product:
//  A: 01-05 100 website/Tehran/Jersey, 01-20 50 instagram/Tehran/Ball, 03-10 30 website/Tehran/Jersey
//  B: 01-31 23:59:59 40 instagram/Mashhad/Jersey, 02-01 60 instagram/Mashhad/Boots
//  C: 02-15 200 (c1) website/Tehran/Boots, 02-15 100 (c2) website/Tehran/Ball
//  D: 03-31 80 email/Shiraz/Ball; 03-20 999 refunded
// customers: A 25 single 0 Tehran; B 40 married 2 Mashhad; C (no age) married 1 Tehran;
//  E 33 single 0 Karaj (no orders: in no persona); D has no row (behaviour only).
const ORDERS: FixtureOrder[] = [
  { customer: 'A', at: '2024-01-05', amount: 100, channel: 'website', city: 'Tehran', product: 'Jersey' },
  { customer: 'A', at: '2024-01-20', amount: 50, channel: 'instagram', city: 'Tehran', product: 'Ball' },
  { customer: 'A', at: '2024-03-10', amount: 30, channel: 'website', city: 'Tehran', product: 'Jersey' },
  { customer: 'B', at: '2024-01-31 23:59:59', amount: 40, channel: 'instagram', city: 'Mashhad', product: 'Jersey' },
  { customer: 'B', at: '2024-02-01 00:00:00', amount: 60, channel: 'instagram', city: 'Mashhad', product: 'Boots' },
  { customer: 'C', at: '2024-02-15', amount: 200, id: 'c1', channel: 'website', city: 'Tehran', product: 'Boots' },
  { customer: 'C', at: '2024-02-15', amount: 100, id: 'c2', channel: 'website', city: 'Tehran', product: 'Ball' },
  { customer: 'D', at: '2024-03-31', amount: 80, channel: 'email', city: 'Shiraz', product: 'Ball' },
  { customer: 'D', at: '2024-03-20', amount: 999, status: 'refunded', channel: 'email', city: 'Shiraz', product: 'Ball' },
];

const YOUNG: Persona = {
  id: 'young', name: 'Young singles', description: '',
  rules: [{ field: 'age', op: 'between', value: [20, 32] }, { field: 'marital_status', op: '=', value: 'single' }],
};
const PARENTS: Persona = { id: 'parents', name: 'Parents', description: 'have children', rules: [{ field: 'children', op: '≥', value: 1 }] };
const TEHRAN_WEB: Persona = {
  id: 'tw', name: 'Tehran web', description: '',
  rules: [{ field: 'first_channel', op: '=', value: 'website' }, { field: 'first_city', op: '=', value: 'Tehran' }],
};
const EVERYONE: Persona = { id: 'all', name: 'Everyone', description: '', rules: [] };

let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await engine.query('DROP TABLE IF EXISTS order_lines');
  await createOrders(engine, ORDERS);
  await engine.query('DROP TABLE IF EXISTS customers');
  await engine.query(`CREATE TABLE customers AS SELECT * FROM (VALUES
    ('A', 25, 'single', '0', 'Tehran'), ('B', 40, 'married', '2', 'Mashhad'), ('C', NULL, 'married', '1', 'Tehran'),
    ('E', 33, 'single', '0', 'Karaj')) t(customer_id, age, marital_status, children, city)`);
  await createResponses(engine, [
    { customer: 'A', at: '2024-01-10 10:00:00', score: 10, scale: 'nps' },
    { customer: 'A', at: '2024-03-15 10:00:00', score: 3, scale: 'nps' },
    { customer: 'A', at: '2024-03-16 10:00:00', score: 5, scale: 'csat' },
    { customer: 'B', at: '2024-02-05 10:00:00', score: 8, scale: 'nps' },
    { customer: 'C', at: '2024-02-20 10:00:00', score: 9, scale: 'nps' },
    { customer: 'E', at: '2024-03-01 10:00:00', score: 9, scale: 'nps' },
    { customer: 'D', at: '2024-04-05 10:00:00', score: 10, scale: 'nps' }, // after asOf: ignored
  ]);
});

async function members(p: Persona): Promise<string[]> {
  const profile = await ensureCustomerProfile(engine, { churnDays: 30 });
  const rows = await queryRows<{ customer_id: string }>(engine, `${personaMembersSql(p, profile.fields)} ORDER BY customer_id`);
  return rows.map((r) => r.customer_id);
}

describe('customer profile', () => {
  it('one row per buyer with attributes and behaviour', async () => {
    const profile = await ensureCustomerProfile(engine, { churnDays: 30 });
    expect(profile.asOf).toBe('2024-03-31');
    const types = Object.fromEntries(profile.fields.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({
      age: 'number', marital_status: 'text', children: 'number', city: 'text',
      orders: 'number', spend: 'number', aov: 'number', recency_days: 'number', tenure_days: 'number',
      first_channel: 'text', first_city: 'text', favourite_product: 'text', rfm_segment: 'text', nps_group: 'text',
    });
    expect(types.favourite_category).toBeUndefined(); // orders has no category column
    const rows = await queryRows(engine, `SELECT customer_id, age, marital_status, children, city, orders, spend, aov, recency_days, tenure_days,
      first_channel, first_city, favourite_product, nps_group FROM rn_customer_profile ORDER BY customer_id`);
    expect(rows).toEqual([
      { customer_id: 'A', age: 25, marital_status: 'single', children: 0, city: 'Tehran', orders: 3, spend: 180, aov: 60, recency_days: 21, tenure_days: 86,
        first_channel: 'website', first_city: 'Tehran', favourite_product: 'Jersey', nps_group: 'detractor' },
      { customer_id: 'B', age: 40, marital_status: 'married', children: 2, city: 'Mashhad', orders: 2, spend: 100, aov: 50, recency_days: 59, tenure_days: 60,
        first_channel: 'instagram', first_city: 'Mashhad', favourite_product: 'Boots', nps_group: 'passive' },
      { customer_id: 'C', age: null, marital_status: 'married', children: 1, city: 'Tehran', orders: 2, spend: 300, aov: 150, recency_days: 45, tenure_days: 45,
        first_channel: 'website', first_city: 'Tehran', favourite_product: 'Boots', nps_group: 'promoter' },
      { customer_id: 'D', age: null, marital_status: null, children: null, city: null, orders: 1, spend: 80, aov: 80, recency_days: 0, tenure_days: 0,
        first_channel: 'email', first_city: 'Shiraz', favourite_product: 'Ball', nps_group: null },
    ]);
  });

  it('is built once per data version and rebuilt when customers change', async () => {
    await ensureCustomerProfile(engine, { churnDays: 30 });
    await engine.query(`INSERT INTO rn_customer_profile SELECT * FROM rn_customer_profile WHERE customer_id = 'A'`); // marker
    await ensureCustomerProfile(engine, { churnDays: 30 });
    expect((await queryRows<{ n: number }>(engine, 'SELECT count(*) AS n FROM rn_customer_profile'))[0].n).toBe(5); // reused
    await engine.query(`UPDATE customers SET city = 'Tehran' WHERE customer_id = 'E'`);
    await engine.query(`INSERT INTO customers VALUES ('F', 50, 'single', '3', 'Qom')`);
    await ensureCustomerProfile(engine, { churnDays: 30 });
    expect((await queryRows<{ n: number }>(engine, 'SELECT count(*) AS n FROM rn_customer_profile'))[0].n).toBe(4); // rebuilt
    await engine.query(`DELETE FROM customers WHERE customer_id = 'F'`);
  });

  it('lists fields with values and ranges for the pickers', async () => {
    const fields = await profileFields(engine, { churnDays: 30 });
    const city = fields.find((f) => f.name === 'city')!;
    expect(city.source).toBe('attribute');
    expect(city.customers).toBe(3);
    expect(city.values).toEqual([{ value: 'Tehran', customers: 2 }, { value: 'Mashhad', customers: 1 }]);
    const age = fields.find((f) => f.name === 'age')!;
    expect([age.min, age.max, age.customers]).toEqual([25, 40, 2]);
    expect(fields.find((f) => f.name === 'first_channel')!.values!.map((v) => v.value)).toEqual(['website', 'email', 'instagram']);
  });
});

describe('memberships', () => {
  it('follows the rules; missing values never match', async () => {
    expect(await members(YOUNG)).toEqual(['A']);
    expect(await members(PARENTS)).toEqual(['B', 'C']);
    expect(await members(TEHRAN_WEB)).toEqual(['A', 'C']);
    expect(await members(EVERYONE)).toEqual(['A', 'B', 'C', 'D']);
    const one = (rule: Persona['rules'][number]) => members({ id: 'x', name: 'x', description: '', rules: [rule] });
    expect(await one({ field: 'age', op: '≠', value: 25 })).toEqual(['B']); // C and D have no age
    expect(await one({ field: 'marital_status', op: 'not in', value: ['single'] })).toEqual(['B', 'C']);
    expect(await one({ field: 'city', op: 'contains', value: 'TEH' })).toEqual(['A', 'C']);
    expect(await one({ field: 'recency_days', op: '≥', value: 45 })).toEqual(['B', 'C']);
    expect(await one({ field: 'spend', op: '<', value: 100 })).toEqual(['D']);
    expect(await one({ field: 'orders', op: '>', value: 2 })).toEqual(['A']);
    expect(await one({ field: 'aov', op: '≤', value: 60 })).toEqual(['A', 'B']);
    expect(await one({ field: 'favourite_product', op: 'in', value: ['Boots'] })).toEqual(['B', 'C']);
    expect(await one({ field: 'nps_group', op: '=', value: 'detractor' })).toEqual(['A']);
    expect(await one({ field: 'first_channel', op: '≠', value: 'website' })).toEqual(['B', 'D']);
  });
});

describe('runPersonas', () => {
  it('a persona matching everyone reproduces the KPI summary', async () => {
    for (const churnDays of [30, 90]) {
      const k = await runKpiSummary(engine, { churnDays });
      const r = await runPersonas(engine, [EVERYONE], { churnDays });
      const p = r.personas[0];
      expect(r.observedDays).toBe(k.observedDays);
      expect(p.customers).toBe(k.customers);
      expect(p.share).toBe(1);
      expect(p.revenueShare).toBe(1);
      expect(p.aov).toBe(k.aov);
      expect(p.purchaseFrequency).toBe(k.purchaseFrequency);
      expect(p.repeatCustomerRate).toBe(k.repeatCustomerRate);
      expect(p.churnRate).toBe(k.churnRate);
      expect([p.atRisk, p.churned, p.notYetAtRisk]).toEqual([k.churnBase, k.churned, k.notYetAtRisk]);
      expect(p.customerValue).toBe(k.customerValue);
      expect(p.avgLifespanDays).toBe(k.avgLifespanDays);
      expect(p.historicCltv).toBe(k.historicCltv);
      expect(r.all.historicCltv).toBe(k.historicCltv);
    }
  });

  it('hand-computed figures of a persona', async () => {
    const r = await runPersonas(engine, [YOUNG, PARENTS, TEHRAN_WEB], { churnDays: 30, retentionPeriods: 3 });
    expect(r.asOf).toBe('2024-03-31');
    expect(r.observedDays).toBe(87);
    const p = r.personas[1]; // parents: B, C
    expect(p.customers).toBe(2);
    expect(p.share).toBe(0.5);
    expect(p.orders).toBe(4);
    expect(p.revenue).toBe(400);
    expect(p.revenueShare).toBeCloseTo(400 / 660, 12);
    expect(p.aov).toBe(100);
    expect(p.purchaseFrequency).toBe(2);
    expect(p.repeatCustomerRate).toBe(1);
    // at risk: first order ≤ 03-01 (B, C); churned: last order ≤ 03-01 (B 02-01, C 02-15)
    expect([p.atRisk, p.churned, p.churnRate]).toEqual([2, 2, 1]);
    expect(p.avgLifespanDays).toBe(0.5); // B 1 day, C 0
    expect(p.customerValue).toBe(200);
    expect(p.historicCltv).toBeCloseTo((200 * 0.5) / 87, 12); // per year × years
    expect(p.nps).toEqual({ responses: 2, promoters: 1, passives: 1, detractors: 0, nps: 50 }); // B 8, C 9
    expect(p.preferredChannel).toEqual({ channel: 'instagram', customers: 1, share: 0.5 }); // tie → by name
    expect(p.topProducts).toEqual([
      { product: 'Boots', orders: 2, customers: 2, revenue: 260 },
      { product: 'Ball', orders: 1, customers: 1, revenue: 100 },
      { product: 'Jersey', orders: 1, customers: 1, revenue: 40 },
    ]);
    // cohorts: B Jan (active Jan, Feb), C Feb (active Feb); every cell up to March is complete
    expect(p.retention).toEqual([1, 0.5, 0, null]);
    expect(p.retentionSize).toEqual([2, 2, 1, 0]);

    const y = r.personas[0]; // A: NPS answers 10 and 3, one CSAT 5
    expect(y.nps).toEqual({ responses: 2, promoters: 1, passives: 0, detractors: 1, nps: 0 });
    expect(y.csat).toEqual({ responses: 1, satisfied: 1, csat: 100 });
    expect(y.preferredChannel).toEqual({ channel: 'website', customers: 1, share: 1 });
    expect(y.topProducts.map((x) => x.product)).toEqual(['Jersey', 'Ball']);
    expect(y.churnRate).toBe(0);
    expect(r.overlap).toEqual([[1, 0, 1], [0, 2, 1], [1, 1, 2]]);
    expect(r.all.customers).toBe(4);
    expect(r.all.nps.responses).toBe(4); // A 2, B, C; E has no orders, D answered after asOf
  });

  it('the whole base\'s retention curve is the cohorts\' average row', async () => {
    const r = await runPersonas(engine, [], { churnDays: 30, retentionPeriods: 5 });
    const c = await runCohorts(engine, { churnDays: 30 });
    const want = c.average.retention.slice(0, 6);
    while (want.length < 6) want.push(null);
    expect(r.all.retention).toEqual(want);
    expect(r.overlap).toEqual([]);
  });

  it('weekly and Jalali curves follow runCohorts too', async () => {
    for (const o of [{ period: 'week' as const }, { calendar: 'jalali' as const }]) {
      const r = await runPersonas(engine, [PARENTS], { churnDays: 30, retentionPeriods: 3, ...o });
      const c = await runCohorts(engine, { churnDays: 30, ...o });
      const want = c.average.retention.slice(0, 4);
      while (want.length < 4) want.push(null);
      expect(r.all.retention).toEqual(want);
    }
  });

  it('an earlier asOf rebuilds the profile: later orders are not seen', async () => {
    const r = await runPersonas(engine, [PARENTS], { churnDays: 30, asOf: '2024-01-31' });
    expect(r.asOf).toBe('2024-01-31');
    expect(r.all.customers).toBe(2); // A, B (B's 23:59:59 order counts)
    expect(r.personas[0].customers).toBe(1); // B
    expect(r.personas[0].orders).toBe(1);
    const profile = await queryRows<{ customer_id: string; recency_days: number }>(engine, 'SELECT customer_id, recency_days FROM rn_customer_profile ORDER BY 1');
    expect(profile).toEqual([{ customer_id: 'A', recency_days: 11 }, { customer_id: 'B', recency_days: 0 }]);
  });

  it('rejects invalid personas with the reason', async () => {
    await expect(runPersonas(engine, [{ id: 'x', name: 'Bad', description: '', rules: [{ field: 'shoe_size', op: '=', value: 42 }] }]))
      .rejects.toThrow(/Persona "Bad": Rule 1: Unknown field "shoe_size"/);
    await expect(runPersonas(engine, [{ id: 'x', name: 'Bad', description: '', rules: [{ field: 'city', op: '<', value: 3 }] }]))
      .rejects.toThrow(/"<" does not apply to city, a text field/);
    await expect(runPersonas(engine, [PARENTS, PARENTS])).rejects.toThrow('Two personas have the id "parents".');
  });

  it('empty personas give zeros and nulls', async () => {
    const r = await runPersonas(engine, [{ id: 'n', name: 'Nobody', description: '', rules: [{ field: 'age', op: '>', value: 100 }] }], { churnDays: 30 });
    const p = r.personas[0];
    expect([p.customers, p.share, p.aov, p.churnRate, p.historicCltv, p.nps.nps, p.preferredChannel]).toEqual([0, 0, null, null, null, null, null]);
    expect(p.topProducts).toEqual([]);
  });
});

describe('suggestPersonas', () => {
  it('one per RFM segment with ≥ 1% and the big channel × city combinations', async () => {
    const s = await suggestPersonas(engine, { churnDays: 30, minComboShare: 0.3 });
    const profile = await queryRows<{ rfm_segment: string; n: number }>(engine, 'SELECT rfm_segment, count(*) AS n FROM rn_customer_profile GROUP BY 1');
    const rfm = s.filter((x) => x.label.kind === 'rfm');
    expect(rfm.length).toBe(profile.length);
    for (const x of rfm) {
      if (x.label.kind !== 'rfm') continue;
      expect(x.id).toBe(`rfm-${x.label.segment.toLowerCase().replace(/[^a-z]+/g, '-')}`);
      expect(x.rules).toEqual([{ field: 'rfm_segment', op: '=', value: x.label.segment }]);
      expect(x.label.asOf).toBe('2024-03-31');
    }
    const combos = s.filter((x) => x.label.kind === 'channel-city');
    expect(combos.map((x) => [x.id, x.label, x.customers, x.share])).toEqual([
      ['first-website-tehran', { kind: 'channel-city', channel: 'website', city: 'Tehran' }, 2, 0.5],
    ]);
    expect(combos[0].rules).toEqual(TEHRAN_WEB.rules);
    for (const x of s) expect((await members({ id: x.id, name: x.id, description: '', rules: x.rules })).length).toBe(x.customers);
  });
});
