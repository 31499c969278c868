/**
 * The app's loading path for files named on the command line: `inputFromPath` → `inspectFile` →
 * plan → `DataSession.load`. The flag decides the table; the mapping file corrects detection.
 */
import { accessSync, constants, statSync } from 'node:fs';
import type { DataSession, FileReport } from '../data/session';
import type { InputFile } from '../data/input';
import { inputFromPath } from '../data/input-node';
import { inspectFile, type Inspection } from '../data/inspect';
import type { LoadPlan, TargetTable } from '../data/load/plan';
import { validatePlan } from '../data/validate-plan';
import { profileColumn, columnValues } from '../data/detect/columns';
import { inputError, q } from './errors';
import { applyOverride, rolesOf, type MappingFile, type TableOverride } from './mapping-file';

export interface InputSpec {
  path: string;
  table: TargetTable;
}

export interface LoadedInput {
  path: string;
  /** the name the file is known by in the session and in `load_rejects.file` */
  label: string;
  table: TargetTable;
  /** what detection alone thought the file was */
  detectedTable: TargetTable | 'unknown';
  report: FileReport;
  notes: string[];
  warnings: string[];
}

export const FLAG: Record<TargetTable, string> = {
  orders: '--orders', responses: '--responses', customers: '--customers', subscriptions: '--subscriptions',
};

const REQUIRED: Record<TargetTable, { role: string; words: string }[]> = {
  orders: [
    { role: 'customer_id', words: 'customer column (an id or an e-mail)' },
    { role: 'ordered_at', words: 'order date column' },
    { role: 'amount', words: 'amount (order total) column' },
  ],
  responses: [
    { role: 'customer_id', words: 'customer column (an id or an e-mail)' },
    { role: 'score', words: 'score column' },
  ],
  customers: [{ role: 'customer_id', words: 'customer column (an id or an e-mail)' }],
  subscriptions: [
    { role: 'customer_id', words: 'customer column (an id or an e-mail)' },
    { role: 'started_at', words: 'start date column (or billing period start)' },
    { role: 'amount', words: 'amount (per billing interval) column' },
  ],
};
const DATE_ROLE: Partial<Record<TargetTable, string>> = { orders: 'ordered_at', responses: 'responded_at', subscriptions: 'started_at' };
/** A role satisfied by another column when its own is absent. */
const STAND_IN: Record<string, string> = { customer_id: 'customer_email', started_at: 'period_start' };

/** Throws a clear exit-3 error when `path` is not a readable file. */
export function checkReadable(path: string, flag: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
    accessSync(path, constants.R_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw inputError(`Cannot read ${q(path)} (${flag}): ${why}.`, e);
  }
  if (!isFile) throw inputError(`Cannot read ${q(path)} (${flag}): it is a directory, not a file.`);
}

/** The plan for `table`, from detection, corrected by the mapping file; throws when roles are missing. */
export async function planFor(
  input: InputFile, inspection: Inspection, table: TargetTable, label: string, override: TableOverride | undefined, source: string,
): Promise<{ plan: LoadPlan; notes: string[] }> {
  const flag = FLAG[table];
  if (inspection.error || !inspection.format) throw inputError(`${q(label)} (${flag}) cannot be loaded: ${inspection.error ?? 'not a table'}`);
  if (!inspection.plan) throw inputError(`${q(label)} (${flag}) cannot be loaded: not a table`);
  const read = inspection.plan.read;
  const rows = inspection.preview.rows.map((r) => r.map((v) => v ?? ''));
  const detected = inspection.detectedTable;
  const notes: string[] = [];
  let plan: LoadPlan;
  if (inspection.plan && detected === table) {
    plan = { ...structuredClone(inspection.plan), fileName: label };
  } else {
    // Trust the flag; keep what detection mapped when the role exists for this table.
    const fits = Object.entries(inspection.plan?.mapping ?? {}).filter(([role, col]) => col && rolesOf(table).includes(role));
    plan = {
      fileName: label, read, table, preset: null, mapping: Object.fromEntries(fits) as LoadPlan['mapping'],
      date: inspection.plan?.date ?? { format: 'ymd', calendar: 'gregorian' },
      amountStyle: inspection.plan?.amountStyle ?? 'dot-decimal', currency: inspection.plan?.currency ?? null, lineItems: false,
    };
    notes.push(detected === 'unknown'
      ? `Detection could not tell which table this file is; loaded as ${table} because it was given as ${flag}.`
      : `Detected as ${detected}, loaded as ${table} because it was given as ${flag}; detected columns that fit ${table} were kept.`);
  }
  let mapped: string[] = [];
  if (override) ({ plan, mappedRoles: mapped } = applyOverride(plan, override, source));
  // Conventions of columns detection did not map for this table: read them from the sample rows.
  const profile = (role: string) => {
    const col = (plan.mapping as Record<string, string | null>)[role];
    const i = col ? read.columns.indexOf(col) : -1;
    return i < 0 ? null : profileColumn(columnValues(rows, i));
  };
  const guessed = detected !== table;
  const dateRole = table === 'subscriptions' && !(plan.mapping as Record<string, string | null>).started_at ? 'period_start' : DATE_ROLE[table];
  if (dateRole && !override?.date?.format && (guessed || mapped.includes(dateRole))) {
    const f = profile(dateRole)?.dateFormat;
    if (f && f.matched > 0) plan.date = { format: f.format, calendar: override?.date?.calendar ?? f.calendar };
  }
  if ((table === 'orders' || table === 'subscriptions') && !override?.amountStyle && (guessed || mapped.includes('amount'))) {
    const p = profile('amount');
    if (p && p.nonEmpty > 0) plan.amountStyle = p.amountStyle;
  }

  const has = (role: string) => {
    const col = (plan.mapping as Record<string, string | null>)[role];
    return !!col && read.columns.includes(col);
  };
  const missing = REQUIRED[table].filter((r) => !has(r.role) && !(STAND_IN[r.role] && has(STAND_IN[r.role])));
  if (missing.length) {
    const looks = detected !== table && detected !== 'unknown' ? ` It looks like a ${detected} file.` : '';
    const example = JSON.stringify({ [table]: { mapping: Object.fromEntries(missing.map((r) => [r.role, '<column>'])) } });
    throw inputError(`${q(label)} (${flag}) has no ${missing.map((r) => r.words).join(' and no ')}.${looks} ` +
      `Its columns are: ${read.columns.map(q).join(', ')}. Name the right column in a --mapping file, ` +
      `e.g. ${example} (see docs/report-json.md).`);
  }
  const problems = validatePlan(plan);
  if (problems.length) throw inputError(`${q(label)} (${flag}) cannot be loaded: ${problems.join(' ')}`);
  return { plan, notes };
}

/** A name per file that is unique in the session (re-loading a name replaces the file there). */
function uniqueLabel(path: string, taken: Set<string>, name: string): string {
  let label = taken.has(name) ? path : name;
  for (let n = 2; taken.has(label); n++) label = `${name} (${n})`;
  taken.add(label);
  return label;
}

/** A file inspected and planned, ready to load (no engine needed up to here). */
export interface PreparedInput {
  spec: InputSpec;
  label: string;
  input: InputFile;
  inspection: Inspection;
  plan: LoadPlan;
  notes: string[];
}

/** Inspect and plan every file, orders first, then responses, customers, subscriptions. Fails fast on bad input. */
export async function prepareInputs(specs: InputSpec[], mapping: MappingFile | null, mappingSource = '--mapping'): Promise<PreparedInput[]> {
  const order: TargetTable[] = ['orders', 'responses', 'customers', 'subscriptions'];
  const sorted = [...specs].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
  const taken = new Set<string>();
  const out: PreparedInput[] = [];
  for (const spec of sorted) {
    const flag = FLAG[spec.table];
    checkReadable(spec.path, flag);
    const input = inputFromPath(spec.path);
    const label = uniqueLabel(spec.path, taken, input.name);
    let inspection: Inspection;
    try {
      inspection = await inspectFile(input);
    } catch (e) {
      throw inputError(`${q(label)} (${flag}) cannot be read as a table: ${(e as Error).message}`, e);
    }
    const { plan, notes } = await planFor(input, inspection, spec.table, label, mapping?.[spec.table], mappingSource);
    out.push({ spec, label, input, inspection, plan, notes });
  }
  return out;
}

/** Load prepared files into the session, in order. */
export async function loadPrepared(session: DataSession, prepared: PreparedInput[]): Promise<LoadedInput[]> {
  const out: LoadedInput[] = [];
  for (const { spec, label, input, inspection, plan, notes } of prepared) {
    let report: FileReport;
    try {
      report = await session.load(input, inspection, plan);
    } catch (e) {
      throw inputError(`${q(label)} (${FLAG[spec.table]}) could not be loaded: ${(e as Error).message}`, e);
    }
    out.push({
      path: spec.path, label, table: spec.table, detectedTable: inspection.detectedTable, report,
      notes: [...notes, ...inspection.notes, ...report.notes], warnings: inspection.warnings,
    });
  }
  return out;
}
