/**
 * Notebook ⇄ JSON. Reading is strict about shape and lenient about age: unknown fields are
 * dropped, missing optional ones filled, and anything that cannot be a notebook is refused with
 * a message that says what is wrong (a file from elsewhere, a truncated link).
 */
import { checkDay } from '../analyses/options';
import {
  ANALYSES, CHART_TYPES, DEFAULT_PARAMS, NOTEBOOK_VERSION, type Cell, type Notebook, type Params,
} from './document';
import { RULE_OPS, type Persona, type Rule } from '../personas/rules';
import { validateGoal, type Goal, type GoalMetric } from '../goals/goal';
import { t, type MessageKey, type Params as MessageParams } from '../i18n/t';

export class NotebookFormatError extends Error {}

const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function notebookToJson(nb: Notebook): string {
  return JSON.stringify(nb, null, 2);
}

/** Refuses the document, saying why in the reader's language (src/i18n/messages/notebook.ts, notebook.format.*). */
function fail(key: MessageKey, params?: MessageParams): never {
  throw new NotebookFormatError(t('notebook.format.notNotebook', { reason: t(key, params) }));
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `what` names the field in the message "… must be text". */
const str = (v: unknown, what: MessageKey, params?: MessageParams): string =>
  (typeof v === 'string' ? v : fail('notebook.format.mustBeText', { what: t(what, params) }));
const json = (v: unknown) => String(JSON.stringify(v));

export function readParams(v: unknown): Params {
  if (v === undefined) return { ...DEFAULT_PARAMS };
  if (!isObj(v)) fail('notebook.format.paramsObject');
  const p = { ...DEFAULT_PARAMS };
  if (v.period !== undefined) {
    if (!['week', 'month', 'quarter', 'year'].includes(v.period as string)) fail('notebook.format.unknownPeriod', { value: json(v.period) });
    p.period = v.period as Params['period'];
  }
  if (v.calendar !== undefined) {
    if (!['gregorian', 'jalali'].includes(v.calendar as string)) fail('notebook.format.unknownCalendar', { value: json(v.calendar) });
    p.calendar = v.calendar as Params['calendar'];
  }
  if (v.churnDays !== undefined) {
    if (!Number.isInteger(v.churnDays) || (v.churnDays as number) < 1 || (v.churnDays as number) > 3650) fail('notebook.format.churnDays');
    p.churnDays = v.churnDays as number;
  }
  if (v.segment !== undefined && v.segment !== '') {
    if (typeof v.segment !== 'string' || !/^[A-Za-z0-9_-]{1,60}$/.test(v.segment)) fail('notebook.format.segmentId');
    p.segment = v.segment;
  }
  for (const k of ['from', 'to'] as const) {
    if (v[k] === undefined || v[k] === '') continue;
    try {
      p[k] = checkDay(str(v[k], 'notebook.format.what.param', { name: k }), k);
    } catch (e) {
      if (e instanceof NotebookFormatError) throw e;
      throw new NotebookFormatError(t('notebook.format.notNotebook', { reason: (e as Error).message }));
    }
  }
  return p;
}

function readCell(v: unknown, i: number, ids: Set<string>): Cell {
  if (!isObj(v)) fail('notebook.format.cellNotObject', { i: i + 1 });
  const id = str(v.id, 'notebook.format.what.cellId', { i: i + 1 });
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) fail('notebook.format.cellIdNotPlain', { i: i + 1, id: json(id) });
  if (ids.has(id)) fail('notebook.format.duplicateCellId', { id });
  ids.add(id);
  const collapsed = v.collapsed === true ? { collapsed: true } : {};
  switch (v.kind) {
    case 'markdown':
      return { id, kind: 'markdown', source: str(v.source, 'notebook.format.what.markdown'), ...collapsed };
    case 'sql': {
      const name = str(v.name, 'notebook.format.what.sqlName');
      if (!SQL_NAME.test(name)) fail('notebook.format.sqlNameInvalid', { name: json(name) });
      return { id, kind: 'sql', name, source: str(v.source, 'notebook.format.what.sql'), ...collapsed };
    }
    case 'chart': {
      if (!CHART_TYPES.includes(v.type as never)) fail('notebook.format.unknownChartType', { type: json(v.type) });
      const y = Array.isArray(v.y) ? v.y.map((c, k) => str(c, 'notebook.format.what.chartY', { k: k + 1 })) : fail('notebook.format.chartYList');
      return {
        id, kind: 'chart', input: str(v.input, 'notebook.format.what.chartInput'), type: v.type as (typeof CHART_TYPES)[number],
        title: typeof v.title === 'string' ? v.title : '', x: str(v.x, 'notebook.format.what.chartX'), y, ...collapsed,
      };
    }
    case 'table':
      return { id, kind: 'table', input: str(v.input, 'notebook.format.what.tableInput'), ...collapsed };
    case 'analysis':
      if (!ANALYSES.includes(v.analysis as never)) fail('notebook.format.unknownAnalysis', { name: json(v.analysis) });
      return { id, kind: 'analysis', analysis: v.analysis as (typeof ANALYSES)[number], ...collapsed };
    default:
      return fail('notebook.format.unknownKind', { i: i + 1, kind: json(v.kind) });
  }
}

function readPersona(v: unknown, i: number, ids: Set<string>): Persona {
  if (!isObj(v)) fail('notebook.format.personaNotObject', { i: i + 1 });
  const id = str(v.id, 'notebook.format.what.personaId', { i: i + 1 });
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(id) || ids.has(id)) fail('notebook.format.personaIdInvalid', { i: i + 1, id: json(id) });
  ids.add(id);
  if (!Array.isArray(v.rules)) fail('notebook.format.personaNoRules', { i: i + 1 });
  const rules = v.rules.map((r, k): Rule => {
    if (!isObj(r)) fail('notebook.format.ruleNotObject', { k: k + 1, i: i + 1 });
    if (!RULE_OPS.includes(r.op as never)) fail('notebook.format.ruleUnknownOp', { k: k + 1, i: i + 1, op: json(r.op) });
    const value = r.value;
    const scalar = (x: unknown) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
    if (!(scalar(value) || (Array.isArray(value) && value.every(scalar)))) fail('notebook.format.ruleBadValue', { k: k + 1, i: i + 1 });
    return { field: str(r.field, 'notebook.format.what.ruleField', { k: k + 1 }), op: r.op as Rule['op'], value: value as Rule['value'] };
  });
  return { id, name: str(v.name, 'notebook.format.what.personaName', { i: i + 1 }), description: typeof v.description === 'string' ? v.description : '', rules };
}

function readGoal(v: unknown, i: number, ids: Set<string>): Goal {
  if (!isObj(v)) fail('notebook.format.goalNotObject', { i: i + 1 });
  const id = str(v.id, 'notebook.format.what.goalId', { i: i + 1 });
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(id) || ids.has(id)) fail('notebook.format.goalIdInvalid', { i: i + 1, id: json(id) });
  ids.add(id);
  const m = v.metric;
  const metric: GoalMetric = typeof m === 'string' ? (m as GoalMetric)
    : isObj(m) && Array.isArray(m.channels) ? { kind: m.kind as never, channels: m.channels.map((c, k) => str(c, 'notebook.format.what.goalChannel', { k: k + 1, i: i + 1 })) }
    : fail('notebook.format.goalNoMetric', { i: i + 1 });
  const goal: Goal = {
    id, name: str(v.name, 'notebook.format.what.goalName', { i: i + 1 }), metric,
    target: typeof v.target === 'number' ? v.target : fail('notebook.format.goalTarget', { i: i + 1 }),
    start: str(v.start, 'notebook.format.what.goalStart', { i: i + 1 }), deadline: str(v.deadline, 'notebook.format.what.goalDeadline', { i: i + 1 }),
    // A persona's members (set by the goals panel from a persona of this document); null = every customer.
    ...(typeof v.segmentSql === 'string' ? { segmentSql: v.segmentSql } : {}),
    ...(typeof v.segmentLabel === 'string' ? { segmentLabel: v.segmentLabel } : {}),
  };
  const problems = validateGoal(goal);
  if (problems.length) fail('notebook.format.goalProblems', { i: i + 1, name: goal.name, problems: problems.join(' ') });
  return goal;
}

/** Parses and checks a notebook document (a parsed JSON value or its text). */
export function readNotebook(input: unknown): Notebook {
  let v = input;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      fail('notebook.format.notJson');
    }
  }
  if (!isObj(v)) fail('notebook.format.notObject');
  if (v.version !== NOTEBOOK_VERSION) {
    if (typeof v.version === 'number' && v.version > NOTEBOOK_VERSION) {
      fail('notebook.format.newerVersion', { version: v.version, supported: NOTEBOOK_VERSION });
    }
    fail('notebook.format.noVersion');
  }
  if (!Array.isArray(v.cells)) fail('notebook.format.noCells');
  const ids = new Set<string>();
  const cells = v.cells.map((c, i) => readCell(c, i, ids));
  for (const c of cells) {
    if ((c.kind === 'chart' || c.kind === 'table') && !cells.some((x) => x.id === c.input && x.kind === 'sql')) {
      fail('notebook.format.badInput', { kind: t(c.kind === 'chart' ? 'notebook.kind.chart' : 'notebook.kind.table'), id: c.id, input: c.input });
    }
  }
  const names = cells.filter((c) => c.kind === 'sql').map((c) => (c as { name: string }).name.toLowerCase());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) fail('notebook.format.duplicateSqlName', { name: dup });
  const personaIds = new Set<string>();
  const personas = Array.isArray(v.personas) ? v.personas.map((p, i) => readPersona(p, i, personaIds)) : [];
  const goalIds = new Set<string>();
  const goals = Array.isArray(v.goals) ? v.goals.map((g, i) => readGoal(g, i, goalIds)) : [];
  return { version: NOTEBOOK_VERSION, title: typeof v.title === 'string' ? v.title : 'Untitled notebook', params: readParams(v.params), cells, personas, goals };
}
