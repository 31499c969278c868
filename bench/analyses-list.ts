// The analyses benchmark's sequence: the analyses of the headless report (src/cli/build-report.ts)
// in its order and with its options, plus winback. One list for both runners: DuckDB-WASM in
// Node (bench/analyses-node.ts) and in headless Chromium (bench/page/analyses-entry.ts), so the
// two measure the same calls. `app` is the app's analyses module (src/analyses/index.ts).
//
// The sales profile (runSales) is measured in its parts, the way runSales runs them: one lookup of
// the tables' columns and the shared tables (salesContext, counted in "sales: geography", the first
// part), geography (city and region), products, seasonality, channels, loyalty. Its KPI summary is
// the one of "kpis" (the report passes it on), so it is not counted twice.
import type { Engine } from '../src/engine/engine';

type Analyses = typeof import('../src/analyses/index');
type Known = Awaited<ReturnType<Analyses['salesContext']>>;

export function analysisSequence(app: Analyses & { queryRows: typeof import('../src/engine/engine').queryRows }, engine: Engine): [string, () => Promise<unknown>][] {
  const o = app.resolveOptions({});
  let known: Known | null = null;
  const ctx = async () => (known ??= await app.salesContext(engine, o));
  return [
    ['kpis', () => app.runKpis(engine, o)],
    ['cohorts', () => app.runCohorts(engine, { ...o, mode: 'on' })],
    ['churn', () => app.runChurn(engine, o)],
    ['interpurchase', () => app.runInterpurchase(engine, o)],
    ['segment columns filled', () => app.queryRows(engine, 'SELECT count(channel) AS channel, count(city) AS city, count(product) AS product FROM orders')],
    ['churn by cohort', () => app.runChurnSegments(engine, { ...o, by: 'cohort' })],
    ['churn by channel', () => app.runChurnSegments(engine, { ...o, by: 'channel' })],
    ['churn by city', () => app.runChurnSegments(engine, { ...o, by: 'city' })],
    ['churn by product', () => app.runChurnSegments(engine, { ...o, by: 'product' })],
    ['lifecycle', () => app.runLifecycle(engine, o)],
    ['winback', () => app.runWinback(engine, o)],
    ['rfm', () => app.runRfm(engine, { ...o, customerLimit: 0 })],
    ['nps (by rfm)', () => app.runNps(engine, { ...o, by: 'rfm' })],
    ['sales: geography', async () => {
      const k = await ctx();
      return [await app.runGeography(engine, { ...o, column: 'city' }, k), await app.runGeography(engine, { ...o, column: 'region' }, k)];
    }],
    ['sales: products', async () => app.runProducts(engine, o, await ctx())],
    ['sales: seasonality', async () => app.runSeasonality(engine, o, await ctx())],
    ['sales: channels', async () => app.runChannels(engine, { ...o, column: 'channel' }, await ctx())],
    ['sales: loyalty', async () => app.runLoyalty(engine, o, await ctx())],
  ];
}
