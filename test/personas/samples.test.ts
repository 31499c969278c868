import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { Engine } from '../../src/engine/engine';
import { runKpiSummary } from '../../src/analyses/kpis';
import { profileFields, runPersonas, type PersonasResult } from '../../src/analyses/personas';
import { suggestPersonas, type PersonaSuggestion } from '../../src/analyses/persona-suggestions';
import { SAMPLE_PERSONAS } from '../../src/personas/samples';
import { freshSession, loadPath } from '../data/load-helpers';

const SAMPLE = 'public/sample';

describe('the seeds\' personas on the bundled sample (loaded through the user path)', () => {
  let engine: Engine;
  let r: PersonasResult;
  let suggestions: PersonaSuggestion[];
  beforeAll(async () => {
    if (!existsSync(`${SAMPLE}/orders.csv`)) execFileSync('node', ['sample-data/ensure.mjs']);
    const s = await freshSession();
    for (const f of ['orders.csv', 'customers.csv', 'responses.csv']) await loadPath(s, `${SAMPLE}/${f}`);
    engine = s.engine;
    r = await runPersonas(engine, SAMPLE_PERSONAS);
    suggestions = await suggestPersonas(engine);
  }, 120_000);

  it('Saeed: about 1,700 customers (sample-data/README.md), repeat ≈ 0.41, jerseys of their clubs', () => {
    const p = r.personas[0];
    expect(p.name).toBe('Saeed');
    expect(p.customers).toBe(1659);
    expect(p.orders).toBe(4303);
    expect(p.repeatCustomers).toBe(667);
    expect(p.repeatCustomerRate).toBeCloseTo(0.402, 3);
    expect(p.share).toBeCloseTo(0.143, 3);
    expect(p.revenueShare).toBeCloseTo(0.0984, 4);
    expect(p.churnRate).toBeCloseTo(0.796, 3);
    expect(p.nps.responses).toBe(502);
    expect(p.nps.nps).toBeCloseTo(24.3, 1);
    expect(p.preferredChannel).toMatchObject({ channel: 'instagram', customers: 672 });
    expect(p.topProducts.map((x) => x.product)).toEqual(['Liverpool Home Jersey', 'Manchester United Home Jersey', 'Manchester City Home Jersey']);
  });

  it('Ali and Nazanin: about 4,000 customers, ≈3.7 orders each, kids\' kits first, NPS ≈ 40', () => {
    const p = r.personas[1];
    expect(p.name).toBe('Ali and Nazanin');
    expect(p.customers).toBe(3901);
    expect(p.orders).toBe(14426);
    expect(p.purchaseFrequency).toBeCloseTo(3.698, 3);
    expect(p.repeatCustomerRate).toBeCloseTo(0.470, 3);
    expect(p.revenueShare).toBeCloseTo(0.444, 3);
    expect(p.nps.responses).toBe(1184);
    expect(p.nps.nps).toBeCloseTo(40.0, 1);
    expect(p.preferredChannel?.channel).toBe('website');
    expect(p.topProducts[0].product).toBe('Kids Football School Kit');
    // families come back more than Saeeds and than the whole base
    expect(p.retention[1]!).toBeGreaterThan(r.all.retention[1]!);
    expect(r.personas[0].retention[1]!).toBeLessThan(r.all.retention[1]!);
  });

  it('the two do not overlap (singles 20–32 vs parents 30–45)', () => {
    expect(r.overlap).toEqual([[1659, 0], [0, 3901]]);
  });

  it('everyone: the KPI summary\'s figures', async () => {
    const k = await runKpiSummary(engine);
    expect(r.all.customers).toBe(k.customers);
    expect(r.all.customers).toBe(11602);
    expect(r.all.aov!).toBeCloseTo(k.aov!, 6);
    expect(r.all.purchaseFrequency).toBe(k.purchaseFrequency);
    expect(r.all.repeatCustomerRate).toBe(k.repeatCustomerRate);
    expect(r.all.churnRate).toBe(k.churnRate);
    expect(r.all.historicCltv! / k.historicCltv!).toBeCloseTo(1, 12);
  });

  it('suggests RFM segments and channel × city combinations', () => {
    const rfm = suggestions.filter((x) => x.label.kind === 'rfm');
    expect(rfm.length).toBe(11); // every segment holds ≥ 1% of the sample
    expect(rfm.reduce((s, x) => s + x.customers, 0)).toBe(11602);
    for (const x of suggestions) expect(x.id).toMatch(/^[A-Za-z0-9_-]{1,60}$/);
    expect(new Set(suggestions.map((x) => x.id)).size).toBe(suggestions.length);
    const combos = suggestions.filter((x) => x.label.kind === 'channel-city');
    expect(combos.map((x) => [x.label.kind === 'channel-city' ? `${x.label.channel} · ${x.label.city}` : '', x.customers])).toEqual([
      ['instagram · Tehran', 1647], ['website · Tehran', 1126], ['affiliate · Tehran', 732],
      ['telegram · Tehran', 691], ['mobile_app · Tehran', 616], ['instagram · Mashhad', 404],
    ]);
  });

  it('offers the sample\'s attributes as fields with their values', async () => {
    const fields = await profileFields(engine);
    const byName = new Map(fields.map((f) => [f.name, f]));
    expect(byName.get('age')?.type).toBe('number');
    expect(byName.get('children')?.type).toBe('number');
    expect(byName.get('favourite_club')?.values?.map((v) => v.value)).toContain('Arsenal');
    expect(byName.get('nps_group')?.values?.length).toBe(3);
  });
});
