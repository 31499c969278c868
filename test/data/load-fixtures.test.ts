import { describe, expect, it, beforeEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { queryRows } from '../../src/engine/engine';
import { inspectFile } from '../../src/data/inspect';
import { inputFromPath } from '../../src/data/input-node';
import type { DataSession } from '../../src/data/session';
import { freshSession, loadPath } from './load-helpers';

// Every file of the bad-and-odd corpus (test/fixtures/README.md), through the user's path.
// Expected outcomes are in test/fixtures/manifest.json, hand-checked when the fixtures were made.
const DIR = 'test/fixtures';
const manifest = JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8')).files as Record<string, { load: Record<string, unknown> }>;

/** Manifest reason names → the loader's reasons in `load_rejects`. */
const REASON: Record<string, string[]> = {
  wrong_field_count: ['malformed row'],
  bad_date: ['unparseable date', 'invalid date'],
  bad_amount: ['unparseable amount'],
  duplicate_order_id: ['duplicate order id'],
  score_out_of_range: ['score out of range'],
  bad_score: ['unparseable score'],
  missing_customer: ['missing customer id'],
  overlapping_period: ['overlapping period'],
  ends_before_start: ['ends before it starts'],
};

let s: DataSession;
beforeEach(async () => {
  s = await freshSession();
});

async function rejectLines(file: string): Promise<Record<string, number[]>> {
  // Data row N is file line N + 1 (header on line 1) in these files; malformed rows carry their line.
  const rows = await queryRows<{ reason: string; line: number }>(s.engine,
    `SELECT reason, coalesce(line, "row" + 1)::INTEGER AS line FROM load_rejects WHERE file = '${file}' ORDER BY line`);
  const out: Record<string, number[]> = {};
  for (const r of rows) (out[r.reason] ??= []).push(r.line);
  return out;
}

describe('files that are not tables are refused with a plain message', () => {
  for (const [file, pattern] of [
    ['empty.csv', /empty/i], ['image.png', /image/i], ['document.pdf', /PDF/], ['workbook.xlsx', /Excel/],
  ] as const) {
    it(file, async () => {
      const insp = await inspectFile(inputFromPath(`${DIR}/${file}`));
      expect(insp.plan).toBeNull();
      expect(insp.error).toMatch(pattern);
    });
  }
  it('a header without rows says so', async () => {
    const insp = await inspectFile(inputFromPath(`${DIR}/only-header.csv`));
    expect(insp.error).toMatch(/no rows/);
  });
  it('a file without a customer column cannot be loaded until one is mapped', async () => {
    const insp = await inspectFile(inputFromPath(`${DIR}/no-customer-column.csv`));
    expect(insp.missing).toContain('customer_id');
    await expect(s.load(inputFromPath(`${DIR}/no-customer-column.csv`), insp, insp.plan!)).rejects.toThrow(/No customer column/);
    expect((await s.tableCounts()).orders).toBe(0);
  });
});

const loadable = Object.entries(manifest).filter(([, m]) => !m.load.refused && m.load.kept !== 0);
describe.each(loadable)('%s', (file, m) => {
  const want = m.load as {
    kept: number; rejected: Record<string, number[]>; amountSum?: number; currency?: string;
    orderedAt?: Record<string, string>; orderedAtUtc?: string; distinctOrders?: number; rowMode?: string;
  };
  it('loads the expected rows and rejects the rest with their reasons', async () => {
    const r = await loadPath(s, `${DIR}/${file}`);
    const got = await rejectLines(file);
    const expected: Record<string, number[]> = {};
    for (const [reason, lines] of Object.entries(want.rejected)) {
      if (reason === 'not_paid') continue; // a failed payment is read, then not counted (see below)
      const mine = Object.keys(got).find((g) => REASON[reason]?.includes(g));
      expected[mine ?? reason] = [...(expected[mine ?? reason] ?? []), ...lines].sort((a, b) => a - b);
    }
    expect(got).toEqual(expected);
    // A failed payment is loaded into orders_all with status "failed" and not counted as an order.
    const notPaid = want.rejected.not_paid?.length ?? 0;
    expect(r.loaded).toBe(want.distinctOrders ?? want.kept + notPaid);
    if (want.amountSum !== undefined && r.table === 'orders') {
      const [{ sum }] = await queryRows<{ sum: number }>(s.engine, 'SELECT sum(gross_amount) AS sum FROM orders_all');
      expect(sum).toBeCloseTo(want.amountSum, 2);
    }
    if (want.currency) expect(s.summary!.currency).toBe(want.currency);
    if (want.rowMode) expect(r.rowMode).toBe(want.rowMode);
  });

  if (want.orderedAt) {
    it('reads the order times as written, and their UTC instants', async () => {
      await loadPath(s, `${DIR}/${file}`);
      const rows = await queryRows<{ order_id: string; local: string; utc: string }>(s.engine,
        `SELECT order_id, strftime(ordered_at, '%Y-%m-%d %H:%M:%S.%g') AS local,
                strftime(ordered_at_utc, '%Y-%m-%d %H:%M:%S') AS utc FROM orders_all`);
      for (const [id, at] of Object.entries(want.orderedAt!)) {
        const row = rows.find((x) => x.order_id === id);
        expect(row?.local.replace(/\.000$/, '').replace(/0+$/, ''), id).toBe(at.replace(/0+$/, '').replace(/\.$/, ''));
      }
      if (want.orderedAtUtc) for (const row of rows) expect(row.utc).toBe(want.orderedAtUtc);
    });
  }
});

describe('special cases', () => {
  it('Stripe: failed payments are read but not counted; refunds net; currencies never summed', async () => {
    await loadPath(s, `${DIR}/stripe-payments.csv`);
    expect(s.summary!.currency).toBe('USD');
    expect(s.summary!.currencies).toEqual([{ currency: 'USD', orders: 3 }, { currency: 'EUR', orders: 1 }]);
    expect(s.summary!.notCounted).toEqual(expect.arrayContaining([
      { reason: 'payment failed', orders: 1 }, { reason: 'refunded in full', orders: 1 }, { reason: 'other currency (EUR)', orders: 1 },
    ]));
    // USD counted: 49 + (120 − 20) + 15
    expect(s.summary!.revenue).toBeCloseTo(164, 6);
    const [dana] = await queryRows<{ customer_id: string }>(s.engine, `SELECT customer_id FROM orders WHERE order_id = 'ch_3OaA06'`);
    expect(dana.customer_id).toBe('dana@example.com');
  });

  it('WooCommerce: a negative row of the same order is its refund', async () => {
    await loadPath(s, `${DIR}/woocommerce-analytics.csv`);
    const [o] = await queryRows<{ gross_amount: number; refunded_amount: number }>(s.engine,
      `SELECT gross_amount, refunded_amount FROM orders_all WHERE order_id = '1048'`);
    expect(o).toEqual({ gross_amount: 12, refunded_amount: 12 });
    expect(s.summary!.orders).toBe(4);
  });

  it('the same order ids in a second file are rejected there, not counted twice', async () => {
    await loadPath(s, `${DIR}/tab-separated.tsv`);
    const before = s.summary!.orders;
    const r = await loadPath(s, `${DIR}/orders.csv.gz`);
    expect(s.summary!.orders).toBeGreaterThanOrEqual(before);
    const [{ n }] = await queryRows<{ n: number }>(s.engine, 'SELECT count(*) AS n FROM (SELECT order_id FROM orders_all GROUP BY order_id HAVING count(*) > 1)');
    expect(n).toBe(0);
    expect(r.rejectedTotal).toBe(r.rejected.filter((x) => x.reason === 'order id in an earlier file').reduce((a, x) => a + x.count, 0));
  });

  it('a header that looks like HTML is kept as text', async () => {
    const insp = await inspectFile(inputFromPath(`${DIR}/xss-header.csv`));
    expect(insp.preview.columns.some((c) => c.includes('<img'))).toBe(true);
  });
});

describe('regressions', () => {
  it('an order of amount 0 without a refund counts as an order (CDNOW has 80 such purchases)', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/rn-zero-`);
    writeFileSync(`${dir}/zero.csv`, 'order_id,customer_id,order_date,amount\n1,A,2024-01-01,0\n2,A,2024-02-01,10\n');
    await loadPath(s, `${dir}/zero.csv`);
    expect(s.summary!.orders).toBe(2);
    expect(s.summary!.notCounted).toEqual([]);
  });
});
