import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import type { LoadPlan } from './plan';
import { REJECTS_TABLE } from './rejects';
import { ident, literal } from '../../engine/sql';
import { amountExpr, datePartsExpr, gregorianDate, idExpr, textExpr, timestampFromParts } from './sql-normalise';
import { buildJalaliMap } from './jalali-map';
import { rawRowText } from './raw-row-text';

/**
 * Survey answers → `stageTable(customer_id, responded_at, score, scale, comment)`.
 * Scale: `nps` (0–10) when any score is 0 or above 5, else `csat` (1–5). Scores outside the
 * scale, or not whole numbers, are rejected with the reason.
 */
export async function normaliseResponses(
  engine: Engine, plan: LoadPlan, rawTable: string, stageTable: string, columns: string[],
): Promise<{ rows: number; responses: number; scale: 'nps' | 'csat'; notes: string[] }> {
  const m = plan.mapping;
  const typed = `${rawTable}_typed`;
  const customer = m.customer_id
    ? `coalesce(${idExpr(m.customer_id)}, lower(${textExpr(m.customer_email)}))`
    : `lower(${textExpr(m.customer_email)})`;
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(typed)} AS SELECT __row, ${customer} AS customer_id,
      ${datePartsExpr(m.responded_at, plan.date)} AS dp, ${textExpr(m.responded_at)} AS date_raw,
      ${amountExpr(m.score, 'dot-decimal')} AS score, ${textExpr(m.score)} AS score_raw, ${textExpr(m.comment)} AS comment
    FROM ${ident(rawTable)}`);
  let gdate = gregorianDate('dp');
  let join = '';
  if (plan.date.calendar === 'jalali') {
    await buildJalaliMap(engine, typed, 'dp', `${rawTable}_jmap`);
    join = `LEFT JOIN ${ident(rawTable + '_jmap')} jm ON jm.y = dp.y AND jm.mo = dp.mo AND jm.d = dp.d`;
    gdate = 'jm.gdate';
  }
  const [{ nps }] = await queryRows<{ nps: boolean }>(engine,
    `SELECT coalesce(bool_or(score = 0 OR score > 5), false) AS nps FROM ${ident(typed)} WHERE score BETWEEN 0 AND 10`);
  const scale = nps ? 'nps' : 'csat';
  const [lo, hi] = nps ? [0, 10] : [1, 5];
  await engine.query(`CREATE OR REPLACE TEMP TABLE ${ident(typed + '2')} AS
    SELECT t.*, ${m.responded_at ? timestampFromParts('dp', gdate) : 'NULL::TIMESTAMP'} AS responded_at,
      CASE WHEN t.customer_id IS NULL THEN 'missing customer id'
           WHEN t.score IS NULL THEN 'unparseable score'
           WHEN t.score <> round(t.score) OR t.score < ${lo} OR t.score > ${hi} THEN 'score out of range'
           WHEN ${m.responded_at ? 'true' : 'false'} AND ${m.responded_at ? timestampFromParts('dp', gdate) : 'NULL'} IS NULL
             THEN 'unparseable date' END AS reason
    FROM ${ident(typed)} t ${join}`);
  await engine.query(`INSERT INTO ${REJECTS_TABLE}
    SELECT ${literal(plan.fileName)}, NULL, t.__row, t.reason,
      CASE t.reason WHEN 'unparseable score' THEN 'score not a number: ' || coalesce(t.score_raw, '(empty)')
        WHEN 'score out of range' THEN 'score ' || t.score_raw || ' is outside ${lo}–${hi} (${scale.toUpperCase()} scale)'
        WHEN 'unparseable date' THEN 'date not readable: ' || coalesce(t.date_raw, '(empty)')
        ELSE 'no customer id or e-mail on this row' END,
      ${rawRowText(columns.map((c) => `r.${ident(c)}`))}
    FROM ${ident(typed + '2')} t JOIN ${ident(rawTable)} r USING (__row) WHERE t.reason IS NOT NULL`);
  await engine.query(`CREATE OR REPLACE TABLE ${ident(stageTable)} AS
    SELECT ${literal(plan.fileName)} AS source_file, customer_id, responded_at, score, ${literal(scale)} AS scale, comment
    FROM ${ident(typed + '2')} WHERE reason IS NULL`);
  await engine.query(`DROP TABLE ${ident(typed)}`);
  await engine.query(`DROP TABLE ${ident(typed + '2')}`);
  const [{ n }] = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${ident(stageTable)}`);
  const notes = [`Scores read on the ${scale === 'nps' ? 'NPS 0–10' : 'CSAT 1–5'} scale.`];
  const [{ rows }] = await queryRows<{ rows: number }>(engine, `SELECT count(*) AS rows FROM ${ident(rawTable)}`);
  return { rows, responses: n, scale, notes };
}
