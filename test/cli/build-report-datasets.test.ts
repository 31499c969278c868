import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/engine';
import { buildReport } from '../../src/cli/build-report';
import { EXIT, ReportError } from '../../src/cli/errors';
import { prepareInputs } from '../../src/cli/load-files';
import { parseMappingFile } from '../../src/cli/mapping-file';
import { expectWellFormed } from './report-shape';

const SHOPIFY = '../shared/datasets/shopify/orders_export_1.csv';
const CDNOW = '../shared/datasets/cdnow/CDNOW_master.txt';
const GERMAN = 'test/cli/fixtures/bestellungen.csv';
const GERMAN_MAPPING = 'test/cli/fixtures/bestellungen.mapping.json';

/** The error a promise rejects with (or fails the test). */
async function rejection(p: Promise<unknown>): Promise<ReportError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ReportError);
    return e as ReportError;
  }
  throw new Error('expected a rejection');
}

describe('buildReport on real exports', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await sharedNodeEngine();
  });

  it('Shopify "Export orders": 50 orders, 1 row rejected, 2 customers, 563,438.74 INR', async () => {
    const r = await buildReport(engine, { files: [{ path: SHOPIFY, table: 'orders' }] });
    expectWellFormed(r);
    expect(r.rows.files).toHaveLength(1);
    expect(r.rows.files[0]).toMatchObject({
      file: 'orders_export_1.csv', table: 'orders', preset: 'shopify', read: 121, loaded: 50,
      rejected: { 'missing customer id': 1 }, rejected_total: 1,
    });
    expect(r.rows.totals).toMatchObject({ loaded: 50, rejected: 1, rejected_by_reason: { 'missing customer id': 1 } });
    expect(r.options.currency).toBe('INR');
    expect(r.data.currency).toBe('INR');
    expect(r.kpis.orders).toBe(50);
    expect(r.kpis.customers).toBe(2);
    expect(r.kpis.revenue).toBeCloseTo(563438.74, 2);
    expect(r.data.order_lines).toBe(120);
    expect(r.nps).toBeNull();
    expect(r.clv).toMatchObject({ status: 'refused', code: 'too-few-customers' }); // not an error: the report is built
  });

  it('two orders files with the same orders: the later one loads none, rejected with the reason', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'report-dup-')), 'orders_export_1.csv');
    copyFileSync(SHOPIFY, copy);
    const r = await buildReport(engine, { files: [{ path: SHOPIFY, table: 'orders' }, { path: copy, table: 'orders' }] });
    expect(r.rows.files.map((f) => f.file)).toEqual(['orders_export_1.csv', copy]);
    expect(r.rows.files[1]).toMatchObject({ read: 121, loaded: 0, rejected: { 'order id in an earlier file': 50, 'missing customer id': 1 } });
    expect(r.rows.totals).toMatchObject({ read: 242, loaded: 50, rejected: 52 });
    expect(r.data.orders).toBe(50);
  });

  it('CDNOW_master through the loader (preset cdnow): monthly cohorts match ORACLES.md', async () => {
    // Default refund rule: CDNOW's 80 purchases of $0.00 have no refund and count as orders
    // (regression: they were once set aside as "refunded in full", moving 32 customers' cohorts).
    const r = await buildReport(engine, { files: [{ path: CDNOW, table: 'orders' }], period: 'month' });
    expectWellFormed(r);
    expect(r.rows.files[0]).toMatchObject({ preset: 'cdnow', read: 69659, loaded: 69659, rejected_total: 0 });
    expect(r.data.orders).toBe(69659);
    expect(r.data.customers).toBe(23570);
    const [jan, feb, mar] = r.cohorts.cohorts;
    expect([jan.cohort, feb.cohort, mar.cohort]).toEqual(['1997-01', '1997-02', '1997-03']);
    expect([jan.size, feb.size, mar.size]).toEqual([7846, 8476, 7248]);
    const oracle = [100, 14.7, 12.3, 10.3, 8.7, 9.4, 9.2, 7.4, 7.1, 7.6, 8.6, 8.1, 6.7, 6.5, 8.5, 6.0, 6.3, 6.3];
    expect(jan.retention).toHaveLength(oracle.length);
    oracle.forEach((pct, k) => expect(jan.retention[k], `k = ${k}`).toBeCloseTo(pct / 100, 3));
    // Predictive CLV on the whole file (weeks, no holdout): fitted, but one repeat buyer whose repeat
    // purchases are all $0.00 makes Gamma-Gamma refuse, so there is no money value (--non-positive-spend exclude).
    expect(r.clv).toMatchObject({ status: 'fitted', time_unit: 'week', customers: 23570, calibration_end: '1998-06-30', holdout: null });
    if (r.clv?.status !== 'fitted') return;
    expect(r.clv.gamma_gamma).toMatchObject({ status: 'refused', code: 'non-positive-spend' });
    expect(r.clv.totals.clv).toBeNull();
    expect(r.clv.pareto_nbd?.status).toBe('fitted');
  });

  it('a German export with a mapping file: Kunde/Datum/Betrag, dd.mm.yyyy, 1.234,56', async () => {
    // Detection alone cannot tell what the file is.
    const bare = await rejection(prepareInputs([{ path: GERMAN, table: 'orders' }], null));
    expect(bare.exitCode).toBe(EXIT.input);
    expect(bare.message).toMatch(/no customer column.*no order date column.*no amount/);
    expect(bare.message).toContain('“Kunde”');

    const mapping = parseMappingFile(readFileSync(GERMAN_MAPPING, 'utf8'), GERMAN_MAPPING);
    const r = await buildReport(engine, { files: [{ path: GERMAN, table: 'orders' }], mapping });
    expectWellFormed(r);
    expect(r.rows.files[0]).toMatchObject({ detected_table: 'unknown', read: 6, loaded: 6, rejected_total: 0 });
    expect(r.data).toMatchObject({ currency: 'EUR', orders: 6, customers: 3, first_order_day: '2024-01-03', last_order_day: '2024-04-05' });
    expect(r.kpis.revenue).toBeCloseTo(1234.56 + 89.9 + 2000 + 45.5 + 120 + 310.25, 2);
    expect(r.cohorts.cohorts.map((c) => [c.cohort, c.size])).toEqual([['2024-01', 2], ['2024-03', 1]]);
    expect(r.cohorts.cohorts[0].revenue[0]).toBeCloseTo(1234.56 + 89.9, 2);

    // The mapping alone is enough: date order and decimal comma are read from the values.
    const rolesOnly = parseMappingFile(JSON.stringify({ orders: { mapping: { customer_id: 'Kunde', ordered_at: 'Datum', amount: 'Betrag' } } }), 'inline');
    const r2 = await buildReport(engine, { files: [{ path: GERMAN, table: 'orders' }], mapping: rolesOnly });
    expect(r2.data).toMatchObject({ orders: 6, revenue: r.data.revenue, first_order_day: '2024-01-03' });
  });

  it('the flag decides the table; detection\'s columns are kept when they fit', async () => {
    const [p] = await prepareInputs([{ path: 'public/sample/responses.csv', table: 'customers' }], null);
    expect(p.plan.table).toBe('customers');
    expect(p.plan.mapping.customer_id).toBe('customer_id');
    expect(p.notes[0]).toMatch(/Detected as responses, loaded as customers/);
    const e = await rejection(prepareInputs([{ path: 'public/sample/customers.csv', table: 'orders' }], null));
    expect(e.exitCode).toBe(EXIT.input);
    expect(e.message).toMatch(/\(--orders\) has no order date column and no amount.*looks like a customers file/);
  });

  it('options are checked before anything is loaded', async () => {
    const files = [{ path: SHOPIFY, table: 'orders' as const }];
    expect((await rejection(buildReport(engine, { files, asOf: '2024-02-30' }))).exitCode).toBe(EXIT.usage);
    expect((await rejection(buildReport(engine, { files, churnDays: 0 }))).exitCode).toBe(EXIT.usage);
    expect((await rejection(buildReport(engine, { files: [] }))).exitCode).toBe(EXIT.usage);
    const early = await rejection(buildReport(engine, { files, asOf: '2000-01-01' }));
    expect(early.exitCode).toBe(EXIT.input);
    expect(early.message).toBe('No orders on or before --as-of 2000-01-01: the first order is on 2025-12-06.');
    const cur = await rejection(buildReport(engine, { files, currency: 'EUR' }));
    expect(cur.exitCode).toBe(EXIT.input);
    expect(cur.message).toContain('INR (50)');
  });
});
