import { fileURLToPath } from 'node:url';
import type { Engine } from '../../src/engine/engine';

/** ../shared beside the checkout (see shared/README.md); never copied into the project. */
export const CDNOW_MASTER = fileURLToPath(new URL('../../../shared/datasets/cdnow/CDNOW_master.txt', import.meta.url));

/**
 * Loads CDNOW_master.txt (header `customer_id date number_of_cds dollar_value`, runs of spaces,
 * leading spaces, CRLF) as the canonical `orders` table: each line is read whole (delimiter
 * U+0001 never occurs) and split on whitespace. order_id = line number; amount = dollar_value.
 */
export async function loadCdnowMaster(engine: Engine): Promise<void> {
  await engine.registerFile('uploads/cdnow_master.txt', { kind: 'path', path: CDNOW_MASTER });
  await engine.query('DROP VIEW IF EXISTS orders');
  await engine.query('DROP TABLE IF EXISTS orders');
  await engine.query(`CREATE TABLE orders AS
    WITH raw AS (
      SELECT row_number() OVER () AS n, regexp_split_to_array(trim(regexp_replace(line, '\\s+$', '')), '\\s+') AS f
      FROM read_csv('uploads/cdnow_master.txt', columns = {'line': 'VARCHAR'}, delim = '\u0001', quote = '', escape = '', header = true)
    )
    SELECT CAST(n AS VARCHAR) AS order_id, f[1] AS customer_id, CAST(strptime(f[2], '%Y%m%d') AS TIMESTAMP) AS ordered_at,
      CAST(f[4] AS DOUBLE) AS amount, CAST(f[3] AS DOUBLE) AS quantity, 'completed' AS status,
      CAST(NULL AS VARCHAR) AS product, CAST(NULL AS VARCHAR) AS channel, CAST(NULL AS VARCHAR) AS city
    FROM raw`);
}
