import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { toGregorian } from 'jalaali-js';
import { FILES, generate } from '../../sample-data/generate.mjs';

type Row = Record<string, string>;

const ORDERS_HEADER = 'order_id,customer_id,order_date,amount,currency,status,refunded_amount,product,category,quantity,channel,city,region,country';
const ORDERS_FA_HEADER = 'شماره سفارش,کد مشتری,تاریخ سفارش,مبلغ (تومان),وضعیت,مبلغ مسترد (تومان),محصول,دسته,تعداد,کانال,شهر,استان,کشور';
const CUSTOMERS_HEADER = 'customer_id,first_name,age,gender,marital_status,children,city,platform,signup_channel,favourite_club,signup_date';
const CHANNELS = ['website', 'instagram', 'mobile_app', 'telegram', 'affiliate', 'email'];

const BOM = '\uFEFF';
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const text = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
function parse(csv: string): Row[] {
  const body = csv.startsWith(BOM) ? csv.slice(1) : csv;
  const r = Papa.parse<Row>(body, { header: true, skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
}
/** Persian digits → Latin, Persian thousands separator removed. */
const latin = (s: string) => s.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/٬/g, '');
/** '۱۴۰۲/۰۸/۱۰ ۱۴:۳۵:۰۷' → '2023-11-01 14:35:07' */
function jalaliToIso(s: string): string {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(latin(s));
  if (!m) throw new Error(`not a Jalali date-time: ${s}`);
  const { gy, gm, gd } = toGregorian(Number(m[1]), Number(m[2]), Number(m[3]));
  return `${gy}-${String(gm).padStart(2, '0')}-${String(gd).padStart(2, '0')} ${m[4]}`;
}

let dirA: string;
let dirB: string;
let orders: Row[];
let customers: Row[];
let responses: Row[];
let ordersFa: Row[];
const ordersPerCustomer = new Map<string, number>();

beforeAll(() => {
  dirA = mkdtempSync(join(tmpdir(), 'rn-sample-a-'));
  dirB = mkdtempSync(join(tmpdir(), 'rn-sample-b-'));
  generate({ outDir: dirA });
  generate({ outDir: dirB });
  orders = parse(text(dirA, 'orders.csv'));
  customers = parse(text(dirA, 'customers.csv'));
  responses = parse(text(dirA, 'responses.csv'));
  ordersFa = parse(text(dirA, 'orders-fa.csv'));
  for (const o of orders) ordersPerCustomer.set(o.customer_id, (ordersPerCustomer.get(o.customer_id) ?? 0) + 1);
  return () => {
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  };
});

describe('sample data generator', () => {
  it('is deterministic: two runs give identical bytes, another seed differs', () => {
    for (const f of FILES) expect(sha256(join(dirB, f)), f).toBe(sha256(join(dirA, f)));
    const dirC = mkdtempSync(join(tmpdir(), 'rn-sample-c-'));
    try {
      generate({ outDir: dirC, seed: 7 });
      expect(sha256(join(dirC, 'orders.csv'))).not.toBe(sha256(join(dirA, 'orders.csv')));
    } finally {
      rmSync(dirC, { recursive: true, force: true });
    }
  });

  it('writes the documented headers', () => {
    expect(text(dirA, 'orders.csv').split('\n', 1)[0]).toBe(ORDERS_HEADER);
    expect(text(dirA, 'customers.csv').split('\n', 1)[0]).toBe(CUSTOMERS_HEADER);
    expect(text(dirA, 'responses.csv').split('\n', 1)[0]).toBe('customer_id,responded_at,score,comment');
    expect(text(dirA, 'orders-fa.csv').split('\n', 1)[0]).toBe(BOM + ORDERS_FA_HEADER);
  });

  it('has row counts in range', () => {
    expect(customers.length).toBeGreaterThanOrEqual(11_000);
    expect(customers.length).toBeLessThanOrEqual(13_000);
    expect(orders.length).toBeGreaterThanOrEqual(35_000);
    expect(orders.length).toBeLessThanOrEqual(45_000);
    expect(responses.length / customers.length).toBeGreaterThan(0.25);
    expect(responses.length / customers.length).toBeLessThan(0.35);
  });

  it('links every order to a customer, and every customer to its first order', () => {
    const firstOrder = new Map<string, Row>();
    for (const o of orders) if (!firstOrder.has(o.customer_id)) firstOrder.set(o.customer_id, o);
    const ids = new Set(customers.map((c) => c.customer_id));
    expect(ids.size).toBe(customers.length);
    expect(orders.filter((o) => !ids.has(o.customer_id)).map((o) => o.order_id)).toEqual([]);
    const bad = customers.filter((c) => {
      const first = firstOrder.get(c.customer_id);
      return !first || c.signup_date !== first.order_date.slice(0, 10) || c.signup_channel !== first.channel;
    });
    expect(bad.map((c) => c.customer_id)).toEqual([]);
  });

  it('keeps orders sorted, numbered and inside the observation window', () => {
    const bad = orders.filter((o, i) => o.order_id !== `SO-${100001 + i}` || (i > 0 && o.order_date < orders[i - 1].order_date));
    expect(bad.map((o) => o.order_id)).toEqual([]);
    expect(orders[0].order_date >= '2023-11-01 00:00:00').toBe(true);
    expect(orders[orders.length - 1].order_date <= '2026-10-31 23:59:59').toBe(true);
    expect(customers.every((c) => c.signup_date >= '2023-11-01' && c.signup_date <= '2026-10-31')).toBe(true);
    const midnight = orders.filter((o) => o.order_date.endsWith(' 00:00:00'));
    expect(midnight.length).toBeGreaterThan(0);
    expect(midnight.some((o) => o.order_date.slice(8, 10) === '01')).toBe(true);
  });

  it('has consistent amounts, statuses and refunds', () => {
    const status: Record<string, number> = {};
    const problems: string[] = [];
    for (const o of orders) {
      const amount = Number(o.amount);
      const refunded = Number(o.refunded_amount);
      status[o.status] = (status[o.status] ?? 0) + 1;
      const refundOk = o.status === 'refunded' ? refunded === amount
        : o.status === 'partially_refunded' ? refunded > 0 && refunded < amount
          : (o.status === 'completed' || o.status === 'cancelled') && refunded === 0;
      if (!refundOk) problems.push(`${o.order_id}: ${o.status} refunded ${o.refunded_amount} of ${o.amount}`);
      if (!(Number.isInteger(amount) && amount >= 300_000 && amount <= 15_000_000)) problems.push(`${o.order_id}: amount ${o.amount}`);
      if (o.currency !== 'IRT' || o.country !== 'IR' || !CHANNELS.includes(o.channel) || !['1', '2', '3', '4'].includes(o.quantity)) {
        problems.push(`${o.order_id}: ${o.currency} ${o.country} ${o.channel} ${o.quantity}`);
      }
    }
    expect(problems).toEqual([]);
    const share = (s: string) => status[s] / orders.length;
    expect(share('refunded')).toBeGreaterThan(0.02);
    expect(share('refunded')).toBeLessThan(0.04);
    expect(share('partially_refunded')).toBeGreaterThan(0.01);
    expect(share('partially_refunded')).toBeLessThan(0.03);
    expect(share('cancelled')).toBeGreaterThan(0.008);
    expect(share('cancelled')).toBeLessThan(0.025);
  });

  it('writes a Persian twin of the same orders that converts back', () => {
    expect(ordersFa.length).toBe(orders.length);
    const sample = text(dirA, 'orders-fa-sample.csv');
    expect(sample.startsWith(BOM)).toBe(true);
    expect(parse(sample)).toEqual(ordersFa.slice(0, 300));
    const [date, amount, refunded, qty] = ['تاریخ سفارش', 'مبلغ (تومان)', 'مبلغ مسترد (تومان)', 'تعداد'];
    expect(ordersFa[0][date]).toMatch(/^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2}$/);
    for (let i = 0; i < orders.length; i += 997) {
      const fa = ordersFa[i];
      const en = orders[i];
      expect(fa['شماره سفارش']).toBe(en.order_id);
      expect(jalaliToIso(fa[date])).toBe(en.order_date);
      expect(latin(fa[amount])).toBe(en.amount);
      expect(latin(fa[refunded])).toBe(en.refunded_amount);
      expect(latin(fa[qty])).toBe(en.quantity);
      expect(fa['محصول']).toBe(en.product);
    }
    expect(ordersFa.some((r) => r[amount].includes('٬'))).toBe(true);
    expect(new Set(ordersFa.map((r) => r['وضعیت']))).toEqual(new Set(['تکمیل‌شده', 'مسترد شده', 'مسترد جزئی', 'لغو شده']));
  });

  it('makes retention realistic: mostly one-time buyers, some VIPs, channels differ', () => {
    const counts = [...ordersPerCustomer.values()];
    const oneTime = counts.filter((n) => n === 1).length / customers.length;
    expect(oneTime).toBeGreaterThan(0.5);
    expect(oneTime).toBeLessThan(0.7);
    expect(counts.filter((n) => n >= 10).length).toBeGreaterThan(100);
    const repeatRate = (channel: string) => {
      const group = customers.filter((c) => c.signup_channel === channel);
      return group.filter((c) => ordersPerCustomer.get(c.customer_id)! > 1).length / group.length;
    };
    expect(repeatRate('email')).toBeGreaterThan(repeatRate('instagram'));
    expect(repeatRate('website')).toBeGreaterThan(repeatRate('affiliate'));
  });

  it('moves repeat orders to the website over the last year', () => {
    const seen = new Set<string>();
    const window = { before: [0, 0], last: [0, 0] };
    for (const o of orders) {
      const repeat = seen.has(o.customer_id);
      seen.add(o.customer_id);
      if (!repeat) continue;
      const w = o.order_date >= '2026-05-01' ? window.last : o.order_date >= '2025-05-01' && o.order_date < '2025-11-01' ? window.before : null;
      if (!w) continue;
      w[0]++;
      if (o.channel === 'website') w[1]++;
    }
    expect(window.last[1] / window.last[0]).toBeGreaterThan(window.before[1] / window.before[0] + 0.08);
  });

  it('has Tehran as the dominant city', () => {
    const byCity = new Map<string, number>();
    for (const c of customers) byCity.set(c.city, (byCity.get(c.city) ?? 0) + 1);
    const ranked = [...byCity.entries()].sort((a, b) => b[1] - a[1]);
    expect(ranked[0][0]).toBe('Tehran');
    expect(ranked[0][1] / customers.length).toBeGreaterThan(0.35);
    expect(ranked[0][1] / customers.length).toBeLessThan(0.55);
  });

  it('has NPS answers with a plausible score and tied to repeat behaviour', () => {
    const ids = new Set(customers.map((c) => c.customer_id));
    let promoters = 0;
    let detractors = 0;
    const repeat = { promoter: [0, 0], detractor: [0, 0] };
    for (const r of responses) {
      expect(ids.has(r.customer_id)).toBe(true);
      const score = Number(r.score);
      expect(Number.isInteger(score) && score >= 0 && score <= 10).toBe(true);
      expect(r.responded_at >= '2023-11-01' && r.responded_at <= '2026-10-31 23:59:59').toBe(true);
      const band = score >= 9 ? 'promoter' : score <= 6 ? 'detractor' : null;
      if (band === 'promoter') promoters++;
      if (band === 'detractor') detractors++;
      if (band) {
        repeat[band][0]++;
        if (ordersPerCustomer.get(r.customer_id)! > 1) repeat[band][1]++;
      }
    }
    const nps = ((promoters - detractors) / responses.length) * 100;
    expect(nps).toBeGreaterThan(10);
    expect(nps).toBeLessThan(45);
    expect(repeat.promoter[1] / repeat.promoter[0]).toBeGreaterThan(repeat.detractor[1] / repeat.detractor[0]);
    // Comments exercise CSV quoting: one with a comma, one with a quote character.
    expect(responses.some((r) => r.comment.includes(','))).toBe(true);
    expect(responses.some((r) => r.comment.includes('"'))).toBe(true);
    expect(responses.filter((r) => r.comment === '').length / responses.length).toBeGreaterThan(0.6);
  });

  it('answers surveys a few days after one of the customer’s orders', () => {
    const byCustomer = new Map<string, string[]>();
    for (const o of orders) byCustomer.set(o.customer_id, [...(byCustomer.get(o.customer_id) ?? []), o.order_date]);
    const ms = (s: string) => Date.parse(s.replace(' ', 'T') + 'Z');
    for (const r of responses.slice(0, 500)) {
      const gaps = byCustomer.get(r.customer_id)!.map((d) => (ms(r.responded_at) - ms(d)) / 86_400_000);
      expect(gaps.some((g) => g > 0 && g < 11), r.customer_id).toBe(true);
    }
  });
});
