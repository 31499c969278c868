import { beforeAll, describe, expect, it } from 'vitest';
import type { DataSession } from '../../src/data/session';
import { runSubscriptions, type SubscriptionMonth, type SubscriptionsResult } from '../../src/analyses/subscriptions';
import { freshSession, loadPath } from '../data/load-helpers';

// test/fixtures/stripe-subscriptions.csv, a Stripe "Subscriptions → Export" (USD unless noted):
//   A1 cus_A Basic 29/month from 01-10; A2 cus_A Add-on 5/month from 03-01 (two subscriptions, one customer)
//   B1 cus_B Team 10/month × quantity 2 = 20, from 01-15, past_due (still counts)
//   C1 cus_C Pro 240/year = 240 ÷ 12 = 20/month, from 02-01
//   D1 cus_D Basic 29 from 01-20, canceled + ended 03-15; D2 Pro 49 from 03-15 (upgrade = cancel + new)
//   E1 cus_E Pro 49 from 01-02, ended 04-10; E2 Basic 29 from 04-10 (downgrade = cancel + new)
//   F1 cus_F Basic 29 from 02-12, canceled 04-20 with Cancel At Period End = true, period end 05-12,
//      no Ended At → ends 05-12
//   G1 cus_G Lite 19 from 01-15, ended 02-20; G2 Lite 19 from 04-03 (reactivation)
//   H1 cus_H Pro 49 from 05-20, trial until 06-03 → MRR from 06-03
//   J1 cus_J Pro 49 from 06-10, trialing until 06-24 → no MRR by asOf
//   I1 cus_I incomplete_expired → never counts
//   N1 cus_N Starter 15 from 01-08, unpaid, current period from 05-08 → MRR until 05-08
//   M1 cus_M 25 EUR from 02-01 (other currency)
//   K1 (amount "twenty") and L1 (no customer) are rejected by the loader.
// asOf (default) = 2024-06-15, the latest start / period start (B1's and D2's current periods).
//
// Customer MRR at each month's measuring day (month end; June: asOf 06-15), USD:
//          A          B   C   D   E   F   G   H   N  | MRR | customers | subscriptions
//   Jan   29          20  –   29  49  –   19  –   15 | 161 | 6 A B D E G N | 6
//   Feb   29          20  20  29  49  29  –   –   15 | 191 | 7 A B C D E F N | 7 (G1 ended 02-20)
//   Mar   29+5=34     20  20  49  49  29  –   –   15 | 216 | 7 | 8 (A1 A2 B1 C1 D2 E1 F1 N1)
//   Apr   34          20  20  49  29  29  19  –   15 | 215 | 8 | 9 (F1 still paying: ends 05-12)
//   May   34          20  20  49  29  –   19  –   –  | 171 | 6 | 7 (F1 ended 05-12, N1 stopped 05-08)
//   Jun   34          20  20  49  29  –   19  49  –  | 220 | 7 | 8 (H1 trial over 06-03)
let s: DataSession;
let r: SubscriptionsResult;
const month = (label: string) => r.months.find((m) => m.month === label)!;

beforeAll(async () => {
  s = await freshSession();
  await loadPath(s, 'test/fixtures/stripe-subscriptions.csv');
  r = await runSubscriptions(s.engine, { trailingMonths: 3 });
});

describe('MRR per month from a Stripe subscriptions export', () => {
  it('picks asOf, the currency with most subscriptions, and lists every month', () => {
    expect(r.asOf).toBe('2024-06-15');
    expect(r.currency).toBe('USD');
    // USD: 16 kept rows − 1 EUR = 15 subscriptions (incomplete and trialing included: every row)
    expect(r.currencies).toEqual([{ currency: 'USD', subscriptions: 15 }, { currency: 'EUR', subscriptions: 1 }]);
    expect(r.months.map((m) => [m.month, m.measuredOn, m.complete])).toEqual([
      ['2024-01', '2024-01-31', true], ['2024-02', '2024-02-29', true], ['2024-03', '2024-03-31', true],
      ['2024-04', '2024-04-30', true], ['2024-05', '2024-05-31', true], ['2024-06', '2024-06-15', false],
    ]);
    expect(r.latest?.month).toBe('2024-05');
  });

  it('MRR, paying customers and subscriptions (table above)', () => {
    expect(r.months.map((m) => m.mrr)).toEqual([161, 191, 216, 215, 171, 220]);
    expect(r.months.map((m) => m.customers)).toEqual([6, 7, 7, 8, 6, 7]);
    expect(r.months.map((m) => m.subscriptions)).toEqual([6, 7, 8, 9, 7, 8]);
    expect(r.months.map((m) => m.startMrr)).toEqual([0, 161, 191, 216, 215, 171]);
    expect(r.months.map((m) => m.startCustomers)).toEqual([0, 6, 7, 7, 8, 6]);
    // ARPA = MRR ÷ paying customers: 161/6, 191/7, 216/7, 215/8, 171/6, 220/7
    const arpa = [161 / 6, 191 / 7, 216 / 7, 215 / 8, 171 / 6, 220 / 7];
    r.months.forEach((m, i) => expect(m.arpa).toBeCloseTo(arpa[i], 12));
  });

  it('movements per customer between consecutive months', () => {
    const mv = (m: SubscriptionMonth) => [m.movements.new, m.movements.reactivation, m.movements.expansion, m.movements.contraction, m.movements.churned];
    // Jan: everyone new 29 + 20 + 29 + 49 + 19 + 15 = 161
    expect(mv(month('2024-01'))).toEqual([161, 0, 0, 0, 0]);
    // Feb: new C 20 + F 29 = 49; churned G 19 (G1 ended 02-20)
    expect(mv(month('2024-02'))).toEqual([49, 0, 0, 0, 19]);
    // Mar: expansion A 29 → 34 (+5), D 29 → 49 (+20, upgrade by cancel + new) = 25
    expect(mv(month('2024-03'))).toEqual([0, 0, 25, 0, 0]);
    // Apr: reactivation G 19 (paid in Jan); contraction E 49 → 29 (−20)
    expect(mv(month('2024-04'))).toEqual([0, 19, 0, 20, 0]);
    // May: churned F 29 (ended at period end 05-12) + N 15 (unpaid since 05-08) = 44
    expect(mv(month('2024-05'))).toEqual([0, 0, 0, 0, 44]);
    // Jun: new H 49 (after its trial); J still in trial; I never
    expect(mv(month('2024-06'))).toEqual([49, 0, 0, 0, 0]);
    expect(r.months.map((m) => [m.newCustomers, m.reactivatedCustomers, m.expandedCustomers, m.contractedCustomers, m.churnedCustomers]))
      .toEqual([[6, 0, 0, 0, 0], [2, 0, 0, 0, 1], [0, 0, 2, 0, 0], [0, 1, 0, 1, 0], [0, 0, 0, 0, 2], [1, 0, 0, 0, 0]]);
  });

  it('movements reconcile: MRR(m) = MRR(m−1) + new + reactivation + expansion − contraction − churned', () => {
    let previous = 0;
    for (const m of r.months) {
      const v = m.movements;
      expect(previous + v.new + v.reactivation + v.expansion - v.contraction - v.churned).toBeCloseTo(m.mrr, 9);
      expect(m.netNewMrr).toBeCloseTo(m.mrr - previous, 9);
      previous = m.mrr;
    }
  });

  it('revenue churn, retention and customer churn rates', () => {
    const rates = (m: SubscriptionMonth) => [m.netRevenueChurnRate, m.grossRevenueChurnRate, m.netRevenueRetention, m.grossRevenueRetention, m.customerChurnRate];
    // Jan: start MRR 0 → every rate undefined
    expect(rates(month('2024-01'))).toEqual([null, null, null, null, null]);
    const close = (got: (number | null)[], want: number[]) => want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 12));
    // Feb, start 161 (6 customers): churned 19 → net = gross = 19/161; NRR = GRR = 142/161; logo 1/6
    close(rates(month('2024-02')), [19 / 161, 19 / 161, 142 / 161, 142 / 161, 1 / 6]);
    // Mar, start 191: expansion 25 → net churn (0 + 0 − 25)/191 < 0 (net expansion); gross 0; NRR 216/191; GRR 1
    close(rates(month('2024-03')), [-25 / 191, 0, 216 / 191, 1, 0]);
    // Apr, start 216: contraction 20; G's reactivation (19) is not in NRR (G paid nothing at the start)
    //   net = gross = 20/216; NRR = GRR = 196/216; no customer lost
    close(rates(month('2024-04')), [20 / 216, 20 / 216, 196 / 216, 196 / 216, 0]);
    // May, start 215 (8 customers): churned 44 → 44/215; NRR = GRR = 171/215; logo 2/8
    close(rates(month('2024-05')), [44 / 215, 44 / 215, 171 / 215, 171 / 215, 2 / 8]);
    expect(r.latest?.netRevenueChurnRate).toBeCloseTo(44 / 215, 12);
  });

  it('trailing NRR over 3 months: MRR now of the customers paying 3 months earlier ÷ their MRR then', () => {
    // Jan–Mar: no month 3 months earlier → null
    expect(r.months.slice(0, 3).map((m) => m.trailingNrr)).toEqual([null, null, null]);
    // Apr vs Jan: Jan payers A B D E G N = 161; in Apr 34 + 20 + 49 + 29 + 19 + 15 = 166
    expect(month('2024-04').trailingNrr).toBeCloseTo(166 / 161, 12);
    // May vs Feb: Feb payers A B C D E F N = 191; in May 34 + 20 + 20 + 49 + 29 + 0 + 0 = 152
    expect(month('2024-05').trailingNrr).toBeCloseTo(152 / 191, 12);
    // Jun vs Mar: Mar payers (same 7) = 216; in Jun 152 (H is new, not in the base)
    expect(month('2024-06').trailingNrr).toBeCloseTo(152 / 216, 12);
  });
});

describe('options', () => {
  it('another currency is analysed alone, never summed with USD', async () => {
    const eur = await runSubscriptions(s.engine, { currency: 'EUR' });
    // M1 25 EUR from 02-01: Feb..Jun 25 each, new 25 in Feb
    expect(eur.months.map((m) => [m.month, m.mrr, m.movements.new])).toEqual([
      ['2024-02', 25, 25], ['2024-03', 25, 0], ['2024-04', 25, 0], ['2024-05', 25, 0], ['2024-06', 25, 0],
    ]);
    await expect(runSubscriptions(s.engine, { currency: 'GBP' })).rejects.toThrow(/No subscriptions in GBP: .*USD \(15\), EUR \(1\)/);
  });

  it('asOf and from/to: months listed, history kept, the running month measured on asOf', async () => {
    const x = await runSubscriptions(s.engine, { asOf: '2024-05-10', from: '2024-03-01', to: '2024-05-10' });
    expect(x.months.map((m) => m.month)).toEqual(['2024-03', '2024-04', '2024-05']);
    // March still compares with February (history before `from` is not dropped)
    expect(x.months[0].startMrr).toBe(191);
    // May measured on 05-10: F1 still paying (ends 05-12), N1 stopped 05-08 → 215 − 15 = 200
    expect(x.months[2]).toMatchObject({ measuredOn: '2024-05-10', complete: false, mrr: 200 });
    expect(x.months[2].movements.churned).toBe(15);
    expect(x.latest?.month).toBe('2024-04');
  });

  it('default trailing window is 12 months (nothing that old here)', async () => {
    const d = await runSubscriptions(s.engine);
    expect(d.trailingMonths).toBe(12);
    expect(d.months.every((m) => m.trailingNrr === null)).toBe(true);
  });

  it('rejects bad options before any SQL', async () => {
    await expect(runSubscriptions(s.engine, { asOf: '2024-02-30' })).rejects.toThrow(/not a real day/);
    await expect(runSubscriptions(s.engine, { trailingMonths: 0 })).rejects.toThrow(/trailingMonths/);
    await expect(runSubscriptions(s.engine, { currency: "usd'; DROP" })).rejects.toThrow(/currency/);
  });
});

describe('billing periods (invoice-like file)', () => {
  it('each period counts from its start to its end', async () => {
    const t = await freshSession();
    await loadPath(t, 'test/fixtures/subscription-periods.csv');
    // S1 (X): 10 for Jan, 10 for Feb, 20 for Mar (upgrade), then no period → churned in April
    // S2 (Y): 120/year from 01-15 → 10/month
    const x = await runSubscriptions(t.engine, { asOf: '2024-04-30' });
    expect(x.months.map((m) => [m.month, m.mrr, m.customers])).toEqual([
      ['2024-01', 20, 2], ['2024-02', 20, 2], ['2024-03', 30, 2], ['2024-04', 10, 1],
    ]);
    // Mar: expansion 10 (X 10 → 20); Apr: churned 20 (X)
    expect(x.months[2].movements).toEqual({ new: 0, reactivation: 0, expansion: 10, contraction: 0, churned: 0 });
    expect(x.months[3].movements).toEqual({ new: 0, reactivation: 0, expansion: 0, contraction: 0, churned: 20 });
    // Default asOf: the latest period start (03-01); future period ends are not events.
    expect((await runSubscriptions(t.engine)).asOf).toBe('2024-03-01');
  });

  it('no subscriptions: no months', async () => {
    const t = await freshSession();
    const x = await runSubscriptions(t.engine);
    expect(x).toMatchObject({ months: [], latest: null, currency: null, currencies: [] });
  });
});
