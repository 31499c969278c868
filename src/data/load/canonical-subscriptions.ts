import type { Engine } from '../../engine/engine';
import { REJECTS_TABLE } from './rejects';
import { ident } from '../../engine/sql';
import { SUBSCRIPTION_COLUMNS, SUBSCRIPTION_TABLE_DDL } from './normalise-subscriptions';

/**
 * `subscriptions` = every subscriptions stage, in every currency (the analysis picks one and
 * never sums across currencies). Overlapping exports are common: a subscription already read
 * from an earlier file (billing periods: the same subscription and period start) is rejected in
 * the later one ("subscription id in an earlier file").
 */
export async function rebuildSubscriptions(engine: Engine, stages: { stage: string; file: string }[]): Promise<void> {
  await engine.query(`DELETE FROM ${REJECTS_TABLE} WHERE reason = 'subscription id in an earlier file'`);
  if (stages.length === 0) {
    await engine.query(`CREATE OR REPLACE TABLE subscriptions (${SUBSCRIPTION_TABLE_DDL})`);
    return;
  }
  const cols = SUBSCRIPTION_COLUMNS.map(ident).join(', ');
  const union = stages.map((s, i) => `SELECT ${cols}, ${i} AS file_rank FROM ${ident(s.stage)}`).join(' UNION ALL ');
  const key = `subscription_id, CASE WHEN row_kind = 'period' THEN period_start END`;
  await engine.query(`CREATE OR REPLACE TEMP TABLE subscriptions_union AS
    SELECT *, row_number() OVER (PARTITION BY ${key} ORDER BY file_rank, source_row) AS k,
      first_value(source_file) OVER (PARTITION BY ${key} ORDER BY file_rank, source_row) AS first_file
    FROM (${union})`);
  await engine.query(`INSERT INTO ${REJECTS_TABLE}
    SELECT source_file, NULL, source_row, 'subscription id in an earlier file',
      'subscription ' || subscription_id || coalesce(' (period from ' || CASE WHEN row_kind = 'period' THEN period_start::VARCHAR END || ')', '')
        || ' was already loaded from ' || first_file, NULL
    FROM subscriptions_union WHERE k > 1 ORDER BY file_rank, source_row`);
  await engine.query(`CREATE OR REPLACE TABLE subscriptions AS
    SELECT ${cols} FROM subscriptions_union WHERE k = 1 ORDER BY file_rank, source_row`);
  await engine.query('DROP TABLE subscriptions_union');
}

