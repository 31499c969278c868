import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/engine';
import { buildReport, buildSubscriptionsReport } from '../../src/cli/build-report';
import { EXIT, ReportError } from '../../src/cli/errors';
import { parseCli, subscriptionLines, summaryLines } from '../../src/cli/report';
import { expectWellFormed } from './report-shape';

// The subscriptions section of the report; the figures are those of test/analyses/subscriptions.test.ts
// (test/fixtures/stripe-subscriptions.csv, hand-computed there month by month).
const ORDERS = 'test/cli/fixtures/tiny-orders.csv';
const SUBS = 'test/fixtures/stripe-subscriptions.csv';

describe('report with --subscriptions', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await sharedNodeEngine();
  });

  it('adds a "subscriptions" section: months with MRR and movements, the latest month\'s rates', async () => {
    const r = await buildReport(engine, { files: [{ path: ORDERS, table: 'orders' }, { path: SUBS, table: 'subscriptions' }], noClv: true });
    expectWellFormed(r);
    expect(r.rows.files.map((f) => [f.table, f.file])).toEqual([['orders', 'tiny-orders.csv'], ['subscriptions', 'stripe-subscriptions.csv']]);
    expect(r.rows.files[1]).toMatchObject({ preset: 'stripe', read: 18, loaded: 16, rejected_total: 2, row_mode: 'one-row-per-subscription',
      rejected: { 'missing customer id': 1, 'unparseable amount': 1 } });
    const s = r.subscriptions!;
    // its own as-of (the export's latest day), not the orders' latest day
    expect(s).toMatchObject({ as_of: '2024-06-15', currency: 'USD', trailing_months: 12, mrr_as_of: 220 });
    expect(s.currencies).toEqual([{ currency: 'USD', subscriptions: 15 }, { currency: 'EUR', subscriptions: 1 }]);
    expect(s.months.map((m) => [m.month, m.mrr, m.movements.new, m.movements.reactivation, m.movements.expansion,
      m.movements.contraction, m.movements.churned])).toEqual([
      ['2024-01', 161, 161, 0, 0, 0, 0], ['2024-02', 191, 49, 0, 0, 0, 19], ['2024-03', 216, 0, 0, 25, 0, 0],
      ['2024-04', 215, 0, 19, 0, 20, 0], ['2024-05', 171, 0, 0, 0, 0, 44], ['2024-06', 220, 49, 0, 0, 0, 0],
    ]);
    // latest complete month = May: start 215 (8 customers), churned 44 (2 customers)
    expect(s.latest).toMatchObject({ month: '2024-05', complete: true, start_mrr: 215, start_customers: 8, churned_customers: 2, customer_churn_rate: 0.25 });
    expect(s.latest!.net_revenue_churn_rate).toBeCloseTo(44 / 215, 12);
    expect(s.latest!.gross_revenue_retention).toBeCloseTo(171 / 215, 12);
    expect(s.latest!.arpa).toBeCloseTo(171 / 6, 12);
    expect(subscriptionLines(r)).toEqual([
      'MRR as of 2024-06-15: 220 USD; 2024-05: MRR 171 USD of 6 customers, net revenue churn 20.5 %, NRR 79.5 %, customer churn 25.0 %.',
    ]);
  });

  it('--currency applies to the subscriptions when they have it; --as-of too', async () => {
    const files = [{ path: ORDERS, table: 'orders' as const }, { path: SUBS, table: 'subscriptions' as const }];
    // tiny-orders.csv has no currency, so EUR is accepted for the orders and picks M1 (25 EUR from 02-01).
    const eur = await buildReport(engine, { files, noClv: true, asOf: '2024-04-30', currency: 'EUR' });
    expect(eur.subscriptions).toMatchObject({ as_of: '2024-04-30', currency: 'EUR', mrr_as_of: 25 });
    expect(eur.subscriptions!.months.map((m) => [m.month, m.mrr])).toEqual([['2024-02', 25], ['2024-03', 25], ['2024-04', 25]]);
    // A currency the subscriptions lack falls back to their main one (USD); April is complete on 04-30.
    const gbp = await buildReport(engine, { files, noClv: true, asOf: '2024-04-30', currency: 'GBP' });
    expect(gbp.subscriptions).toMatchObject({ as_of: '2024-04-30', currency: 'USD', mrr_as_of: 215 });
    expect(gbp.subscriptions!.latest?.month).toBe('2024-04');
  });

  it('no subscriptions file: "subscriptions": null', async () => {
    const r = await buildReport(engine, { files: [{ path: ORDERS, table: 'orders' }], noClv: true });
    expect(r.subscriptions).toBeNull();
  });

  it('parses --subscriptions (repeatable)', () => {
    const cli = parseCli(['--orders', ORDERS, '--subscriptions', SUBS, '--json', join(tmpdir(), 'x.json')]);
    expect(cli !== 'help' && cli.files).toEqual([{ path: ORDERS, table: 'orders' }, { path: SUBS, table: 'subscriptions' }]);
  });
});

describe('report of subscriptions only (--subscriptions without --orders)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await sharedNodeEngine();
  });
  const exitCode = async (run: () => unknown) => {
    try {
      await run();
    } catch (e) {
      expect(e).toBeInstanceOf(ReportError);
      return { code: (e as ReportError).exitCode, message: (e as Error).message };
    }
    throw new Error('did not throw');
  };

  it('the same document: order sections null, "subscriptions" as with orders, options from the MRR analysis', async () => {
    const r = await buildSubscriptionsReport(engine, { files: [{ path: SUBS, table: 'subscriptions' }] });
    expectWellFormed(r);
    expect(r).toMatchObject({ data: null, kpis: null, cohorts: null, churn: null, rfm: null, nps: null, sales: null, clv: null });
    expect(r.options).toMatchObject({ as_of: '2024-06-15', as_of_given: false, currency: 'USD' });
    expect(r.rows.files.map((f) => [f.table, f.file, f.loaded, f.rejected_total])).toEqual([['subscriptions', 'stripe-subscriptions.csv', 16, 2]]);
    expect(r.rows.totals).toMatchObject({ files: 1, read: 18, loaded: 16, rejected: 2 });
    const s = r.subscriptions;
    expect(s).toMatchObject({ as_of: '2024-06-15', currency: 'USD', mrr_as_of: 220 });
    expect(s.months.map((m) => [m.month, m.mrr])).toEqual([['2024-01', 161], ['2024-02', 191], ['2024-03', 216], ['2024-04', 215], ['2024-05', 171], ['2024-06', 220]]);
    // identical to the section of the full report
    const full = await buildReport(engine, { files: [{ path: ORDERS, table: 'orders' }, { path: SUBS, table: 'subscriptions' }], noClv: true });
    expect(s).toEqual(full.subscriptions);
    const lines = summaryLines(r, '/tmp/r.json', 1.5, null);
    expect(lines).toEqual([
      'Loaded 1 file(s) with duckdb-wasm 1.32.0 in 1.5 s:',
      '  subscriptions stripe-subscriptions.csv  18 rows read, 16 loaded, 2 rejected (1 missing customer id, 1 unparseable amount)',
      'MRR as of 2024-06-15: 220 USD; 2024-05: MRR 171 USD of 6 customers, net revenue churn 20.5 %, NRR 79.5 %, customer churn 25.0 %.',
      'Report written to /tmp/r.json',
    ]);
  });

  it('--as-of and --currency apply to the subscriptions; a currency they lack is an input error', async () => {
    const files = [{ path: SUBS, table: 'subscriptions' as const }];
    const eur = await buildSubscriptionsReport(engine, { files, asOf: '2024-04-30', currency: 'EUR' });
    expect(eur.options).toMatchObject({ as_of: '2024-04-30', as_of_given: true, currency: 'EUR' });
    expect(eur.subscriptions).toMatchObject({ currency: 'EUR', mrr_as_of: 25 });
    const gbp = await exitCode(() => buildSubscriptionsReport(engine, { files, currency: 'GBP' }));
    expect(gbp).toEqual({ code: EXIT.input, message: 'No subscriptions in GBP: the loaded subscriptions are in USD (15), EUR (1). Leave out --currency or choose one of those.' });
  });

  it('usage errors: no input at all, responses or customers or --customers-out without orders, buildReport without orders', async () => {
    const json = join(tmpdir(), 'x.json');
    const usage = async (run: () => unknown) => (await exitCode(run)).code;
    expect(await exitCode(() => parseCli(['--json', json]))).toEqual({ code: EXIT.usage,
      message: 'No input file: give at least one --orders FILE, or --subscriptions FILE for a subscriptions-only report.' });
    const cli = parseCli(['--subscriptions', SUBS, '--json', json]);
    expect(cli !== 'help' && cli.files).toEqual([{ path: SUBS, table: 'subscriptions' }]);
    const withResponses = await exitCode(() => parseCli(['--subscriptions', SUBS, '--responses', 'test/fixtures/responses.csv', '--json', json]));
    expect(withResponses).toEqual({ code: EXIT.usage, message: '--responses needs --orders: their analyses are about the customers who ordered. Without --orders only --subscriptions is reported on.' });
    expect(await usage(() => parseCli(['--subscriptions', SUBS, '--customers-out', join(tmpdir(), 'c.csv'), '--json', json]))).toBe(EXIT.usage);
    expect(await usage(() => buildReport(engine, { files: [{ path: SUBS, table: 'subscriptions' }] }))).toBe(EXIT.usage);
    expect(await usage(() => buildSubscriptionsReport(engine, { files: [] }))).toBe(EXIT.usage);
  });

  it('a file with no usable subscription → input error naming its rejects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subs-none-'));
    const path = join(dir, 'none.csv');
    writeFileSync(path, 'subscription id,customer id,start date,amount\nS1,,2024-01-01,10\n');
    const e = await exitCode(() => buildSubscriptionsReport(engine, { files: [{ path, table: 'subscriptions' }] }));
    expect(e).toEqual({ code: EXIT.input, message: 'No subscriptions to analyse: “none.csv” loaded 0 of 1 rows (rejected: 1 missing customer id).' });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('npm run report --subscriptions (spawned)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-subs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the section and prints the MRR line', async () => {
    const json = join(dir, 'r.json');
    const run = await new Promise<{ code: number; stdout: string }>((done) => {
      execFile('npx', ['tsx', 'src/cli/report.ts', '--orders', ORDERS, '--subscriptions', SUBS, '--no-clv', '--json', json],
        { cwd: process.cwd(), timeout: 60_000 }, (err, stdout) => done({ code: err ? Number(err.code ?? -1) : 0, stdout }));
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/subscriptions stripe-subscriptions\.csv\s+18 rows read, 16 loaded, 2 rejected/);
    expect(run.stdout).toContain('MRR as of 2024-06-15: 220 USD; 2024-05: MRR 171 USD');
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc.subscriptions.months).toHaveLength(6);
    expect(doc.subscriptions.latest.month).toBe('2024-05');
  }, 90_000);

  it('subscriptions only: exit 0, the MRR line and no order lines; the order sections null', async () => {
    const json = join(dir, 'only.json');
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile('npx', ['tsx', 'src/cli/report.ts', '--subscriptions', SUBS, '--json', json],
        { cwd: process.cwd(), timeout: 60_000 }, (err, stdout, stderr) => done({ code: err ? Number(err.code ?? -1) : 0, stdout, stderr }));
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('MRR as of 2024-06-15: 220 USD; 2024-05: MRR 171 USD');
    expect(run.stdout).not.toContain('Counted');
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc).toMatchObject({ data: null, kpis: null, clv: null, options: { as_of: '2024-06-15', currency: 'USD' } });
    expect(doc.subscriptions.months).toHaveLength(6);
  }, 90_000);
});
