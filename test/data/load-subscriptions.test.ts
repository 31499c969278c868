import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { queryRows } from '../../src/engine/engine';
import { runSubscriptions } from '../../src/analyses/subscriptions';
import type { DataSession } from '../../src/data/session';
import { freshSession, loadPath } from './load-helpers';

// Subscriptions through the user's path: inspect → plan → load (docs/loading.md, "Subscriptions").
const STRIPE = 'test/fixtures/stripe-subscriptions.csv';
let s: DataSession;
beforeEach(async () => {
  s = await freshSession();
});

interface Sub {
  subscription_id: string; customer_id: string; status: string; quantity: number; amount: number; currency: string;
  interval: string; interval_count: number; mrr: number; started_at: string; trial_end: string | null;
  ended_at: string | null; mrr_from: string | null; mrr_to: string | null;
}
const subs = async () => Object.fromEntries((await queryRows<Sub>(s.engine, `SELECT subscription_id, customer_id, status, quantity,
    amount, currency, "interval", interval_count, mrr, CAST(started_at AS VARCHAR) AS started_at, CAST(trial_end AS VARCHAR) AS trial_end,
    CAST(ended_at AS VARCHAR) AS ended_at, CAST(mrr_from AS VARCHAR) AS mrr_from, CAST(mrr_to AS VARCHAR) AS mrr_to
  FROM subscriptions`)).map((r) => [r.subscription_id, r]));

function csv(name: string, text: string): string {
  const dir = mkdtempSync(`${tmpdir()}/rn-subs-`);
  writeFileSync(`${dir}/${name}`, text);
  return `${dir}/${name}`;
}

describe('Stripe subscriptions export', () => {
  it('one row per subscription, typed; MRR and its span decided per row', async () => {
    const r = await loadPath(s, STRIPE);
    expect(r).toMatchObject({ table: 'subscriptions', preset: 'stripe', rowsRead: 18, loaded: 16, rejectedTotal: 2, rowMode: 'one-row-per-subscription' });
    const x = await subs();
    // monthly 29 × 1; Team 10 × quantity 2 = 20; Pro yearly 240 ÷ 12 = 20; EUR read as EUR (upper-cased)
    expect(x.sub_A1).toMatchObject({ customer_id: 'cus_A', status: 'active', mrr: 29, interval: 'month', interval_count: 1, started_at: '2024-01-10', ended_at: null, mrr_from: '2024-01-10', mrr_to: null });
    expect(x.sub_B1).toMatchObject({ quantity: 2, amount: 10, mrr: 20, status: 'past_due', mrr_to: null });
    expect(x.sub_C1).toMatchObject({ interval: 'year', amount: 240, mrr: 20 });
    expect(x.sub_M1).toMatchObject({ currency: 'EUR', mrr: 25 });
    // Ended At → ended_at; Canceled At + Cancel At Period End without Ended At → the period end
    expect(x.sub_D1).toMatchObject({ status: 'canceled', ended_at: '2024-03-15', mrr_to: '2024-03-15' });
    expect(x.sub_F1).toMatchObject({ status: 'canceled', ended_at: '2024-05-12', mrr_to: '2024-05-12' });
    // trial: MRR from its end; incomplete: never; unpaid: up to the current period's start
    expect(x.sub_H1).toMatchObject({ trial_end: '2024-06-03', mrr_from: '2024-06-03' });
    expect(x.sub_J1).toMatchObject({ status: 'trialing', mrr_from: '2024-06-24' });
    expect(x.sub_I1).toMatchObject({ status: 'incomplete_expired', ended_at: '2024-03-06', mrr_from: null });
    expect(x.sub_N1).toMatchObject({ status: 'unpaid', ended_at: null, mrr_from: '2024-01-08', mrr_to: '2024-05-08' });
    const rejects = await queryRows<{ row: number; reason: string; detail: string }>(s.engine,
      `SELECT "row", reason, detail FROM load_rejects ORDER BY "row"`);
    expect(rejects).toEqual([
      { row: 17, reason: 'unparseable amount', detail: 'amount not a number: twenty' },
      { row: 18, reason: 'missing customer id', detail: 'no customer id or e-mail on this row' },
    ]);
    expect((await s.tableCounts()).subscriptions).toBe(16);
    expect(r.notes).toEqual(expect.arrayContaining([expect.stringMatching(/2 subscriptions started with a trial/)]));
  });

  it('the same export loaded twice: the second file\'s subscriptions are rejected, not counted twice', async () => {
    await loadPath(s, STRIPE);
    const copy = csv('again.csv', (await import('node:fs')).readFileSync(STRIPE, 'utf8'));
    const r = await loadPath(s, copy);
    expect(r.loaded).toBe(0);
    expect(r.rejected).toEqual(expect.arrayContaining([{ reason: 'subscription id in an earlier file', count: 16 }]));
    expect((await s.tableCounts()).subscriptions).toBe(16);
    await s.remove(r.id);
    const [{ n }] = await queryRows<{ n: number }>(s.engine, `SELECT count(*) AS n FROM load_rejects WHERE reason = 'subscription id in an earlier file'`);
    expect(n).toBe(0);
  });
});

describe('generic subscriptions files', () => {
  it('intervals: weekly × 52 ÷ 12, daily × 365.25 ÷ 12, quarterly = 3 months, interval count; unknown words rejected', async () => {
    const path = csv('subs.csv', [
      'subscription id,customer id,plan,start date,amount,currency,interval,interval count,status,canceled at,ended at',
      'W,c1,weekly,2024-01-01,12,EUR,week,,active,,',
      'D,c2,daily,2024-01-01,2,EUR,daily,,active,,',
      'Q,c3,quarterly,2024-01-01,90,EUR,quarterly,,active,,',
      'Y2,c4,two years,2024-01-01,480,EUR,year,2,active,,',
      'M6,c5,six months,2024-01-01,60,EUR,month,6,active,,',
      'X,c6,odd,2024-01-01,10,EUR,fortnight,,active,,',
      'Z,c7,no end,2024-01-01,10,EUR,month,,canceled,,',
      'E,c8,ends early,2024-03-01,10,EUR,month,,canceled,,2024-02-01',
      'N,c9,negative,2024-03-01,-10,EUR,month,,active,,',
      'B,c10,bad date,2024-02-30,10,EUR,month,,active,,',
    ].join('\n') + '\n');
    const r = await loadPath(s, path);
    expect(r).toMatchObject({ table: 'subscriptions', preset: 'generic', loaded: 5 });
    const x = await subs();
    expect(x.W.mrr).toBeCloseTo(12 * 52 / 12, 12); // 52
    expect(x.D.mrr).toBeCloseTo(2 * 365.25 / 12, 12); // 60.875
    expect(x.Q).toMatchObject({ interval: 'month', interval_count: 3, mrr: 30 }); // 90 ÷ 3
    expect(x.Y2).toMatchObject({ interval: 'year', interval_count: 2, mrr: 20 }); // 480 ÷ 24
    expect(x.M6.mrr).toBe(10); // 60 ÷ 6
    const rejects = await queryRows<{ row: number; reason: string }>(s.engine, `SELECT "row", reason FROM load_rejects ORDER BY "row"`);
    expect(rejects).toEqual([
      { row: 6, reason: 'unknown billing interval' }, { row: 7, reason: 'canceled without an end date' },
      { row: 8, reason: 'ends before it starts' }, { row: 9, reason: 'negative amount' }, { row: 10, reason: 'unparseable date' },
    ]);
  });

  it('billing periods: several rows per subscription become segments', async () => {
    const r = await loadPath(s, 'test/fixtures/subscription-periods.csv');
    expect(r).toMatchObject({ rowMode: 'billing-periods', loaded: 4 });
    const rows = await queryRows<{ id: string; from: string; to: string; mrr: number; started: string }>(s.engine,
      `SELECT subscription_id AS id, CAST(mrr_from AS VARCHAR) AS "from", CAST(mrr_to AS VARCHAR) AS "to", mrr,
         CAST(started_at AS VARCHAR) AS started FROM subscriptions ORDER BY id, mrr_from`);
    expect(rows).toEqual([
      { id: 'S1', from: '2024-01-01', to: '2024-02-01', mrr: 10, started: '2024-01-01' },
      { id: 'S1', from: '2024-02-01', to: '2024-03-01', mrr: 10, started: '2024-01-01' },
      { id: 'S1', from: '2024-03-01', to: '2024-04-01', mrr: 20, started: '2024-01-01' },
      { id: 'S2', from: '2024-01-15', to: '2025-01-15', mrr: 10, started: '2024-01-15' },
    ]);
    const [dup] = await queryRows<{ detail: string }>(s.engine, `SELECT detail FROM load_rejects WHERE reason = 'overlapping period'`);
    expect(dup.detail).toBe('period 2024-02-01 – 2024-03-01 overlaps an earlier period of S1 (to 2024-03-01)');
  });
});

describe('Persian subscriptions: Jalali dates, Persian digits, Toman with ٬', () => {
  // test/fixtures/subscriptions-fa.csv and its twin subscriptions-gregorian.csv (make-fixtures.mjs):
  // the same ten subscriptions, once with Jalali dates and Persian digits, once Gregorian and Latin.
  const FA = 'test/fixtures/subscriptions-fa.csv';
  const GREGORIAN = 'test/fixtures/subscriptions-gregorian.csv';
  const figures = async () => {
    const r = await runSubscriptions(s.engine);
    return { asOf: r.asOf, currency: r.currency, months: r.months.map((m) => ({ month: m.month, mrr: m.mrr, customers: m.customers, movements: m.movements })) };
  };

  it('detected as the Stripe layout with Jalali dates; every row loads, days and amounts converted', async () => {
    const r = await loadPath(s, FA);
    expect(r).toMatchObject({ table: 'subscriptions', preset: 'stripe', rowsRead: 10, loaded: 10, rejectedTotal: 0 });
    const x = await subs();
    // 1403/12/30 (Esfand 30 of leap 1403) → 2025-03-20; 1404/01/01 → 2025-03-21; ۳٬۳۶۰٬۰۰۰ a year → 280,000 a month
    expect(x.sub_fa02).toMatchObject({ customer_id: '502', started_at: '2025-03-20', amount: 3_360_000, currency: 'IRT', interval: 'year', mrr: 280_000 });
    expect(x.sub_fa06).toMatchObject({ started_at: '2025-03-21', ended_at: '2025-04-21', mrr_to: '2025-04-21' }); // cancel at period end 1404/02/01
    // ۳ members × ۱۱۹٬۰۰۰; ended 1403/11/12 = 2025-01-31, the last day of January
    expect(x.sub_fa03).toMatchObject({ quantity: 3, mrr: 357_000, ended_at: '2025-01-31' });
    expect(x.sub_fa05).toMatchObject({ trial_end: '2025-03-19', mrr_from: '2025-03-19' });
    expect(x.sub_fa08).toMatchObject({ status: 'incomplete_expired', mrr_from: null });
  });

  it('the same MRR, customers and movements as its Gregorian twin, month by month (computed by hand)', async () => {
    await loadPath(s, FA);
    const fa = await figures();
    s = await freshSession();
    const g = await loadPath(s, GREGORIAN);
    expect(g).toMatchObject({ preset: 'stripe', loaded: 10, rejectedTotal: 0 });
    const gregorian = await figures();
    expect(fa).toEqual(gregorian);
    expect(fa).toMatchObject({ asOf: '2025-04-30', currency: 'IRT' });
    // Dec: 149k (started on the 31st) + 3 × 119k + 1.44M ÷ 12; Jan: family → premium on the 31st (−8k);
    // Feb: +2 × 119k for 501, +149k new (506; 507's first payment failed); Mar: +280k, +149k (trial ended), +189k;
    // Apr: 505 (period end 04-21) and 508 (cancelled 04-30) gone; 506 past_due still counts.
    expect(fa.months.map((m) => [m.month, m.mrr, m.customers])).toEqual([
      ['2024-12', 626_000, 3], ['2025-01', 618_000, 3], ['2025-02', 1_005_000, 4], ['2025-03', 1_623_000, 7], ['2025-04', 1_314_000, 5],
    ]);
    expect(fa.months.map((m) => m.movements)).toEqual([
      { new: 626_000, reactivation: 0, expansion: 0, contraction: 0, churned: 0 },
      { new: 0, reactivation: 0, expansion: 0, contraction: 8_000, churned: 0 },
      { new: 149_000, reactivation: 0, expansion: 238_000, contraction: 0, churned: 0 },
      { new: 618_000, reactivation: 0, expansion: 0, contraction: 0, churned: 0 },
      { new: 0, reactivation: 0, expansion: 0, contraction: 0, churned: 309_000 },
    ]);
  });
});
