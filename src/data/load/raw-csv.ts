import type { Engine } from '../../engine/engine';
import { queryRows } from '../../engine/engine';
import type { ReadPlan } from './plan';
import { ident, literal } from './sql';
import { REJECTS_TABLE } from './rejects';

/**
 * Read a registered CSV (plain or gzip) into `rawTable`: every column VARCHAR, plus `__row`
 * (1-based data-row number). Rows DuckDB cannot split into the expected number of fields
 * (ragged rows, broken quotes) are recorded in `load_rejects` with their file line.
 * Reading everything as text keeps DuckDB's sniffer from guessing types on a sample and
 * failing on row 900,000; typing happens in SQL afterwards, with a reason for each failure.
 */
export async function readCsvToRaw(
  engine: Engine,
  registeredName: string,
  rawTable: string,
  read: ReadPlan,
  fileLabel: string,
): Promise<{ rows: number; malformed: number }> {
  const rej = `${rawTable}_rej`;
  const scan = `${rawTable}_scan`;
  const names = '[' + read.columns.map(literal).join(', ') + ']';
  const common = `header=${read.hasHeader}, all_varchar=true, names=${names}, store_rejects=true,
    rejects_table=${literal(rej)}, rejects_scan=${literal(scan)}, max_line_size=10000000`;
  const source =
    read.format === 'whitespace'
      ? // Whitespace-separated (CDNOW style): read whole lines, split on runs of blanks.
        `(SELECT ${read.columns
          .map((c, i) => `NULLIF(regexp_split_to_array(trim(line), '\\s+')[${i + 1}], '') AS ${ident(c)}`)
          .join(', ')}
          FROM read_csv(${literal(registeredName)}, columns={'line': 'VARCHAR'}, delim=${literal('\u0001')},
            quote='', escape='', header=${read.hasHeader}, auto_detect=false) WHERE trim(line) <> '')`
      : `read_csv(${literal(registeredName)}, delim=${literal(read.delimiter)}, quote='"', escape='"',
          ${read.format === 'csv-gzip' ? "compression='gzip'," : ''} ${common})`;
  await engine.query(`CREATE OR REPLACE TABLE ${ident(rawTable)} AS
    SELECT row_number() OVER () AS __row, * FROM ${source}`);
  let malformed = 0;
  if (read.format !== 'whitespace') {
    await engine.query(`INSERT INTO ${REJECTS_TABLE}
      SELECT ${literal(fileLabel)}, line, NULL, 'malformed row',
             CASE error_type WHEN 'MISSING COLUMNS' THEN 'too few fields: ' || error_message
                             WHEN 'TOO MANY COLUMNS' THEN 'too many fields: ' || error_message
                             ELSE error_message END,
             csv_line
      FROM ${ident(rej)}`);
    malformed = (await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${ident(rej)}`))[0].n;
    await engine.query(`DROP TABLE IF EXISTS ${ident(rej)}; DROP TABLE IF EXISTS ${ident(scan)}`);
  }
  const rows = (await queryRows<{ n: number }>(engine, `SELECT count(*) AS n FROM ${ident(rawTable)}`))[0].n;
  return { rows, malformed };
}
