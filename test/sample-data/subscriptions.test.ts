import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { generate } from '../../sample-data/generate.mjs';
import { runSubscriptions, type SubscriptionsResult } from '../../src/analyses/subscriptions';
import { queryRows } from '../../src/engine/engine';
import type { FileReport } from '../../src/data/session';
import type { DataSession } from '../../src/data/session';
import { freshSession, loadPath } from '../data/load-helpers';

// The sample's club membership (sample-data/subscriptions.mjs) through the user's path: the
// Stripe-layout export is detected, loaded and analysed like any other, and every month's MRR,
// paying customers and paying subscriptions equal the simulation's own truth exactly.
type Row = Record<string, string>;
const parse = (path: string) => Papa.parse<Row>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;

let dir: string;
let rows: Row[];
let truth: Row[];
let s: DataSession;
let report: FileReport;
let result: SubscriptionsResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rn-sample-subs-'));
  generate({ outDir: dir });
  rows = parse(join(dir, 'subscriptions.csv'));
  truth = parse(join(dir, 'subscriptions-truth.csv'));
  s = await freshSession();
  report = await loadPath(s, join(dir, 'subscriptions.csv'));
  result = await runSubscriptions(s.engine);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sample subscriptions.csv', () => {
  it('has the Stripe export header of the fixture and joins the orders\' customers', () => {
    const header = readFileSync(join(dir, 'subscriptions.csv'), 'utf8').split('\n', 1)[0];
    expect(header).toBe(readFileSync('test/fixtures/stripe-subscriptions.csv', 'utf8').split('\n', 1)[0]);
    const customers = new Set(parse(join(dir, 'customers.csv')).map((r) => r.customer_id));
    const subscribers = new Set(rows.map((r) => r['Customer ID']));
    expect([...subscribers].every((c) => customers.has(c))).toBe(true);
    // about 10–15 % of the customers take the membership
    expect(subscribers.size / customers.size).toBeGreaterThan(0.1);
    expect(subscribers.size / customers.size).toBeLessThan(0.15);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.Currency))).toEqual(new Set(['irt']));
  });

  it('has trials, cancellations (now and at period end, scheduled), failed payments and every status', () => {
    const statuses = new Set(rows.map((r) => r.Status));
    for (const st of ['active', 'canceled', 'trialing', 'past_due', 'unpaid', 'incomplete_expired']) expect(statuses, st).toContain(st);
    expect(rows.filter((r) => r['Trial End (UTC)']).length).toBeGreaterThan(100);
    const canceled = rows.filter((r) => r.Status === 'canceled');
    expect(canceled.every((r) => r['Ended At (UTC)'] && r['Canceled At (UTC)'])).toBe(true);
    expect(canceled.filter((r) => r['Cancel At Period End'] === 'true').length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.Status === 'active' && r['Canceled At (UTC)'] && r['Cancel At Period End'] === 'true').length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.Interval))).toEqual(new Set(['month', 'year']));
    expect(new Set(rows.map((r) => r.Quantity)).size).toBeGreaterThan(2);
    // nothing after the export (2026-10-31 23:59:59 UTC) except period and trial ends
    const after = rows.filter((r) => ['Created (UTC)', 'Canceled At (UTC)', 'Ended At (UTC)', 'Current Period Start (UTC)'].some((c) => r[c] > '2026-10-31 23:59:59'));
    expect(after).toEqual([]);
  });

  it('loads as a Stripe subscriptions export without a single reject', async () => {
    expect(report).toMatchObject({ table: 'subscriptions', preset: 'stripe', rowMode: 'one-row-per-subscription', rowsRead: rows.length,
      loaded: rows.length, rejectedTotal: 0 });
    const [{ n }] = await queryRows<{ n: number }>(s.engine, 'SELECT count(*) AS n FROM load_rejects');
    expect(n).toBe(0);
  });

  it('MRR, paying customers and subscriptions per month = the generator\'s truth, exactly', () => {
    expect(result.asOf).toBe('2026-10-31');
    expect(result.currency).toBe('IRT');
    const firstPaying = truth.findIndex((t) => Number(t.mrr) > 0);
    const want = truth.slice(firstPaying).map((t) => ({ month: t.month, mrr: Number(t.mrr), customers: Number(t.customers), subscriptions: Number(t.subscriptions) }));
    expect(want).toHaveLength(36);
    expect(result.months.map((m) => ({ month: m.month, mrr: m.mrr, customers: m.customers, subscriptions: m.subscriptions }))).toEqual(want);
    expect(result.latest?.month).toBe('2026-10');
  });

  it('shows every movement, and they reconcile', () => {
    const total = { new: 0, reactivation: 0, expansion: 0, contraction: 0, churned: 0 };
    for (const m of result.months) {
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += m.movements[k];
      const mv = m.movements;
      expect(m.mrr).toBe(m.startMrr + mv.new + mv.reactivation + mv.expansion - mv.contraction - mv.churned);
    }
    for (const [k, v] of Object.entries(total)) expect(v, k).toBeGreaterThan(0);
  });
});
