import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { sharedNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/engine';
import { buildReport, type Report } from '../../src/cli/build-report';
import { CUSTOMERS_CSV_FIELDS, csvNumber, type ClvSection } from '../../src/cli/clv-section';
import { EXIT, ReportError } from '../../src/cli/errors';
import { clvLines, parseCli } from '../../src/cli/report';
import { expectWellFormed } from './report-shape';

// Predictive CLV in the report: CDNOW sample (Fader, Hardie & Lee 2005) through buildReport, every
// number checked against the CDNOW section of ../shared/ORACLES.md (see docs/clv.md).
const SAMPLE = '../shared/datasets/cdnow/CDNOW_sample.txt';
const TINY = 'test/cli/fixtures/tiny-orders.csv';
const FILES = [{ path: SAMPLE, table: 'orders' as const }];
const HEADER = 'customer_id,frequency,recency,T,p_alive,expected_purchases,expected_aov,clv';

/** master_id (column 1, the loader's customer_id) → sample_id (column 2, the oracles' "ids 1..10"). */
function sampleIds(): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of readFileSync(SAMPLE, 'utf8').split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length === 5) map.set(f[0], Number(f[1]));
  }
  return map;
}

const near = (got: number, want: number, tol: number) => expect(Math.abs(got - want), `got ${got}, want ${want} ± ${tol}`).toBeLessThanOrEqual(tol);

type Fitted = Extract<NonNullable<ClvSection>, { status: 'fitted' }>;
function fitted(r: Report): Fitted {
  expect(r.clv?.status).toBe('fitted');
  return r.clv as Fitted;
}

/** buildReport with the per-customer CSV collected in memory. */
async function reportWithCsv(engine: Engine, extra: Parameters<typeof buildReport>[1]): Promise<{ report: Report; csv: string }> {
  const chunks: string[] = [];
  const report = await buildReport(engine, { ...extra, customersCsv: (c) => { chunks.push(c); } });
  return { report, csv: chunks.join('') };
}

const parse = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });

describe('buildReport: predictive CLV on CDNOW_sample (week, calibration to 1997-09-30, as of 1998-06-30)', () => {
  let engine: Engine;
  let report: Report;
  let clv: Fitted;
  let csv: string;
  let rows: Record<string, string>[];
  let bySample: Map<number, Record<string, string>>;

  beforeAll(async () => {
    engine = await sharedNodeEngine();
    ({ report, csv } = await reportWithCsv(engine, {
      files: FILES, unit: 'week', calibrationEnd: '1997-09-30', asOf: '1998-06-30', clvMonth: 'lifetimes',
    }));
    clv = fitted(report);
    rows = parse(csv).data;
    const ids = sampleIds();
    bySample = new Map(rows.map((r) => [ids.get(r.customer_id)!, r]));
  });

  it('has the documented shape; every span carries its unit', () => {
    expectWellFormed(report);
    expect(clv).toMatchObject({
      status: 'fitted', time_unit: 'week', as_of: '1998-06-30', calibration_end: '1997-09-30',
      holdout: { unit: 'week', length: 39 },
      clv_schedule: { months: 12, monthly_discount: 0.01, month: 'lifetimes', month_length: { unit: 'week', length: 4.345 } },
      customers: 2357, repeat_buyers: 946, distinct_summaries: 1016, customers_after_calibration: 0,
    });
    expect(clv.horizon.unit).toBe('week');
    near(clv.horizon.length, 12 * 4.345, 1e-9);
    expect(clv.population.unit).toBe('week');
    expect(clv.checks.tracking.unit).toBe('week');
    expect(clv.checks.calibration_holdout!.length).toEqual({ unit: 'week', length: 39 });
  });

  it('BG/NBD r, α, a, b = 0.243, 4.414, 0.793, 2.426 (2 decimals); LL −9582.43 (0.1); standard errors', () => {
    const b = clv.bgnbd;
    expect(b.converged).toBe(true);
    near(b.r, 0.243, 0.005); near(b.alpha, 4.414, 0.005); near(b.a, 0.793, 0.005); near(b.b, 2.426, 0.005);
    near(b.log_likelihood, -9582.43, 0.1);
    const se = b.standard_errors!;
    near(se.r, 0.0126, 0.001); near(se.alpha, 0.378, 0.01); near(se.a, 0.186, 0.01); near(se.b, 0.705, 0.02);
  });

  it('Pareto/NBD r, α, s, β = 0.553, 10.578, 0.606, 11.669 (2 decimals); LL −9594.97 (0.1)', () => {
    const p = clv.pareto_nbd!;
    expect(p.status).toBe('fitted');
    if (p.status !== 'fitted') return;
    near(p.r, 0.553, 0.005); near(p.alpha, 10.578, 0.005); near(p.s, 0.606, 0.005); near(p.beta, 11.669, 0.005);
    near(p.log_likelihood, -9594.97, 0.1);
  });

  it('Gamma-Gamma on 946 repeat buyers: p, q, γ = 6.25, 3.74, 15.44 (2 decimals); LL −4055.92 (0.1)', () => {
    const g = clv.gamma_gamma;
    expect(g.status).toBe('fitted');
    if (g.status !== 'fitted') return;
    expect(g.customers).toBe(946);
    near(g.p, 6.25, 0.005); near(g.q, 3.74, 0.005); near(g.gamma, 15.44, 0.005);
    near(g.log_likelihood, -4055.92, 0.1);
  });

  it('checks: histogram with χ², calibration/holdout table, tracking to week 78, population curve', () => {
    const h = clv.checks.histogram;
    expect(h.cells.map((c) => c.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(h.cells.map((c) => c.actual)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    [1407.7, 460.3, 192.5, 101.2, 59.8, 38.1, 25.5, 71.9].forEach((v, i) => near(h.cells[i].expected, v, 0.1));
    expect(h.chi_square.df).toBe(3);
    near(h.chi_square.statistic, 4.82, 0.01);
    near(h.chi_square.p_value!, 0.185, 0.001);
    const hold = clv.checks.calibration_holdout!.rows;
    expect(hold.map((r) => r.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(hold.reduce((n, r) => n + r.customers, 0)).toBe(2357);
    const holdoutTotal = rows.reduce((n, r) => n + Number(r.holdout_purchases), 0);
    near(hold.reduce((n, r) => n + r.actual_mean * r.customers, 0), holdoutTotal, 1e-6);
    const t = clv.checks.tracking;
    expect(t.start_day).toBe('1997-01-01');
    expect(t.step_days).toBe(7);
    expect(t.points[0]).toMatchObject({ day: '1997-01-07', t: 1 });
    expect(t.points.at(-1)).toMatchObject({ day: '1998-06-30', t: 78, actual: 4339 });
    near(t.points.at(-1)!.predicted, 4160.6, 1);
    const at = (x: number) => clv.population.points.find((p) => Math.abs(p.t - x) < 1e-9)!.expected;
    near(at(1), 0.0532, 1e-3); near(at(3), 0.1506, 1e-3); near(at(32), 1.0437, 1e-3); near(at(78), 1.8576, 1e-3);
  });

  it('--customers-out: the header, 2,357 rows, recency and T in weeks', () => {
    expect(csv.split(/\r?\n/)[0].startsWith(`${HEADER},`)).toBe(true);
    expect(parse(csv).meta.fields).toEqual([...CUSTOMERS_CSV_FIELDS]);
    expect(rows).toHaveLength(2357);
    expect(new Set(rows.map((r) => r.customer_id)).size).toBe(2357);
    expect(rows[0].customer_id).toBe('00004'); // master_id as written, sample id 1
    expect(bySample.size).toBe(2357);
    const c1 = bySample.get(1)!;
    expect(c1).toMatchObject({ frequency: '2', recency: '30.428571', T: '38.857143', tier: 'active', holdout_purchases: '1' });
    near(Number(c1.p_alive), 0.7266, 0.001);
    near(Number(c1.expected_aov), 24.66, 0.1);
    near(Number(bySample.get(6)!.expected_aov), 71.46, 0.1);
    for (const r of rows) for (const k of ['recency', 'T', 'p_alive', 'expected_purchases', 'expected_aov', 'clv']) expect(r[k]).toMatch(/^\d+(\.\d+)?$/);
  });

  it('12-month CLV at 1 %/month with lifetimes\' 4.345-week months: sample id 1 = 36.28, id 6 = 283.52 (0.05, see docs/clv.md)', () => {
    near(Number(bySample.get(1)!.clv), 36.28, 0.05);
    near(Number(bySample.get(6)!.clv), 283.52, 0.05);
  });

  it('tiers and totals agree with the customer rows', () => {
    const tiers = clv.tiers;
    expect(Object.values(tiers).reduce((a, b) => a + b, 0)).toBe(2357);
    for (const [k, n] of Object.entries(tiers)) expect(rows.filter((r) => r.tier === k).length, k).toBe(n);
    expect(tiers.one_time_lapsed).toBe(1411); // every first purchase is in Q1 1997, > 90 days before 1997-09-30
    near(clv.totals.clv!, rows.reduce((n, r) => n + Number(r.clv), 0), 2357 * 5e-7);
    near(clv.totals.expected_purchases, rows.reduce((n, r) => n + Number(r.expected_purchases), 0), 2357 * 5e-7);
    expect(clvLines(report)[0]).toMatch(/^Predictive CLV \(weeks, calibration to 1997-09-30, holdout to 1998-06-30\): BG\/NBD r 0\.243, α 4\.414/);
  });

  it('in days: α ×7, recency and T in days, the same CLV', async () => {
    const d = await reportWithCsv(engine, {
      files: FILES, unit: 'day', calibrationEnd: '1997-09-30', asOf: '1998-06-30', clvMonth: 'lifetimes', noClv: false,
    });
    const dc = fitted(d.report);
    expect(dc.time_unit).toBe('day');
    expect(dc.holdout).toEqual({ unit: 'day', length: 273 });
    expect(dc.clv_schedule.month_length).toEqual({ unit: 'day', length: 4.345 * 7 });
    near(dc.bgnbd.alpha / 7, clv.bgnbd.alpha, 2e-3);
    near(dc.bgnbd.r, clv.bgnbd.r, 1e-4);
    expect(dc.checks.tracking.points.at(-1)).toMatchObject({ day: '1998-06-30', t: 546, actual: 4339 });
    const first = parse(d.csv).data[0];
    expect(first).toMatchObject({ customer_id: '00004', frequency: '2', recency: '213', T: '272' });
    near(Number(first.clv), 36.28, 0.05);
  });
});

describe('buildReport: CLV refusals, --no-clv, CLV options', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await sharedNodeEngine();
  });

  it('too few customers: clv = {status: refused, code, message}, the CSV is just the header, the report is still built', async () => {
    const { report, csv } = await reportWithCsv(engine, { files: [{ path: TINY, table: 'orders' }] });
    expectWellFormed(report);
    expect(report.data.customers).toBe(4);
    expect(report.clv).toEqual({
      status: 'refused', code: 'too-few-customers',
      message: 'BG/NBD: 4 customers in the calibration period; a fit needs at least 50. Load more orders or move the calibration end later.',
    });
    expect(csv.trim()).toBe([...CUSTOMERS_CSV_FIELDS].join(','));
    expect(clvLines(report)).toEqual([`Predictive CLV not computed (too-few-customers): ${report.clv!.status === 'refused' ? report.clv!.message : ''}`]);
  });

  it('--no-clv: clv is null', async () => {
    const report = await buildReport(engine, { files: [{ path: TINY, table: 'orders' }], noClv: true });
    expectWellFormed(report);
    expect(report.clv).toBeNull();
    expect(clvLines(report)).toEqual([]);
  });

  it('a calibration end after the (defaulted) as-of day is an input error', async () => {
    try {
      await buildReport(engine, { files: [{ path: TINY, table: 'orders' }], calibrationEnd: '2024-06-30' });
      throw new Error('expected a rejection');
    } catch (e) {
      expect(e).toBeInstanceOf(ReportError);
      expect((e as ReportError).exitCode).toBe(EXIT.input);
      expect((e as ReportError).message).toBe('--calibration-end 2024-06-30 is after the as-of day 2024-03-15 (the day of the latest order): ' +
        'give an earlier --calibration-end or a later --as-of.');
    }
  });

  it('flags: parsed, defaults, usage errors (exit 2)', () => {
    const base = ['--orders', TINY, '--json', '/tmp/x.json'];
    const cli = parseCli([...base, '--unit', 'day', '--calibration-end', '2024-02-29', '--clv-months', '24', '--discount-monthly', '0.015',
      '--clv-month', 'lifetimes', '--non-positive-spend', 'exclude', '--customers-out', '/tmp/c.csv']);
    expect(cli).toMatchObject({
      unit: 'day', calibrationEnd: '2024-02-29', clvMonths: 24, discountMonthly: 0.015, clvMonth: 'lifetimes', nonPositiveSpend: 'exclude',
      customersOut: '/tmp/c.csv', noClv: false,
    });
    expect(parseCli([...base, '--clv-month', '30'])).toMatchObject({ clvMonth: 30, unit: undefined, customersOut: null });
    expect(parseCli([...base, '--no-clv'])).toMatchObject({ noClv: true });
    const usage = (args: string[], message: RegExp) => {
      try {
        parseCli([...base, ...args]);
      } catch (e) {
        expect(e).toBeInstanceOf(ReportError);
        expect((e as ReportError).exitCode).toBe(EXIT.usage);
        expect((e as ReportError).message).toMatch(message);
        return;
      }
      throw new Error(`expected a usage error for ${args.join(' ')}`);
    };
    usage(['--unit', 'month'], /--unit must be day or week, got "month"/);
    usage(['--calibration-end', '1997-09-31'], /--calibration-end must be a real day written YYYY-MM-DD/);
    usage(['--as-of', '1998-06-30', '--calibration-end', '1998-07-01'], /--calibration-end 1998-07-01 is after --as-of 1998-06-30/);
    usage(['--clv-months', '0'], /--clv-months must be a whole number/);
    usage(['--clv-months', '2.5'], /--clv-months must be a whole number/);
    usage(['--discount-monthly', '1%'], /--discount-monthly must be a rate per month as a fraction/);
    usage(['--discount-monthly', '1'], /0 ≤ rate < 1 \(0\.01 = 1 %\)/);
    usage(['--clv-month', 'month'], /--clv-month must be calendar, lifetimes or a number of days/);
    usage(['--non-positive-spend', 'drop'], /--non-positive-spend must be refuse or exclude/);
    usage(['--no-clv', '--customers-out', '/tmp/c.csv'], /--customers-out needs the CLV models/);
    usage(['--customers-out', '/tmp/x.json'], /--json and --customers-out name the same file/);
  });

  it('CSV numbers: 6 decimals, tiny values with 6 significant digits, never an exponent, empty for null', () => {
    expect(csvNumber(213 / 7)).toBe('30.428571');
    expect(csvNumber(2)).toBe('2');
    expect(csvNumber(0.5)).toBe('0.5');
    expect(csvNumber(1.5e-9)).toBe('0.0000000015');
    expect(csvNumber(1.572814e-7)).toBe('0.000000157281');
    expect(csvNumber(0.000123456789)).toBe('0.000123457');
    expect(csvNumber(null)).toBe('');
  });
});
