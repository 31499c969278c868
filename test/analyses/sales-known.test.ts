import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { sharedNodeEngine } from '../../src/engine/node';
import { dropAnalysisCache, runChannels, runGeography, runKpis, runLoyalty, runProducts, runSales, runSeasonality, salesContext } from '../../src/analyses';
import { createSyntheticTables } from './perf-data';

// runSales hands its parts what it has looked up once (columns, order_lines, the shared tables) and
// takes a KPI summary the caller already has: the results must not change.
let engine: Engine;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createSyntheticTables(engine, { orders: 5_000, seed: 3 });
});

const CASES = [{}, { from: '2023-02-01', to: '2024-05-31', period: 'quarter' as const }, { asOf: '2024-03-15' }, { calendar: 'jalali' as const }];

describe('sales profile with what the caller already knows', () => {
  for (const o of CASES) {
    it(`same results ${JSON.stringify(o)}`, async () => {
      await dropAnalysisCache(engine);
      const plain = await runSales(engine, o);
      const kpis = await runKpis(engine, o);
      expect(await runSales(engine, o, kpis.summary)).toEqual(plain);
      const known = await salesContext(engine, o);
      expect(known.hasOrderLines).toBe(true);
      expect(await runGeography(engine, { ...o, column: 'city' }, known)).toEqual(await runGeography(engine, { ...o, column: 'city' }));
      expect(await runProducts(engine, o, known)).toEqual(await runProducts(engine, o));
      expect(await runSeasonality(engine, o, known)).toEqual(await runSeasonality(engine, o));
      expect(await runChannels(engine, o, known)).toEqual(await runChannels(engine, o));
      expect(await runLoyalty(engine, o, known)).toEqual(await runLoyalty(engine, o));
    });
  }

  it('a missing column is still reported with known columns', async () => {
    const known = await salesContext(engine, {});
    await expect(runGeography(engine, { column: 'nope' }, known)).rejects.toThrow(/no column "nope"/);
  });
});
