/**
 * SQL run right after a database is opened. DuckDB-WASM 1.32 ships only `core_functions`; any
 * other extension (parquet, json, icu, httpfs) would be fetched from the internet on first use,
 * which must never happen here (offline, private). See ../shared/DUCKDB_WASM.md.
 */
export const OPEN_SETTINGS = [
  'SET autoload_known_extensions=false',
  'SET autoinstall_known_extensions=false',
];

/** Every user file is registered under this directory, so a lockdown can allow exactly it. */
export const UPLOAD_DIR = 'uploads/';

/**
 * Lockdown for SQL that came from someone else (a shared link or file): only registered uploads
 * are readable; no network, no other file system access; settings cannot be changed back.
 * Verified in 1.32: `enable_external_access=false` alone would also block the registered files.
 */
export const LOCKDOWN_SETTINGS = [
  `SET allowed_directories=['${UPLOAD_DIR}']`,
  'SET enable_external_access=false',
  'SET lock_configuration=true',
];
