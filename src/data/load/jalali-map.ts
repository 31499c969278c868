import { Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import { jalaliToGregorian } from '../detect/dates';
import { ident } from '../../engine/sql';

/**
 * DuckDB-WASM has no Jalali calendar, so the distinct Jalali dates of a column (a few thousand
 * at most, whatever the row count) are converted in JavaScript with jalaali-js and joined back.
 * Creates `mapTable(y, mo, d, gdate DATE)`; invalid Jalali dates map to NULL.
 */
export async function buildJalaliMap(engine: Engine, partsTable: string, partsColumn: string, mapTable: string): Promise<number> {
  const distinct = await queryRows<{ y: number; mo: number; d: number }>(
    engine,
    `SELECT DISTINCT ${ident(partsColumn)}.y AS y, ${ident(partsColumn)}.mo AS mo, ${ident(partsColumn)}.d AS d
     FROM ${ident(partsTable)} WHERE ${ident(partsColumn)} IS NOT NULL`,
  );
  const g = distinct.map((r) => jalaliToGregorian(r.y, r.mo, r.d));
  const iso = g.map((x) =>
    x ? `${String(x.y).padStart(4, '0')}-${String(x.m).padStart(2, '0')}-${String(x.d).padStart(2, '0')}` : null,
  );
  const table = new Table({
    y: vectorFromArray(distinct.map((r) => r.y), new Int32()),
    mo: vectorFromArray(distinct.map((r) => r.mo), new Int32()),
    d: vectorFromArray(distinct.map((r) => r.d), new Int32()),
    g: vectorFromArray(iso, new Utf8()),
  });
  await engine.query(`DROP TABLE IF EXISTS ${ident(mapTable + '_in')}`);
  await engine.insertArrow(mapTable + '_in', table, { create: true });
  await engine.query(`CREATE OR REPLACE TABLE ${ident(mapTable)} AS
    SELECT y, mo, d, TRY_CAST(g AS DATE) AS gdate FROM ${ident(mapTable + '_in')}`);
  await engine.query(`DROP TABLE ${ident(mapTable + '_in')}`);
  return distinct.length;
}
