import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { sharedNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/engine';
import type { FileReport } from '../../src/data/session';
import type { CanonicalSummary } from '../../src/data/load/canonical';
import { runKpiSummary } from '../../src/analyses';
import { buildReport, type Report } from '../../src/cli/build-report';
import { freshSession, loadPath } from '../data/load-helpers';
import { expectWellFormed, snake } from './report-shape';

const SAMPLE = 'public/sample';
const FILES = [
  { path: `${SAMPLE}/orders.csv`, table: 'orders' as const },
  { path: `${SAMPLE}/responses.csv`, table: 'responses' as const },
  { path: `${SAMPLE}/customers.csv`, table: 'customers' as const },
];

describe('buildReport on the bundled sample (orders, responses, customers)', () => {
  let engine: Engine;
  let report: Report;
  let loads: FileReport[];
  let loader: CanonicalSummary;
  let kpiKeys: string[];

  beforeAll(async () => {
    if (!existsSync(`${SAMPLE}/orders.csv`)) execFileSync('node', ['sample-data/ensure.mjs']);
    engine = await sharedNodeEngine();
    // The loader's own numbers, through the user path the app takes (load-helpers.ts).
    const s = await freshSession();
    loads = [];
    for (const f of FILES) loads.push(await loadPath(s, f.path));
    loader = structuredClone(s.summary!);
    kpiKeys = Object.keys(await runKpiSummary(engine));
    report = await buildReport(engine, { files: FILES });
  });

  it('has the documented shape: snake_case keys, ISO days, schema header, options used', () => {
    expectWellFormed(report);
    expect(report.options).toEqual({
      as_of: report.kpis.as_of, as_of_given: false, period: 'month', calendar: 'gregorian', churn_days: 90, refund_rule: 'net', currency: 'IRT',
    });
    expect(report.generated_with.duckdb).toMatch(/^v\d+\.\d+/);
  });

  it('counts what the loader counted', () => {
    expect(report.kpis.orders).toBe(loader.orders);
    expect(report.data.orders).toBe(loader.orders);
    expect(report.kpis.customers).toBe(loader.customers);
    expect(report.kpis.revenue).toBeCloseTo(loader.revenue, 2);
    expect(report.data.currency).toBe(loader.currency);
    expect(report.sales.orders).toBe(loader.orders);
  });

  it('lists best sellers from the orders\' product column (the sample has no line items)', () => {
    expect(report.sales.products?.source).toBe('orders');
    expect(report.sales.products?.by_revenue.length).toBe(10);
    expect(report.sales.products?.by_repeat_buyers[0].repeat_buyers).toBeGreaterThan(0);
  });

  it('maps every KPI summary field', () => {
    for (const k of kpiKeys) expect(report.kpis, k).toHaveProperty(snake(k));
    expect(report.kpis.periods.length).toBeGreaterThan(30);
    const p = report.kpis.periods[0];
    expect(p).toMatchObject({ period: '2023-11', start: '2023-11-01', end: '2023-12-01', complete: true });
    expect(report.kpis.periods.reduce((n, x) => n + x.orders, 0)).toBe(loader.orders);
  });

  it('cohort sizes add up to the customers; arrays are indexed by k', () => {
    const c = report.cohorts;
    expect(c.period).toBe('month');
    expect(c.cohorts.reduce((n, r) => n + r.size, 0)).toBe(report.kpis.customers);
    for (const r of c.cohorts) {
      expect(r.cohort).toMatch(/^\d{4}-\d{2}$/);
      expect(r.active[0]).toBe(r.size);
      expect(r.retention[0]).toBe(1);
      for (const key of ['active', 'retention', 'revenue', 'orders', 'complete', 'cumulative_revenue_per_customer'] as const) {
        expect(r[key].length).toBe(r.active.length);
      }
      expect(r.complete.at(-1)).toBe(report.kpis.periods.at(-1)!.complete);
    }
    expect(c.average.cohort).toBe('weighted average');
    expect(c.average.retention[0]).toBe(1);
  });

  it('churn, RFM and NPS sections', () => {
    const ch = report.churn;
    expect(ch.window_days).toBe(90);
    expect(ch.rate).toBe(ch.status.churn_rate);
    expect(ch.status.churned + (ch.status.at_risk - ch.status.churned) + ch.status.not_yet_at_risk).toBe(ch.status.customers);
    expect(ch.interpurchase.suggested_churn_days).toBe(Math.ceil(ch.interpurchase.p80_days!));
    expect(ch.by_segment.cohort!.length).toBeGreaterThan(0);
    expect(ch.by_segment.channel!.length).toBeGreaterThan(0);
    for (const l of ch.lifecycle) expect(l.new + l.returning + l.resurrected).toBe(l.active);
    expect(report.rfm.segments).toHaveLength(11);
    expect(report.rfm.segments.reduce((n, s) => n + s.customers, 0)).toBe(report.kpis.customers);
    expect(report.rfm.segments.reduce((n, s) => n + (s.revenue_share ?? 0), 0)).toBeCloseTo(1, 9);
    const nps = report.nps!;
    expect(nps).not.toBeNull();
    expect(nps.responses).toBe(report.data.responses);
    expect(nps.promoters + nps.passives + nps.detractors).toBe(nps.responses);
    expect(nps.score).toBeCloseTo((100 * (nps.promoters - nps.detractors)) / nps.responses, 9);
    expect(nps.csat).toBeNull();
    expect(nps.over_time.reduce((n, p) => n + p.nps.responses, 0)).toBe(nps.responses);
  });

  it('rows: one entry per file, equal to the load reports, with totals', () => {
    expect(report.rows.files.map((f) => [f.file, f.table])).toEqual([['orders.csv', 'orders'], ['responses.csv', 'responses'], ['customers.csv', 'customers']]);
    report.rows.files.forEach((f, i) => {
      expect(f.read).toBe(loads[i].rowsRead);
      expect(f.loaded).toBe(loads[i].loaded);
      expect(f.rejected_total).toBe(loads[i].rejectedTotal);
      expect(f.rejected).toEqual(Object.fromEntries(loads[i].rejected.map((r) => [r.reason, r.count])));
    });
    expect(report.rows.totals).toEqual({ files: 3, read: 38349 + 3550 + 12000, loaded: 38349 + 3550 + 12000, rejected: 0, rejected_by_reason: {} });
    expect(report.data.customer_records).toBe(12000);
  });

  it('the same input gives the same document (no timestamps, stable order)', async () => {
    const again = await buildReport(engine, { files: FILES });
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });
});
