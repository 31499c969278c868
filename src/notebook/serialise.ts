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

export class NotebookFormatError extends Error {}

const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function notebookToJson(nb: Notebook): string {
  return JSON.stringify(nb, null, 2);
}

function fail(msg: string): never {
  throw new NotebookFormatError(`This is not a Retention Notebook document: ${msg}`);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, what: string): string => (typeof v === 'string' ? v : fail(`${what} must be text`));

export function readParams(v: unknown): Params {
  if (v === undefined) return { ...DEFAULT_PARAMS };
  if (!isObj(v)) fail('params must be an object');
  const p = { ...DEFAULT_PARAMS };
  if (v.period !== undefined) {
    if (!['week', 'month', 'quarter', 'year'].includes(v.period as string)) fail(`unknown period ${JSON.stringify(v.period)}`);
    p.period = v.period as Params['period'];
  }
  if (v.calendar !== undefined) {
    if (!['gregorian', 'jalali'].includes(v.calendar as string)) fail(`unknown calendar ${JSON.stringify(v.calendar)}`);
    p.calendar = v.calendar as Params['calendar'];
  }
  if (v.churnDays !== undefined) {
    if (!Number.isInteger(v.churnDays) || (v.churnDays as number) < 1 || (v.churnDays as number) > 3650) fail('churnDays must be a whole number of days 1–3650');
    p.churnDays = v.churnDays as number;
  }
  if (v.segment !== undefined && v.segment !== '') {
    if (typeof v.segment !== 'string' || !/^[A-Za-z0-9_-]{1,60}$/.test(v.segment)) fail('segment must be a persona id');
    p.segment = v.segment;
  }
  for (const k of ['from', 'to'] as const) {
    if (v[k] === undefined || v[k] === '') continue;
    try {
      p[k] = checkDay(str(v[k], k), k);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  return p;
}

function readCell(v: unknown, i: number, ids: Set<string>): Cell {
  if (!isObj(v)) fail(`cell ${i + 1} is not an object`);
  const id = str(v.id, `cell ${i + 1}'s id`);
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) fail(`cell ${i + 1}'s id ${JSON.stringify(id)} is not a plain id`);
  if (ids.has(id)) fail(`two cells have the id ${id}`);
  ids.add(id);
  const collapsed = v.collapsed === true ? { collapsed: true } : {};
  switch (v.kind) {
    case 'markdown':
      return { id, kind: 'markdown', source: str(v.source, 'markdown'), ...collapsed };
    case 'sql': {
      const name = str(v.name, 'a SQL cell name');
      if (!SQL_NAME.test(name)) fail(`SQL cell name ${JSON.stringify(name)} must be letters, digits and _`);
      return { id, kind: 'sql', name, source: str(v.source, 'SQL'), ...collapsed };
    }
    case 'chart': {
      if (!CHART_TYPES.includes(v.type as never)) fail(`unknown chart type ${JSON.stringify(v.type)}`);
      const y = Array.isArray(v.y) ? v.y.map((c, k) => str(c, `chart y column ${k + 1}`)) : fail('chart y must be a list of columns');
      return {
        id, kind: 'chart', input: str(v.input, 'chart input'), type: v.type as (typeof CHART_TYPES)[number],
        title: typeof v.title === 'string' ? v.title : '', x: str(v.x, 'chart x'), y, ...collapsed,
      };
    }
    case 'table':
      return { id, kind: 'table', input: str(v.input, 'table input'), ...collapsed };
    case 'analysis':
      if (!ANALYSES.includes(v.analysis as never)) fail(`unknown analysis ${JSON.stringify(v.analysis)}`);
      return { id, kind: 'analysis', analysis: v.analysis as (typeof ANALYSES)[number], ...collapsed };
    default:
      return fail(`cell ${i + 1} has an unknown kind ${JSON.stringify(v.kind)}`);
  }
}

function readPersona(v: unknown, i: number, ids: Set<string>): Persona {
  if (!isObj(v)) fail(`persona ${i + 1} is not an object`);
  const id = str(v.id, `persona ${i + 1}'s id`);
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(id) || ids.has(id)) fail(`persona ${i + 1}'s id ${JSON.stringify(id)} is not a plain, unique id`);
  ids.add(id);
  if (!Array.isArray(v.rules)) fail(`persona ${i + 1} has no list of rules`);
  const rules = v.rules.map((r, k): Rule => {
    if (!isObj(r)) fail(`rule ${k + 1} of persona ${i + 1} is not an object`);
    if (!RULE_OPS.includes(r.op as never)) fail(`rule ${k + 1} of persona ${i + 1} has an unknown operator ${JSON.stringify(r.op)}`);
    const value = r.value;
    const scalar = (x: unknown) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
    if (!(scalar(value) || (Array.isArray(value) && value.every(scalar)))) fail(`rule ${k + 1} of persona ${i + 1} has a value that is not text, a number or a list of them`);
    return { field: str(r.field, `rule ${k + 1}'s field`), op: r.op as Rule['op'], value: value as Rule['value'] };
  });
  return { id, name: str(v.name, `persona ${i + 1}'s name`), description: typeof v.description === 'string' ? v.description : '', rules };
}

function readGoal(v: unknown, i: number, ids: Set<string>): Goal {
  if (!isObj(v)) fail(`goal ${i + 1} is not an object`);
  const id = str(v.id, `goal ${i + 1}'s id`);
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(id) || ids.has(id)) fail(`goal ${i + 1}'s id ${JSON.stringify(id)} is not a plain, unique id`);
  ids.add(id);
  const m = v.metric;
  const metric: GoalMetric = typeof m === 'string' ? (m as GoalMetric)
    : isObj(m) && Array.isArray(m.channels) ? { kind: m.kind as never, channels: m.channels.map((c, k) => str(c, `channel ${k + 1} of goal ${i + 1}`)) }
    : fail(`goal ${i + 1} has no metric`);
  const goal: Goal = {
    id, name: str(v.name, `goal ${i + 1}'s name`), metric,
    target: typeof v.target === 'number' ? v.target : fail(`goal ${i + 1}'s target must be a number`),
    start: str(v.start, `goal ${i + 1}'s start`), deadline: str(v.deadline, `goal ${i + 1}'s deadline`),
    // A persona's members (set by the goals panel from a persona of this document); null = every customer.
    ...(typeof v.segmentSql === 'string' ? { segmentSql: v.segmentSql } : {}),
    ...(typeof v.segmentLabel === 'string' ? { segmentLabel: v.segmentLabel } : {}),
  };
  const problems = validateGoal(goal);
  if (problems.length) fail(`goal ${i + 1} (${goal.name}): ${problems.join(' ')}`);
  return goal;
}

/** Parses and checks a notebook document (a parsed JSON value or its text). */
export function readNotebook(input: unknown): Notebook {
  let v = input;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      fail('the file is not JSON');
    }
  }
  if (!isObj(v)) fail('expected a JSON object');
  if (v.version !== NOTEBOOK_VERSION) {
    fail(typeof v.version === 'number' && v.version > NOTEBOOK_VERSION
      ? `it was written by a newer version (format ${v.version}); this app reads format ${NOTEBOOK_VERSION}`
      : 'it has no format version');
  }
  if (!Array.isArray(v.cells)) fail('it has no list of cells');
  const ids = new Set<string>();
  const cells = v.cells.map((c, i) => readCell(c, i, ids));
  for (const c of cells) {
    if ((c.kind === 'chart' || c.kind === 'table') && !cells.some((x) => x.id === c.input && x.kind === 'sql')) {
      fail(`the ${c.kind} cell ${c.id} reads ${c.input}, which is not a SQL cell of this notebook`);
    }
  }
  const names = cells.filter((c) => c.kind === 'sql').map((c) => (c as { name: string }).name.toLowerCase());
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) fail(`two SQL cells are named ${dup}`);
  const personaIds = new Set<string>();
  const personas = Array.isArray(v.personas) ? v.personas.map((p, i) => readPersona(p, i, personaIds)) : [];
  const goalIds = new Set<string>();
  const goals = Array.isArray(v.goals) ? v.goals.map((g, i) => readGoal(g, i, goalIds)) : [];
  return { version: NOTEBOOK_VERSION, title: typeof v.title === 'string' ? v.title : 'Untitled notebook', params: readParams(v.params), cells, personas, goals };
}
