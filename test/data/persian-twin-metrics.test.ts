/**
 * The sample shop and its Persian twin (public/sample/orders.csv and orders-fa.csv: Jalali dates,
 * Persian digits, Toman amounts with ٬, Persian headers and values) are the same orders, so every
 * analysis must give the same numbers on both: KPIs, cohorts (Gregorian and Jalali months),
 * churn, RFM, the sales profile and predictive CLV. Each file is loaded through the user's path
 * (inspect → plan → load) into its own engine, once; the analyses run in beforeAll and the tests
 * compare results deeply (numbers to a relative 1e-9). Labels that come from the data (channel,
 * city, region values written in Persian in the twin) are mapped through the pairs of values of
 * the same order ids, which must be one-to-one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/engine/node';
import { queryRows, type Engine } from '../../src/engine/engine';
import { DataSession, type FileReport } from '../../src/data/session';
import { runKpis, runCohorts, runChurn, runRfm, runSales, type KpiResult } from '../../src/analyses';
import { fetchClvData, computeClv } from '../../src/analyses/clv';
import { loadPath } from './load-helpers';

const SAMPLE = 'public/sample';
const LABEL_COLUMNS = ['channel', 'city', 'region', 'product', 'country', 'status'] as const;

interface Side {
  report: FileReport;
  engine: Engine;
  results: Record<string, unknown>;
}

async function analyse(file: string): Promise<Side> {
  const engine = await createNodeEngine();
  const s = new DataSession(engine);
  await s.init();
  const report = await loadPath(s, `${SAMPLE}/${file}`);
  const kpis: KpiResult = await runKpis(engine, {});
  const asOf = kpis.summary.asOf;
  const results: Record<string, unknown> = {
    kpis,
    kpisJalaliQuarter: await runKpis(engine, { calendar: 'jalali', period: 'quarter' }),
    cohortsGregorian: await runCohorts(engine, { calendar: 'gregorian', period: 'month' }),
    cohortsJalali: await runCohorts(engine, { calendar: 'jalali', period: 'month' }),
    cohortsJalaliAfter: await runCohorts(engine, { calendar: 'jalali', period: 'month', mode: 'on-or-after' }),
    churn: await runChurn(engine, {}),
    churnJalali: await runChurn(engine, { calendar: 'jalali' }),
    rfm: await runRfm(engine, {}),
    sales: await runSales(engine, {}),
    salesJalali: await runSales(engine, { calendar: 'jalali' }),
  };
  // CLV: the data phase (DuckDB) on both; it fully determines the compute phase (pure JS), run on both too.
  const clvOptions = { unit: 'week' as const, asOf, calibrationEnd: addDaysIso(asOf, -90), customerLimit: 200 };
  const clvData = await fetchClvData(engine, clvOptions);
  results.clvData = clvData;
  results.clv = computeClv(structuredClone(clvData), clvOptions);
  return { report, engine, results };
}

function addDaysIso(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Wall-time fields (ms, timings, …Ms) differ from run to run. */
const isTiming = (k: string) => k === 'ms' || k === 'timings' || /Ms$/.test(k);

/** Differences between two results: paths with the values; numbers equal to a relative 1e-9; timings ignored. */
function differences(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (out.length > 20) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) && Number.isNaN(b)) return out;
    if (a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) return out;
    out.push(`${path}: ${a} ≠ ${b}`);
    return out;
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) return differences(Array.from(a as never), Array.from(b as never), path, out);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: length ${a.length} ≠ ${b.length}`);
    else a.forEach((x, i) => differences(x, b[i], `${path}[${i}]`, out));
    return out;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (isTiming(k)) continue;
      const x = (a as Record<string, unknown>)[k], y = (b as Record<string, unknown>)[k];
      if (!(k in a) || !(k in b)) out.push(`${path}.${k}: only in ${k in a ? 'English' : 'Persian'}`);
      else differences(x, y, `${path}.${k}`, out);
    }
    return out;
  }
  if (a !== b) out.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`);
  return out;
}

let en: Side, fa: Side;
/** Persian value → English value, per column, from the two orders tables joined on order_id. */
const toEnglish: Record<string, Map<string, string>> = {};
const pairProblems: string[] = [];

beforeAll(async () => {
  en = await analyse('orders.csv');
  fa = await analyse('orders-fa.csv');
  for (const column of LABEL_COLUMNS) {
    const read = (e: Engine) => queryRows<{ order_id: string; v: string | null }>(e,
      `SELECT order_id, CAST(${column} AS VARCHAR) AS v FROM orders_all ORDER BY order_id`);
    const [a, b] = [await read(en.engine), await read(fa.engine)];
    const faToEn = new Map<string, string>(), enToFa = new Map<string, string>();
    a.forEach((r, i) => {
      const p = b[i];
      if (p?.order_id !== r.order_id) return void pairProblems.push(`${column}: order ${r.order_id} ≠ ${p?.order_id}`);
      if ((r.v === null) !== (p.v === null)) return void pairProblems.push(`${column} ${r.order_id}: ${r.v} vs ${p.v}`);
      if (r.v === null || p.v === null) return;
      if ((faToEn.get(p.v) ?? r.v) !== r.v || (enToFa.get(r.v) ?? p.v) !== p.v)
        pairProblems.push(`${column}: "${p.v}" ↔ "${r.v}" is not one-to-one`);
      faToEn.set(p.v, r.v);
      enToFa.set(r.v, p.v);
    });
    toEnglish[column] = faToEn;
  }
}, 120_000);

/** A Persian value of `column` in English (unchanged when it is the same in both files). */
const english = (column: string, v: string | null) => (v === null ? v : toEnglish[column].get(v) ?? `?${v}`);

describe('the comparison itself', () => {
  it('finds differences in numbers, strings, lengths, keys and typed arrays, and ignores timings', () => {
    expect(differences({ a: [1, 2e11], ms: 3, timings: { fitMs: 1 } }, { a: [1, 2e11 * (1 + 1e-12)], ms: 4, timings: { fitMs: 2 } })).toEqual([]);
    expect(differences({ a: 1 }, { a: 1 + 1e-6 })).toHaveLength(1);
    expect(differences({ a: 'x', b: [1] }, { a: 'y', b: [1, 2] })).toHaveLength(2);
    expect(differences({ a: 1 }, { b: 1 })).toHaveLength(2);
    expect(differences({ a: new Float64Array([1, 2]) }, { a: new Float64Array([1, 3]) })).toEqual(['.a[1]: 2 ≠ 3']);
    expect(differences({ a: null }, { a: 0 })).toHaveLength(1);
  });
});

describe('the English sample and its Persian twin give the same analyses', () => {
  it('both files load whole, as the same orders', async () => {
    expect(en.report.rejectedTotal).toBe(0);
    expect(fa.report.rejectedTotal).toBe(0);
    expect(fa.report.preset).toBe('persian');
    expect(fa.report.loaded).toBe(en.report.loaded);
    expect(en.report.loaded).toBeGreaterThan(30_000);
    expect(pairProblems.slice(0, 10)).toEqual([]);
    // the twin really is Persian: its data values differ where the English ones are words
    expect(toEnglish.city.get('تهران')).toBe('Tehran');
    expect([...toEnglish.channel.keys()].every((v) => /[\u0600-\u06FF]/.test(v))).toBe(true);
  });

  it.each(['kpis', 'kpisJalaliQuarter', 'cohortsGregorian', 'cohortsJalali', 'cohortsJalaliAfter', 'churn', 'churnJalali', 'rfm', 'clvData', 'clv'])(
    '%s', (name) => {
      const a = en.results[name], b = fa.results[name];
      expect(a).toBeTruthy();
      expect(differences(a, b)).toEqual([]);
    },
  );

  it('the analyses are not trivially empty', () => {
    const kpis = en.results.kpis as KpiResult;
    expect(kpis.summary.customers).toBeGreaterThan(10_000);
    expect(kpis.periods.length).toBeGreaterThan(12);
    const jalali = en.results.cohortsJalali as Awaited<ReturnType<typeof runCohorts>>;
    expect(jalali.cohorts[0].cohort).toMatch(/^14\d\d-\d\d$/);
    const gregorian = en.results.cohortsGregorian as Awaited<ReturnType<typeof runCohorts>>;
    expect(gregorian.cohorts[0].cohort).toMatch(/^20\d\d-\d\d$/);
    const clv = en.results.clv as ReturnType<typeof computeClv>;
    expect(clv.rows.length).toBe(200);
    expect(clv.bgnbd.status).toBe('fitted');
  });

  it.each(['sales', 'salesJalali'])('%s (data labels mapped to English)', (name) => {
    const a = en.results[name] as Awaited<ReturnType<typeof runSales>>;
    const b = structuredClone(fa.results[name]) as Awaited<ReturnType<typeof runSales>>;
    for (const column of ['city', 'region'] as const) {
      const g = b.geography[column];
      if (!g) continue;
      for (const row of [...g.rows, g.top, g.rest]) if (row) row.place = english(column, row.place);
    }
    for (const row of b.channels ?? []) row.channel = english('channel', row.channel);
    for (const list of Object.values(b.products ?? {})) {
      if (!Array.isArray(list)) continue;
      for (const row of list as { product?: string | null }[]) if (row && 'product' in row) row.product = english('product', row.product ?? null);
    }
    expect(differences(a, b)).toEqual([]);
    expect(a.geography.city?.rows.length).toBeGreaterThan(3);
    expect(a.channels?.length).toBeGreaterThan(2);
  });
});
