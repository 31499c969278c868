import { parquetReadObjects } from 'hyparquet';
import type { InputFile } from '../input';
import type { ParsedRecords } from './raw-records';

/** Parquet is decoded in JavaScript with hyparquet (no Parquet reader in DuckDB-WASM 1.32). */
export async function parquetRecords(input: InputFile): Promise<ParsedRecords> {
  const bytes = await input.all();
  const buffer = bytes.slice().buffer as ArrayBuffer;
  const records = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
  return { records, broken: [] };
}
