import { tableFromArrays } from 'apache-arrow';
import { toGregorian, toJalaali } from 'jalaali-js';
import { queryRows, type Engine } from '../engine/engine';
import { tableExists } from './columns';
import { addDays, epochDayOf, isoOfEpochDay } from './days';
import type { AnalysisOptions } from './options';
import { ident } from '../engine/sql';

/**
 * Jalali periods are real periods, not relabelled Gregorian ones: a Jalali month starts on the
 * 1st of the Jalali month (e.g. 1403/01/01 = 2024-03-20). DuckDB-WASM has no ICU, so the
 * conversion runs in JS (jalaali-js) and lands in a lookup table that SQL joins on the order day:
 *
 *   calendar_days(day DATE, jy INT, jm INT, jd INT, jalali_week_start DATE,
 *                 jalali_month_start DATE, jalali_quarter_start DATE, jalali_year_start DATE)
 *
 * Jalali weeks start on Saturday (the Iranian week). Quarters are months 1–3, 4–6, 7–9, 10–12.
 */
export const CALENDAR_TABLE = 'calendar_days';

/** Days after the last needed day that the table also covers, so that the start of the period
 *  after the last one (up to a whole Jalali year, 366 days) is present as a value. */
const TAIL_DAYS = 400;

export interface JalaliDay {
  day: string;
  jy: number;
  jm: number;
  jd: number;
  weekStart: string;
  monthStart: string;
  quarterStart: string;
  yearStart: string;
}

/** The ISO (Gregorian) day of a Jalali date. */
export function gregorianIso(jy: number, jm: number, jd: number): string {
  const g = toGregorian(jy, jm, jd);
  return `${String(g.gy).padStart(4, '0')}-${String(g.gm).padStart(2, '0')}-${String(g.gd).padStart(2, '0')}`;
}

export function jalaliDay(iso: string): JalaliDay {
  const [gy, gm, gd] = iso.split('-').map(Number);
  const { jy, jm, jd } = toJalaali(gy, gm, gd);
  const dow = new Date(Date.UTC(gy, gm - 1, gd)).getUTCDay(); // 0 = Sunday … 6 = Saturday
  return {
    day: iso,
    jy,
    jm,
    jd,
    weekStart: addDays(iso, -((dow + 1) % 7)),
    monthStart: gregorianIso(jy, jm, 1),
    quarterStart: gregorianIso(jy, 3 * Math.floor((jm - 1) / 3) + 1, 1),
    yearStart: gregorianIso(jy, 1, 1),
  };
}

let stages = 0;

/** Creates or replaces `calendar_days` for the inclusive range [start, end]. */
export async function createCalendar(engine: Engine, start: string, end: string): Promise<void> {
  const first = epochDayOf(start);
  const n = epochDayOf(end) - first + 1;
  const cols = {
    day: new Int32Array(n), jy: new Int32Array(n), jm: new Int32Array(n), jd: new Int32Array(n),
    w: new Int32Array(n), m: new Int32Array(n), q: new Int32Array(n), y: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const j = jalaliDay(isoOfEpochDay(first + i));
    cols.day[i] = first + i;
    cols.jy[i] = j.jy;
    cols.jm[i] = j.jm;
    cols.jd[i] = j.jd;
    cols.w[i] = epochDayOf(j.weekStart);
    cols.m[i] = epochDayOf(j.monthStart);
    cols.q[i] = epochDayOf(j.quarterStart);
    cols.y[i] = epochDayOf(j.yearStart);
  }
  // Its own staging table per build (engines seen through a wrapper do not share the queue above).
  const stage = `${CALENDAR_TABLE}_stage_${++stages}`;
  await engine.query(`DROP TABLE IF EXISTS ${ident(stage)}`);
  await engine.insertArrow(stage, tableFromArrays(cols), { create: true });
  const d = (c: string) => `CAST(DATE '1970-01-01' + ${ident(c)} AS DATE)`;
  await engine.query(`CREATE OR REPLACE TABLE ${ident(CALENDAR_TABLE)} AS
    SELECT ${d('day')} AS day, jy, jm, jd, ${d('w')} AS jalali_week_start, ${d('m')} AS jalali_month_start,
           ${d('q')} AS jalali_quarter_start, ${d('y')} AS jalali_year_start
    FROM ${ident(stage)} ORDER BY day`);
  await engine.query(`DROP TABLE ${ident(stage)}`);
}

/**
 * Makes sure `calendar_days` covers every day the SQL may look up: all dates in `sources`
 * (table, timestamp column), the option days, plus a tail. Rebuilds only when coverage is short.
 */
export function ensureCalendar(
  engine: Engine,
  options: Pick<AnalysisOptions, 'asOf' | 'from' | 'to'>,
  sources: { table: string; column: string }[] = [{ table: 'orders', column: 'ordered_at' }],
): Promise<void> {
  // One at a time per engine: the report's panels start together, and two rebuilds interleaved
  // would both create the staging table. The second then finds the table already covering it.
  const before = building.get(engine) ?? Promise.resolve();
  const next = before.catch(() => undefined).then(() => ensureCalendarNow(engine, options, sources));
  building.set(engine, next);
  return next;
}

const building = new WeakMap<Engine, Promise<void>>();

async function ensureCalendarNow(
  engine: Engine,
  options: Pick<AnalysisOptions, 'asOf' | 'from' | 'to'>,
  sources: { table: string; column: string }[],
): Promise<void> {
  const days: string[] = [options.asOf, options.from, options.to].filter((d): d is string => d !== undefined);
  for (const s of sources) {
    if (!(await tableExists(engine, s.table))) continue;
    const [r] = await queryRows<{ lo: string | null; hi: string | null }>(engine,
      `SELECT CAST(CAST(min(${ident(s.column)}) AS DATE) AS VARCHAR) AS lo, CAST(CAST(max(${ident(s.column)}) AS DATE) AS VARCHAR) AS hi FROM ${ident(s.table)}`);
    if (r.lo) days.push(r.lo);
    if (r.hi) days.push(r.hi);
  }
  if (days.length === 0) days.push(new Date().toISOString().slice(0, 10));
  days.sort();
  const start = days[0];
  const end = addDays(days[days.length - 1], TAIL_DAYS);
  if (await tableExists(engine, CALENDAR_TABLE)) {
    const [c] = await queryRows<{ lo: string | null; hi: string | null }>(engine,
      `SELECT CAST(min(day) AS VARCHAR) AS lo, CAST(max(day) AS VARCHAR) AS hi FROM ${ident(CALENDAR_TABLE)}`);
    if (c.lo !== null && c.hi !== null && c.lo <= start && c.hi >= end) return;
  }
  await createCalendar(engine, start, end);
}
