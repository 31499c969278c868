import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import type { ReadPlan } from './plan';
import { ident, literal } from '../../engine/sql';
import { REJECTS_TABLE } from './rejects';

/**
 * The raw relation of a registered CSV (plain or gzip): every column VARCHAR, plus `__row`
 * (1-based data-row number). Reading everything as text keeps DuckDB's sniffer from guessing
 * types on a sample and failing on row 900,000; typing happens in SQL afterwards, with a reason
 * for each failure. Rows DuckDB cannot split into the expected fields (ragged rows, broken
 * quotes) are kept aside by `store_rejects`; `collectCsvRejects` moves them to `load_rejects`.
 *
 * `materialize: false` creates a VIEW, so the (large) orders file is scanned exactly once, by
 * the normalising query; small files (responses, customers) are materialised.
 */
export async function createCsvRaw(
  engine: Engine, registeredName: string, rawTable: string, read: ReadPlan, materialize: boolean,
): Promise<void> {
  // The columns are known from the inspection: no sniffing pass over the file again.
  const columns = '{' + read.columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ') + '}';
  const source =
    read.format === 'whitespace'
      ? // Whitespace-separated (CDNOW style): read whole lines, split on runs of blanks.
        `(SELECT ${read.columns
          .map((c, i) => `NULLIF(regexp_split_to_array(trim(line), '\\s+')[${i + 1}], '') AS ${ident(c)}`)
          .join(', ')}
          FROM read_csv(${literal(registeredName)}, columns={'line': 'VARCHAR'}, delim=${literal('\u0001')},
            quote='', escape='', header=${read.hasHeader}, auto_detect=false) WHERE trim(line) <> '')`
      : `read_csv(${literal(registeredName)}, delim=${literal(read.delimiter)}, quote='"', escape='"',
          ${read.format === 'csv-gzip' ? "compression='gzip'," : ''} header=${read.hasHeader}, auto_detect=false,
          columns=${columns}, store_rejects=true, rejects_table=${literal(`${rawTable}_rej`)},
          rejects_scan=${literal(`${rawTable}_scan`)}, max_line_size=10000000)`;
  await engine.query(`CREATE OR REPLACE ${materialize ? 'TABLE' : 'TEMP VIEW'} ${ident(rawTable)} AS
    SELECT row_number() OVER () AS __row, * FROM ${source}`);
}

/** After the raw relation was scanned: record malformed rows in `load_rejects`; returns their count. */
export async function collectCsvRejects(engine: Engine, rawTable: string, read: ReadPlan, fileLabel: string): Promise<number> {
  if (read.format === 'whitespace') return 0;
  const rej = ident(`${rawTable}_rej`);
  // The rejects table exists once the file was scanned (asking duckdb_tables() costs ~60 ms).
  try {
    await engine.query(`SELECT 1 FROM ${rej} LIMIT 0`);
  } catch {
    return 0;
  }
  // DuckDB records one error per missing/extra field (and again if the view is scanned twice):
  // one reject per line, with the field counts in words.
  await engine.query(`INSERT INTO ${REJECTS_TABLE}
    SELECT ${literal(fileLabel)}, line, NULL::BIGINT, 'malformed row',
      CASE kind
        WHEN 'MISSING COLUMNS' THEN 'too few fields: ' || min_found || ' instead of ' || expected
        WHEN 'TOO MANY COLUMNS' THEN 'too many fields: ' || max_found || ' instead of ' || expected
        ELSE message END,
      csv_line
    FROM (SELECT line, arg_min(error_type, column_idx) AS kind, arg_min(error_message, column_idx) AS message,
            any_value(csv_line) AS csv_line,
            min(TRY_CAST(regexp_extract(error_message, 'Found: ([0-9]+)', 1) AS INT)) AS min_found,
            max(TRY_CAST(regexp_extract(error_message, 'Found: ([0-9]+)', 1) AS INT)) AS max_found,
            any_value(TRY_CAST(regexp_extract(error_message, 'Columns: ([0-9]+)', 1) AS INT)) AS expected
          FROM ${rej} GROUP BY line)
    ORDER BY line`);
  const [{ n }] = await queryRows<{ n: number }>(engine, `SELECT count(DISTINCT line) AS n FROM ${rej}`);
  await engine.query(`DROP TABLE IF EXISTS ${rej}`);
  await engine.query(`DROP TABLE IF EXISTS ${ident(`${rawTable}_scan`)}`);
  return n;
}
