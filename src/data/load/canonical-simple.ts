import type { Engine } from '../../engine/engine';
import { REJECTS_TABLE } from './rejects';
import { ident } from '../../engine/sql';

const EMPTY: Record<'responses' | 'customers', string> = {
  responses: 'customer_id VARCHAR, responded_at TIMESTAMP, score DOUBLE, scale VARCHAR, comment VARCHAR',
  customers: 'customer_id VARCHAR',
};

/**
 * `responses` = all response stages; `customers` = all customer stages, a customer id already
 * read from an earlier file is rejected in the later one.
 */
export async function rebuildSimple(
  engine: Engine, table: 'responses' | 'customers', stages: { stage: string; file: string }[],
): Promise<void> {
  if (stages.length === 0) {
    await engine.query(`CREATE OR REPLACE TABLE ${table} (${EMPTY[table]})`);
    return;
  }
  const union = stages.map((s) => `SELECT * FROM ${ident(s.stage)}`).join(' UNION ALL BY NAME ');
  if (table === 'responses') {
    await engine.query(`CREATE OR REPLACE TABLE responses AS SELECT * EXCLUDE (source_file) FROM (${union})`);
    return;
  }
  const rank = stages.map((s, i) => `WHEN '${s.file.replaceAll("'", "''")}' THEN ${i}`).join(' ');
  await engine.query(`DELETE FROM ${REJECTS_TABLE} WHERE reason = 'customer id in an earlier file'`);
  await engine.query(`CREATE OR REPLACE TEMP TABLE customers_union AS
    SELECT *, CASE source_file ${rank} END AS file_rank FROM (${union})`);
  await engine.query(`INSERT INTO ${REJECTS_TABLE}
    SELECT source_file, NULL, NULL, 'customer id in an earlier file', 'customer ' || customer_id || ' was already loaded', NULL
    FROM customers_union QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY file_rank) > 1`);
  await engine.query(`CREATE OR REPLACE TABLE customers AS SELECT * EXCLUDE (file_rank, source_file) FROM customers_union
    QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY file_rank) = 1`);
  await engine.query('DROP TABLE customers_union');
}
