import type { Engine } from '../../engine/engine';
import type { LoadPlan } from './plan';
import { REJECTS_TABLE } from './rejects';
import { ident, literal } from '../../engine/sql';
import { rawRowText } from './raw-row-text';
import { amountExpr, idExpr, textExpr } from './sql-normalise';
import { queryRows } from '../../engine/engine';

/** Well-known attribute headers (English, Persian, Arabic) → canonical attribute names. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  age: 'age', 'سن': 'age', 'العمر': 'age',
  gender: 'gender', sex: 'gender', 'جنسیت': 'gender', 'الجنس': 'gender',
  city: 'city', 'شهر': 'city', 'المدينة': 'city',
  platform: 'platform', device: 'platform', 'پلتفرم': 'platform', 'المنصة': 'platform',
  signup_channel: 'signup_channel', 'acquisition channel': 'signup_channel', channel: 'signup_channel',
  'کانال جذب': 'signup_channel', 'کانال': 'signup_channel', 'القناة': 'signup_channel',
};

/**
 * Customer attributes → `stageTable(customer_id, <attributes>)`. Attributes keep their header
 * name unless it is a known one (age, gender, city, platform, signup_channel); `age` becomes a
 * number. A row without a customer id, or repeating one, is rejected with the reason.
 */
export async function normaliseCustomers(
  engine: Engine, plan: LoadPlan, rawTable: string, stageTable: string, columns: string[],
): Promise<{ rows: number; customers: number; attributes: string[] }> {
  const idCol = plan.mapping.customer_id ?? plan.mapping.customer_email;
  const others = columns.filter((c) => c !== idCol);
  const used = new Set<string>(['customer_id']);
  const attrs = others.map((c) => {
    let name = ATTRIBUTE_NAMES[c.trim().toLowerCase()] ?? c.trim();
    while (used.has(name)) name += '_2';
    used.add(name);
    return { column: c, name };
  });
  const select = attrs
    .map(({ column, name }) =>
      name === 'age' ? `TRY_CAST(${amountExpr(column, 'dot-decimal')} AS INTEGER) AS age` : `${textExpr(column)} AS ${ident(name)}`)
    .join(', ');
  const id = plan.mapping.customer_id ? idExpr(idCol) : `lower(${textExpr(idCol)})`;
  await engine.query(`INSERT INTO ${REJECTS_TABLE}
    SELECT ${literal(plan.fileName)}, NULL, __row,
      CASE WHEN cid IS NULL THEN 'missing customer id' ELSE 'duplicate customer id' END,
      CASE WHEN cid IS NULL THEN 'no customer id on this row' ELSE 'customer ' || cid || ' already read' END,
      ${rawRowText(columns.map((c) => `r.${ident(c)}`))}
    FROM (SELECT *, ${id} AS cid, row_number() OVER (PARTITION BY ${id} ORDER BY __row) AS k FROM ${ident(rawTable)}) r
    WHERE cid IS NULL OR k > 1`);
  await engine.query(`CREATE OR REPLACE TABLE ${ident(stageTable)} AS
    SELECT ${id} AS customer_id${select ? ', ' + select : ''}, ${literal(plan.fileName)} AS source_file
    FROM ${ident(rawTable)} WHERE ${id} IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY ${id} ORDER BY __row) = 1`);
  const [{ n }] = await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${ident(stageTable)}`);
  const [{ rows }] = await queryRows<{ rows: number }>(engine, `SELECT count(*) AS rows FROM ${ident(rawTable)}`);
  return { rows, customers: n, attributes: attrs.map((a) => a.name) };
}
