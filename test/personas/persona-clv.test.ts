/**
 * Predicted CLV per persona on the bundled sample: a rule-less persona's total equals the CLV
 * analysis' own Σ CLV (the same per-customer values), and the seeds' personas get means of
 * their scored members.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import type { Engine } from '../../src/engine/engine';
import { runClv, type ClvResult } from '../../src/analyses/clv';
import { runPersonaClv } from '../../src/analyses/persona-clv';
import { runPersonas } from '../../src/analyses/personas';
import { SAMPLE_PERSONAS } from '../../src/personas/samples';
import type { Persona } from '../../src/personas/rules';
import { freshSession, loadPath } from '../data/load-helpers';

const SAMPLE = 'public/sample';
const EVERYONE: Persona = { id: 'all', name: 'Everyone', description: '', rules: [] };

describe('predicted CLV per persona (sample)', () => {
  let engine: Engine;
  let clv: ClvResult;
  beforeAll(async () => {
    if (!existsSync(`${SAMPLE}/orders.csv`)) execFileSync('node', ['sample-data/ensure.mjs']);
    const s = await freshSession();
    for (const f of ['orders.csv', 'customers.csv']) await loadPath(s, `${SAMPLE}/${f}`);
    engine = s.engine;
    clv = await runClv(engine, { unit: 'week', asOf: '2026-10-31', customerLimit: 0, paretoNbd: false });
  }, 180_000);

  it('everyone: Σ of the members\' CLV = the analysis\' total, every customer scored', async () => {
    const [all] = await runPersonaClv(engine, clv, [EVERYONE]);
    expect(all.scored).toBe(clv.customers);
    expect(all.totalClv!).toBeCloseTo(clv.totals.clv!, -2); // same values, summed in another order
    expect(all.meanClv!).toBeCloseTo(clv.totals.clv! / clv.customers, 0);
  });

  it('Saeed and Ali and Nazanin: every member scored (all first bought before the as-of day)', async () => {
    const figures = await runPersonas(engine, SAMPLE_PERSONAS);
    const [saeed, family] = await runPersonaClv(engine, clv, SAMPLE_PERSONAS);
    expect(saeed.scored).toBe(figures.personas[0].customers);
    expect(family.scored).toBe(figures.personas[1].customers);
    // Families buy more often and more per order (their historic CLTV is 2.4× Saeed's): so does the prediction.
    expect(family.meanClv!).toBeGreaterThan(saeed.meanClv!);
    expect(saeed.meanClv!).toBeGreaterThan(0);
  });
});
