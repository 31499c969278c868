import type { DateConvention, AmountStyle } from './plan';
import { dateSqlParts } from '../detect/dates';
import { amountSqlExpr, SQL_DIGIT_FROM, SQL_DIGIT_TO } from '../detect/numbers';
import { ident } from '../../engine/sql';

/**
 * SQL expressions that turn raw text columns into typed values, the same rules on every row.
 * Each returns NULL for a value it cannot read; the caller turns NULLs into reject reasons.
 */

/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits → 0–9. `translate` costs ~1.3 s per million
 *  values in DuckDB-WASM; pure-ASCII values (byte length = character length) skip it. */
export function latinDigits(sql: string): string {
  return `(CASE WHEN strlen(${sql}) = length(${sql}) THEN ${sql} ELSE translate(${sql}, '${SQL_DIGIT_FROM}', '${SQL_DIGIT_TO}') END)`;
}

/** An identifier (order id, customer code): trimmed, digits made Latin, so `۱۰۰۱` = `1001`. */
export function idExpr(column: string | null | undefined): string {
  return column ? `NULLIF(trim(${latinDigits(ident(column))}), '')` : 'NULL::VARCHAR';
}

/** Trimmed text, NULL when blank. */
export function textExpr(column: string | null | undefined): string {
  return column ? `NULLIF(trim(${ident(column)}), '')` : 'NULL::VARCHAR';
}

/** Amount as DOUBLE (NULL when unreadable); same rules as `parseAmount` (detect/numbers.ts). */
export function amountExpr(column: string | null | undefined, style: AmountStyle): string {
  return column ? `(${amountSqlExpr(ident(column), style)})::DOUBLE` : 'NULL::DOUBLE';
}

/**
 * Date parts as STRUCT(y, mo, d, h, mi, s, off_min); calendar conversion (Jalali) happens by a
 * join on the distinct (y, mo, d), done in JavaScript with jalaali-js (DuckDB-WASM has no ICU).
 */
export function datePartsExpr(column: string | null | undefined, date: DateConvention): string {
  if (!column) return 'NULL';
  return `(${dateSqlParts(ident(column), { ...date, hasTime: true, hasOffset: true, ambiguous: false, matched: 0, total: 0 })})`;
}

/**
 * Fast path for the most common date values — Gregorian ISO (`2024-03-05`, `2024-03-05 10:00:00`,
 * `2024-03-05T10:00:00.5`) without a UTC offset (DuckDB's cast would silently drop one): a plain
 * cast, ~10× cheaper than the full parser. NULL for everything else, which then takes the full
 * parser (`datePartsExpr`).
 */
export function fastTimestampExpr(column: string | null | undefined, date: DateConvention): string {
  if (!column || date.format !== 'ymd' || date.calendar !== 'gregorian') return 'NULL::TIMESTAMP';
  const c = ident(column);
  return `(CASE WHEN strpos(${c}, '+') = 0 AND NOT ends_with(${c}, 'Z') AND strpos(substr(${c}, 11), '-') = 0
    THEN TRY_CAST(${c} AS TIMESTAMP) END)`;
}

/**
 * A timestamp from date parts and the Gregorian date of (y, mo, d). Invalid clock values
 * (25:00, minute 61) give NULL rather than an error, so the row is rejected with a reason.
 */
export function timestampFromParts(parts: string, gdate: string): string {
  return `CASE WHEN ${gdate} IS NOT NULL AND coalesce(${parts}.h, 0) BETWEEN 0 AND 23
      AND coalesce(${parts}.mi, 0) BETWEEN 0 AND 59 AND coalesce(${parts}.s, 0) >= 0 AND coalesce(${parts}.s, 0) < 61
    THEN ${gdate}::TIMESTAMP + to_microseconds(CAST(round(((coalesce(${parts}.h, 0) * 60 + coalesce(${parts}.mi, 0)) * 60
      + coalesce(${parts}.s, 0)) * 1000000) AS BIGINT)) END`;
}

/** Gregorian date of struct parts (NULL when not a real date, e.g. 2023-02-30). */
export function gregorianDate(parts: string): string {
  return `TRY_CAST(printf('%04d-%02d-%02d', ${parts}.y, ${parts}.mo, ${parts}.d) AS DATE)`;
}

/** Currency words and symbols → ISO codes (Toman has no ISO code; IRT is the common usage). */
export function currencyExpr(valueSql: string): string {
  return `CASE
    WHEN ${valueSql} IS NULL THEN NULL
    WHEN lower(${valueSql}) IN ('تومان', 'toman', 'tomans', 'irt', 'ت') THEN 'IRT'
    WHEN lower(${valueSql}) IN ('ریال', 'ريال', 'rial', 'rials', 'irr', '﷼') THEN 'IRR'
    WHEN ${valueSql} IN ('$', 'US$') THEN 'USD'
    WHEN ${valueSql} = '€' THEN 'EUR'
    WHEN ${valueSql} = '£' THEN 'GBP'
    WHEN ${valueSql} = '₹' THEN 'INR'
    WHEN lower(${valueSql}) IN ('درهم', 'aed') THEN 'AED'
    WHEN lower(${valueSql}) IN ('ريال سعودي', 'sar') THEN 'SAR'
    ELSE upper(${valueSql}) END`;
}

/** Status words by canonical status; compared after removing spaces, ZWNJ, `_` and `-`
 *  and unifying Arabic/Persian letter forms (ي→ی, ك→ک), so "تکمیل‌شده" = "تکمیل شده". */
const STATUS_WORDS: Record<string, string[]> = {
  cancelled: ['cancelled', 'canceled', 'voided', 'void', 'trash', 'لغوشده', 'لغو', 'ملغی', 'ملغى', 'ملغاة'],
  failed: ['failed', 'declined', 'ناموفق', 'فشل', 'مرفوض'],
  refunded: ['refunded', 'مستردشده', 'مسترد', 'مرجوعشده', 'مرجوعی', 'مسترجع'],
  partially_refunded: ['partiallyrefunded', 'partialrefund', 'مستردجزئی', 'استردادجزئی', 'مسترجعجزئیا'],
  completed: ['', 'paid', 'completed', 'complete', 'succeeded', 'success', 'fulfilled', 'processing', 'true', 'captured',
    'تکمیلشده', 'پرداختشده', 'مکتمل', 'مدفوع'],
  pending: ['pending', 'authorized', 'onhold', 'درانتظار', 'قیدالانتظار'],
};

/**
 * Order status in a few canonical words. `failed` and `cancelled` never count as revenue;
 * `pending` (not yet paid) counts, as in the shop's own order list. Unknown words are kept
 * (lower-case) and count as revenue; the load report lists them.
 */
export function statusExpr(statusSql: string, cancelledSql: string): string {
  const lowered = `lower(coalesce(${statusSql}, ''))`;
  // translate() is slow in DuckDB-WASM: ASCII words only lose their spaces, _ and -.
  const key = `(CASE WHEN strlen(${lowered}) = length(${lowered}) THEN replace(replace(replace(${lowered}, ' ', ''), '_', ''), '-', '')
    ELSE translate(${lowered}, 'يك \u200c_-', 'یک') END)`;
  if (statusSql === 'NULL' && cancelledSql === 'false') return `'completed'`;
  // One list lookup with the key computed once: IN-lists would become six joins, each
  // recomputing the key (≈1 s per million rows in DuckDB-WASM).
  const pairs = ['cancelled', 'failed', 'refunded', 'partially_refunded', 'completed', 'pending']
    .flatMap((st) => STATUS_WORDS[st].map((w) => [w, st] as const));
  const words = `[${pairs.map(([w]) => `'${w}'`).join(', ')}]`;
  const canon = `[${pairs.map(([, st]) => `'${st}'`).join(', ')}]`;
  return `CASE WHEN ${cancelledSql} THEN 'cancelled'
    ELSE coalesce(${canon}[list_position(${words}, ${key})], lower(${statusSql})) END`;
}
