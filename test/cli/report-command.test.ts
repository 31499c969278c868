import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { TOP_LEVEL } from './report-shape';

interface Run { code: number; stdout: string; stderr: string }

/** The real command, as CI runs it (cwd = repository root). */
function report(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile('npx', ['tsx', 'src/cli/report.ts', ...args], { cwd: process.cwd(), timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      // npm's own notices are not the command's output.
      done({ code, stdout, stderr: stderr.split('\n').filter((l) => !l.startsWith('npm warn')).join('\n') });
    });
  });
}

const noStack = (r: Run) => expect(r.stderr).not.toMatch(/^\s+at /m);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run report (spawned)', () => {
  it('writes the JSON report and the rejected rows, prints a summary', async () => {
    const json = join(dir, 'shopify.json');
    const rejects = join(dir, 'rejects.csv');
    const r = await report('--orders', '../shared/datasets/shopify/orders_export_1.csv', '--period', 'week', '--json', json, '--rejects-out', rejects);
    expect(r.stderr.trim()).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/orders_export_1\.csv\s+121 rows read, 50 loaded, 1 rejected \(1 missing customer id\)/);
    expect(r.stdout).toContain('Counted 50 orders of 2 customers, revenue 563,438.74 INR');
    expect(r.stdout).toContain(`Report written to ${json}`);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(Object.keys(doc)).toEqual(TOP_LEVEL);
    expect(doc.options).toMatchObject({ period: 'week', currency: 'INR', churn_days: 90 });
    expect(doc.kpis.orders).toBe(50);
    expect(doc.cohorts.cohorts[0].cohort).toMatch(/^\d{4}-W\d{2}$/);
    const rows = Papa.parse<Record<string, string>>(readFileSync(rejects, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ file: 'orders_export_1.csv', reason: 'missing customer id' });
  });

  describe.concurrent('predictive CLV', () => {
    it('CDNOW_sample with --customers-out: the clv section, one CSV row per customer, a summary line', async () => {
      const json = join(dir, 'cdnow.json');
      const customers = join(dir, 'customers.csv');
      const r = await report('--orders', '../shared/datasets/cdnow/CDNOW_sample.txt', '--unit', 'week', '--calibration-end', '1997-09-30',
        '--as-of', '1998-06-30', '--clv-month', 'lifetimes', '--json', json, '--customers-out', customers);
      expect(r.stderr.trim()).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Predictive CLV \(weeks, calibration to 1997-09-30, holdout to 1998-06-30\): BG\/NBD r 0\.243, α 4\.414, a 0\.793, b 2\.426 on 2,357 customers/);
      expect(r.stdout).toContain(`Customers (2,357 rows) written to ${customers}`);
      const doc = JSON.parse(readFileSync(json, 'utf8'));
      expect(Object.keys(doc)).toEqual(TOP_LEVEL);
      expect(doc.clv).toMatchObject({ status: 'fitted', time_unit: 'week', calibration_end: '1997-09-30', as_of: '1998-06-30' });
      const text = readFileSync(customers, 'utf8');
      expect(text.startsWith('customer_id,frequency,recency,T,p_alive,expected_purchases,expected_aov,clv,')).toBe(true);
      const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
      expect(rows).toHaveLength(2357);
      expect(rows[0]).toMatchObject({ customer_id: '00004', frequency: '2', recency: '30.428571', T: '38.857143' });
      expect(Math.abs(Number(rows[0].clv) - 36.28)).toBeLessThanOrEqual(0.05);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });

    it('too few customers: the models refuse, a note on stdout, exit 0', async () => {
      const json = join(dir, 'tiny.json');
      const r = await report('--orders', 'test/cli/fixtures/tiny-orders.csv', '--json', json);
      expect(r.stderr.trim()).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Predictive CLV not computed (too-few-customers): BG/NBD: 4 customers in the calibration period; a fit needs at least 50.');
      expect(JSON.parse(readFileSync(json, 'utf8')).clv).toMatchObject({ status: 'refused', code: 'too-few-customers' });
    });
  });

  describe.concurrent('bad input: one clear message, distinct exit codes, no stack trace', () => {
    it('no arguments → 2 and the usage', async () => {
      const r = await report();
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Usage: npm run report -- --orders FILE');
      expect(r.stdout).toBe('');
    });

    it('a PDF as --orders → 3, says PDF', async () => {
      const r = await report('--orders', 'test/fixtures/document.pdf', '--json', join(dir, 'pdf.json'));
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^error: “document\.pdf” \(--orders\) cannot be loaded: This is a PDF document/);
      noStack(r);
      expect(existsSync(join(dir, 'pdf.json'))).toBe(false);
    });

    it('a CSV without a customer column → 3, names the missing customer column', async () => {
      const r = await report('--orders', 'test/fixtures/no-customer-column.csv', '--json', join(dir, 'x.json'));
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('“no-customer-column.csv” (--orders) has no customer column (an id or an e-mail)');
      expect(r.stderr).toContain('“order_id”, “order_date”, “amount”, “product”');
      noStack(r);
    });

    it('a missing file → 3', async () => {
      const r = await report('--orders', 'test/fixtures/no-such-file.csv', '--json', join(dir, 'x.json'));
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('Cannot read “test/fixtures/no-such-file.csv” (--orders): there is no such file.');
    });

    it('a bad --unit → 2', async () => {
      const r = await report('--orders', 'public/sample/orders.csv', '--json', join(dir, 'x.json'), '--unit', 'month');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--unit must be day or week, got "month".');
      noStack(r);
    });

    it('no input file (neither --orders nor --subscriptions) → 2, says both', async () => {
      const r = await report('--json', join(dir, 'x.json'), '--period', 'week');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error: No input file: give at least one --orders FILE, or --subscriptions FILE for a subscriptions-only report.');
      expect(r.stderr).toContain('Run with --help for the usage.');
      noStack(r);
    });

    it('an unknown flag → 2', async () => {
      const r = await report('--orders', 'public/sample/orders.csv', '--json', join(dir, 'x.json'), '--cohort-size', '3');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("Unknown option '--cohort-size'.");
      noStack(r);
    });

    it('a malformed --as-of → 2', async () => {
      const r = await report('--orders', 'public/sample/orders.csv', '--json', join(dir, 'x.json'), '--as-of', '31.12.2024');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--as-of must be a real day written YYYY-MM-DD, got "31.12.2024".');
    });

    it('an invalid mapping file → 3; --debug adds the stack', async () => {
      const r = await report('--orders', 'test/cli/fixtures/bestellungen.csv', '--mapping', 'test/fixtures/orders.json', '--json', join(dir, 'x.json'), '--debug');
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('The mapping file “test/fixtures/orders.json” is invalid');
      expect(r.stderr).toMatch(/^\s+at /m);
    });
  });
});
