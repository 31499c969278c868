/**
 * The `--mapping FILE` JSON: per target table, corrections to what detection proposed, the same
 * corrections a person makes in the app's mapping step (docs/report-json.md, "Mapping file").
 *
 *   { "orders": { "mapping": { "customer_id": "Kunde", "ordered_at": "Datum", "amount": "Betrag" },
 *                 "date": { "format": "dmy", "calendar": "gregorian" },
 *                 "amountStyle": "comma-decimal", "currency": "EUR" },
 *     "responses": { … }, "customers": { … }, "subscriptions": { … } }
 *
 * `parseMappingFile` checks the shape (tables, keys, roles, values) without any data file;
 * `applyOverride` checks the columns against one file and returns the corrected plan.
 */
import type { AmountStyle, DateConvention, DateOrder, LoadPlan, TargetTable } from '../data/load/plan';
import { TABLE_ROLES } from '../data/detect/synonyms';
import { inputError, q } from './errors';

export interface TableOverride {
  /** role → column of the file; null removes a role detection had mapped */
  mapping?: Record<string, string | null>;
  date?: Partial<DateConvention>;
  amountStyle?: AmountStyle;
  /** currency of every amount when the file has no currency column (ISO code, upper-case) */
  currency?: string | null;
  /** one row per line item with the order's totals on its first row (Shopify-like) */
  lineItems?: boolean;
}

export type MappingFile = Partial<Record<TargetTable, TableOverride>>;

export const TABLES: readonly TargetTable[] = ['orders', 'responses', 'customers', 'subscriptions'];
const SECTION_KEYS = ['mapping', 'date', 'amountStyle', 'currency', 'lineItems'];
const DATE_FORMATS: readonly DateOrder[] = ['ymd', 'ymd-compact', 'dmy', 'mdy', 'epoch-s', 'epoch-ms'];
const AMOUNT_STYLES: readonly AmountStyle[] = ['dot-decimal', 'comma-decimal'];

/** Roles that may be mapped for a table (the loader ignores any other). */
export function rolesOf(table: TargetTable): readonly string[] {
  return TABLE_ROLES[table];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (xs: readonly string[]) => xs.join(', ');

function unknownKeys(o: Record<string, unknown>, allowed: readonly string[]): string[] {
  return Object.keys(o).filter((k) => !allowed.includes(k));
}

/** Parse and check a mapping file's text; `source` names it in messages. Throws exit-code-3 errors. */
export function parseMappingFile(text: string, source: string): MappingFile {
  const fail = (what: string) => inputError(`The mapping file ${q(source)} is invalid: ${what} (format: docs/report-json.md, "Mapping file").`);
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw fail(`it is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(doc)) throw fail('it must be a JSON object with the keys "orders", "responses", "customers" and/or "subscriptions"');
  const badTables = unknownKeys(doc, TABLES);
  if (badTables.length) throw fail(`unknown table ${list(badTables.map((k) => `"${k}"`))}; the tables are ${list(TABLES)}`);
  const out: MappingFile = {};
  for (const table of TABLES) {
    const s = doc[table];
    if (s === undefined) continue;
    if (!isObject(s)) throw fail(`"${table}" must be an object`);
    const badKeys = unknownKeys(s, SECTION_KEYS);
    if (badKeys.length) throw fail(`unknown key ${list(badKeys.map((k) => `"${table}.${k}"`))}; allowed: ${list(SECTION_KEYS)}`);
    const o: TableOverride = {};
    if (s.mapping !== undefined) {
      if (!isObject(s.mapping)) throw fail(`"${table}.mapping" must be an object of role → column name`);
      const badRoles = unknownKeys(s.mapping, rolesOf(table));
      if (badRoles.length) throw fail(`unknown role ${list(badRoles.map((r) => `"${r}"`))} for ${table}; the roles are ${list(rolesOf(table))}`);
      for (const [role, col] of Object.entries(s.mapping)) {
        if (col !== null && (typeof col !== 'string' || col === '')) throw fail(`"${table}.mapping.${role}" must be a column name or null`);
      }
      o.mapping = s.mapping as Record<string, string | null>;
    }
    if (s.date !== undefined) {
      if (!isObject(s.date) || unknownKeys(s.date, ['format', 'calendar']).length) throw fail(`"${table}.date" must be { "format": …, "calendar": … }`);
      const { format, calendar } = s.date;
      if (format !== undefined && !DATE_FORMATS.includes(format as DateOrder)) throw fail(`"${table}.date.format" must be one of ${list(DATE_FORMATS)}, got ${JSON.stringify(format)}`);
      if (calendar !== undefined && calendar !== 'gregorian' && calendar !== 'jalali') throw fail(`"${table}.date.calendar" must be gregorian or jalali, got ${JSON.stringify(calendar)}`);
      o.date = s.date as Partial<DateConvention>;
    }
    if (s.amountStyle !== undefined) {
      if (!AMOUNT_STYLES.includes(s.amountStyle as AmountStyle)) throw fail(`"${table}.amountStyle" must be one of ${list(AMOUNT_STYLES)}, got ${JSON.stringify(s.amountStyle)}`);
      o.amountStyle = s.amountStyle as AmountStyle;
    }
    if (s.currency !== undefined) {
      if (s.currency !== null && (typeof s.currency !== 'string' || !/^[A-Za-z]{3}$/.test(s.currency))) throw fail(`"${table}.currency" must be a three-letter code such as "EUR", got ${JSON.stringify(s.currency)}`);
      o.currency = s.currency === null ? null : s.currency.toUpperCase();
    }
    if (s.lineItems !== undefined) {
      if (typeof s.lineItems !== 'boolean') throw fail(`"${table}.lineItems" must be true or false`);
      o.lineItems = s.lineItems;
    }
    out[table] = o;
  }
  return out;
}

/**
 * The plan with the override applied. Mapped columns must exist in the file (exact names);
 * a near miss (case, spaces) is suggested. Returns the roles the override mapped, so the caller
 * can detect their date/amount conventions when the override does not state them.
 */
export function applyOverride(plan: LoadPlan, o: TableOverride, source: string): { plan: LoadPlan; mappedRoles: string[] } {
  const columns = plan.read.columns;
  const mapping = { ...plan.mapping } as Record<string, string | null>;
  const missing: string[] = [];
  for (const [role, col] of Object.entries(o.mapping ?? {})) {
    if (col !== null && !columns.includes(col)) {
      const near = columns.find((c) => c.trim().toLowerCase() === col.trim().toLowerCase());
      missing.push(`${q(col)} (${role})${near ? `, did you mean ${q(near)}?` : ''}`);
    }
    mapping[role] = col;
  }
  if (missing.length) {
    throw inputError(`The mapping file ${q(source)} names columns that ${q(plan.fileName)} does not have: ${list(missing)}. ` +
      `The file's columns are: ${list(columns.map(q))}.`);
  }
  return {
    plan: {
      ...plan,
      mapping: mapping as LoadPlan['mapping'],
      date: { ...plan.date, ...o.date },
      amountStyle: o.amountStyle ?? plan.amountStyle,
      currency: o.currency === undefined ? plan.currency : o.currency,
      lineItems: o.lineItems ?? plan.lineItems,
    },
    mappedRoles: Object.entries(o.mapping ?? {}).filter(([, c]) => c !== null).map(([r]) => r),
  };
}
