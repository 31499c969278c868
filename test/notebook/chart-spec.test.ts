/**
 * A chart cell's encoding applied to a real query result (DuckDB-WASM in Node), and the SQL
 * behind each analysis panel run as a plain SQL cell.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { sharedNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/engine';
import { chartPlan, defaultEncoding, MAX_CATEGORIES } from '../../src/notebook/chart-spec';
import { analysisSql } from '../../src/notebook/analysis-sql';
import { DEFAULT_PARAMS, type ChartCell } from '../../src/notebook/document';
import { runCohorts } from '../../src/analyses/cohorts';
import { runKpis } from '../../src/analyses/kpis';
import { runRfm } from '../../src/analyses/rfm';
import { createOrders } from '../analyses/fixtures';

let engine: Engine;
let monthly: Table;
beforeAll(async () => {
  engine = await sharedNodeEngine();
  await createOrders(engine, [
    { customer: 'a', at: '2024-01-03', amount: 10, channel: 'web' },
    { customer: 'a', at: '2024-02-20', amount: 20, channel: 'web' },
    { customer: 'b', at: '2024-02-05', amount: 30, channel: 'app' },
    { customer: 'c', at: '2024-03-06', amount: 40, channel: 'app' },
    { customer: 'b', at: '2024-03-09', amount: 50, channel: 'app' },
  ]);
  monthly = await engine.query(`SELECT CAST(date_trunc('month', ordered_at) AS DATE) AS month, 'm' || month(ordered_at) AS label,
    count(*) AS orders, sum(amount) AS revenue FROM orders GROUP BY ALL ORDER BY 1`);
});

const cell = (patch: Partial<ChartCell>): ChartCell => ({ id: 'c', kind: 'chart', input: 'q', type: 'bar', title: '', x: 'label', y: ['revenue'], ...patch });

describe('chart plans from a query result', () => {
  it('bars: one category per row, one series per y column', () => {
    const plan = chartPlan(cell({ y: ['revenue', 'orders'] }), monthly);
    expect(plan.kind).toBe('bar');
    if (plan.kind !== 'bar') return;
    expect(plan.spec.categories).toEqual(['m1', 'm2', 'm3']);
    expect(plan.spec.series).toEqual([{ name: 'revenue', values: [10, 50, 90] }, { name: 'orders', values: [1, 2, 2] }]);
    expect(plan.spec.title).toBe('revenue, orders by label');
  });

  it('lines over a date column keep the dates (epoch ms) and print them as days', () => {
    const plan = chartPlan(cell({ type: 'line', x: 'month', title: 'Revenue' }), monthly);
    if (plan.kind !== 'line') throw new Error(plan.kind);
    expect(plan.spec.series[0].points.map((p) => p.y)).toEqual([10, 50, 90]);
    expect(plan.spec.series[0].points[0].x).toBe(Date.UTC(2024, 0, 1));
    expect(plan.spec.xFormat!(Date.UTC(2024, 1, 1))).toBe('2024-02-01');
  });

  it('areas sort by x; scatter uses the first y column; horizontal bars list the rows', () => {
    const area = chartPlan(cell({ type: 'area', x: 'month', y: ['orders'] }), monthly);
    if (area.kind !== 'area') throw new Error(area.kind);
    expect(area.spec.x).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1)]);
    expect(area.spec.series[0].values).toEqual([1, 2, 2]);
    const scatter = chartPlan(cell({ type: 'scatter', x: 'orders', y: ['revenue'] }), monthly);
    if (scatter.kind !== 'scatter') throw new Error(scatter.kind);
    expect(scatter.spec.points.map((p) => [p.x, p.y])).toEqual([[1, 10], [2, 50], [2, 90]]);
    const hbar = chartPlan(cell({ type: 'hbar' }), monthly);
    if (hbar.kind !== 'hbar') throw new Error(hbar.kind);
    expect(hbar.spec.rows.map((r) => [r.label, r.value])).toEqual([['m1', 10], ['m2', 50], ['m3', 90]]);
  });

  it('explains instead of drawing when the encoding does not fit the result', () => {
    expect(chartPlan(cell({ x: 'nope' }), monthly)).toMatchObject({ kind: 'problem', message: expect.stringMatching(/no column "nope"/) });
    expect(chartPlan(cell({ y: ['label'] }), monthly)).toMatchObject({ kind: 'problem', message: expect.stringMatching(/not a number column/) });
    expect(chartPlan(cell({ y: [] }), monthly)).toMatchObject({ kind: 'problem', message: expect.stringMatching(/at least one/) });
  });

  it('refuses a bar per row beyond MAX_CATEGORIES, suggesting aggregation', async () => {
    const many = await engine.query(`SELECT range::VARCHAR AS k, range AS v FROM range(${MAX_CATEGORIES + 1})`);
    expect(chartPlan(cell({ x: 'k', y: ['v'] }), many)).toMatchObject({ kind: 'problem', message: expect.stringMatching(/GROUP BY/) });
    expect(chartPlan(cell({ type: 'line', x: 'k', y: ['v'] }), many).kind).toBe('line');
  });

  it('picks a first encoding: the first non-number column as x, a number column as y', () => {
    expect(defaultEncoding(monthly)).toEqual({ x: 'month', y: ['orders'] });
  });
});

describe('the SQL behind the panels', () => {
  const params = { ...DEFAULT_PARAMS };
  it('the cohort SQL gives the cohort analysis\' cells', async () => {
    const rows = (await engine.query(analysisSql('cohorts', params)!)).toArray().map((r) => r.toJSON());
    const result = await runCohorts(engine, { period: 'month' });
    const cells = result.cohorts.reduce((n, c) => n + c.active.length, 0);
    expect(rows.length).toBe(cells);
  });

  it('the KPI SQL gives one row per period; RFM one per segment with customers', async () => {
    const kpiRows = (await engine.query(analysisSql('kpis', params)!)).numRows;
    expect(kpiRows).toBe((await runKpis(engine, { period: 'month' })).periods.length);
    const rfm = (await engine.query(analysisSql('rfm', params)!)).toArray().map((r) => r.toJSON() as { customers: number | bigint });
    const total = rfm.reduce((n, r) => n + Number(r.customers), 0);
    expect(total).toBe((await runRfm(engine, {})).customers);
  });

  it('churn and NPS have SQL; CLV and MRR (not one query) do not', () => {
    expect(analysisSql('churn', params)).toMatch(/SELECT/);
    expect(analysisSql('nps', params)).toMatch(/responses/);
    expect(analysisSql('clv', params)).toBeNull();
    expect(analysisSql('subscriptions', params)).toBeNull();
  });
});
