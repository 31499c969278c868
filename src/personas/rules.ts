import { ident, literal } from '../engine/sql';
import { RULE_MESSAGES } from './messages';

/**
 * Personas as data: a persona is a named set of rules over one row per customer
 * (`rn_customer_profile`, built by `ensureCustomerProfile` in src/analyses/personas.ts). A customer
 * belongs to a persona when ALL its rules hold (no rules = every customer). Pure: no engine here;
 * the SQL is built with ident()/literal() only (src/engine/sql.ts).
 *
 * Missing values never satisfy a rule, negations included: a customer whose age is unknown is in
 * neither "age < 30" nor "age ≥ 30" nor "age ≠ 30" (we do not know, so not a member).
 */
export const PROFILE_TABLE = 'rn_customer_profile';

export type FieldType = 'number' | 'text';

export const RULE_OPS = ['=', '≠', 'in', 'not in', '<', '≤', '>', '≥', 'between', 'contains'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/** Operators valid for each field type. */
export const OPS_FOR_TYPE: Record<FieldType, readonly RuleOp[]> = {
  number: ['=', '≠', 'in', 'not in', '<', '≤', '>', '≥', 'between'],
  text: ['=', '≠', 'in', 'not in', 'contains'],
};

export type RuleValue = string | number | readonly (string | number)[];

/**
 * One condition. `value`: a number or string for `=`, `≠`, `<`, `≤`, `>`, `≥`, `contains`;
 * a non-empty list for `in` / `not in`; `[low, high]` (inclusive) for `between`.
 */
export interface Rule {
  field: string;
  op: RuleOp;
  value: RuleValue;
}

export interface Persona {
  id: string;
  name: string;
  description: string;
  rules: Rule[];
}

/** What the rules need to know about a field (ProfileField in analyses/personas.ts has more). */
export interface FieldInfo {
  name: string;
  type: FieldType;
}

/** The behaviour fields computed per customer (types; some exist only when the data has the column). */
export const BEHAVIOUR_FIELDS: Readonly<Record<string, { type: FieldType; label: string }>> = {
  orders: { type: 'number', label: RULE_MESSAGES.en['personas.field.orders'] },
  spend: { type: 'number', label: RULE_MESSAGES.en['personas.field.spend'] },
  aov: { type: 'number', label: RULE_MESSAGES.en['personas.field.aov'] },
  recency_days: { type: 'number', label: RULE_MESSAGES.en['personas.field.recency_days'] },
  tenure_days: { type: 'number', label: RULE_MESSAGES.en['personas.field.tenure_days'] },
  first_channel: { type: 'text', label: RULE_MESSAGES.en['personas.field.first_channel'] },
  first_city: { type: 'text', label: RULE_MESSAGES.en['personas.field.first_city'] },
  favourite_product: { type: 'text', label: RULE_MESSAGES.en['personas.field.favourite_product'] },
  favourite_category: { type: 'text', label: RULE_MESSAGES.en['personas.field.favourite_category'] },
  rfm_segment: { type: 'text', label: RULE_MESSAGES.en['personas.field.rfm_segment'] },
  nps_group: { type: 'text', label: RULE_MESSAGES.en['personas.field.nps_group'] },
};

export type RuleMessageKey = keyof typeof RULE_MESSAGES.en;

/**
 * How rule texts and validation messages are worded: English by default (this module runs
 * without the reader's preferences: CLI, analyses, thrown errors); the components pass the
 * reader's language (src/personas/display.ts). Parameters are already formatted strings.
 */
export interface RuleSpeaker {
  msg(key: RuleMessageKey, params?: Record<string, string>): string;
  /** a value in a rule (numbers grouped, up to 6 decimals) */
  value(x: string | number): string;
  /** a number as typed (no grouping) */
  raw(n: number): string;
  /** an operator as shown ("in", "≥") */
  op(op: string): string;
  list(items: readonly string[]): string;
  /** a field as named in rule texts (default: its column name, which SQL and the CLI use) */
  field?(name: string): string;
  /** a text value of a field as shown (default: as in the data; e.g. an RFM segment in the reader's language) */
  text?(field: string, value: string): string;
}

const OP_KEYS: Partial<Record<string, RuleMessageKey>> = {
  in: 'personas.op.in', 'not in': 'personas.op.notIn', between: 'personas.op.between', contains: 'personas.op.contains',
};
/** The message key of an operator's word, or undefined for a symbol (=, ≠, <, ≤, >, ≥). */
export const opKey = (op: string): RuleMessageKey | undefined => OP_KEYS[op];

export const ENGLISH: RuleSpeaker = {
  msg: (key, params) => (RULE_MESSAGES.en[key] as string).replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole)),
  value: (x) => (typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: 6 }) : x),
  raw: (n) => String(n),
  op: (op) => op,
  list: (items) => items.join(', '),
};

/** "age between 20 and 32", "favourite_club in Arsenal, Chelsea", "city contains "teh"". */
export function describeRule(rule: Rule, say: RuleSpeaker = ENGLISH): string {
  const v = rule.value;
  const field = say.field ? say.field(rule.field) : rule.field;
  const value = (x: string | number) => (typeof x === 'string' && say.text ? say.text(rule.field, x) : say.value(x));
  if (rule.op === 'between' && Array.isArray(v)) return say.msg('personas.rule.between', { field, low: value(v[0]), high: value(v[1]) });
  if (Array.isArray(v)) return say.msg('personas.rule.list', { field, op: say.op(rule.op), values: say.list(v.map(value)) });
  // "contains" matches part of the data's text: shown as typed, never translated
  if (rule.op === 'contains') return say.msg('personas.rule.contains', { field, value: say.value(v as string | number) });
  return say.msg('personas.rule.compare', { field, op: say.op(rule.op), value: value(v as string | number) });
}

/** Every rule as text, joined with "and"; "every customer" without rules. */
export function describePersonaRules(persona: Pick<Persona, 'rules'>, say: RuleSpeaker = ENGLISH): string {
  return persona.rules.length === 0 ? say.msg('personas.rule.everyone') : persona.rules.map((r) => describeRule(r, say)).join(say.msg('personas.rule.and'));
}

function isNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Problems with one rule (empty = valid), each a sentence naming the rule. */
export function validateRule(rule: Rule, fields: readonly FieldInfo[], say: RuleSpeaker = ENGLISH): string[] {
  const f = fields.find((x) => x.name === rule.field);
  const field = rule.field;
  if (!rule.field) return [say.msg('personas.v.noField')];
  if (!f) return [say.msg('personas.v.unknownField', { field, fields: fields.length ? say.list(fields.map((x) => x.name)) : say.msg('personas.v.none') })];
  if (!(RULE_OPS as readonly string[]).includes(rule.op)) return [say.msg('personas.v.unknownOp', { op: rule.op, field })];
  const op = say.op(rule.op);
  if (!OPS_FOR_TYPE[f.type].includes(rule.op)) {
    const ops = say.list(OPS_FOR_TYPE[f.type].map((o) => say.op(o)));
    return [say.msg(f.type === 'number' ? 'personas.v.opNotForNumber' : 'personas.v.opNotForText', { op, field, ops })];
  }
  const v = rule.value;
  const scalarOk = (x: unknown) => (f.type === 'number' ? isNumber(x) : typeof x === 'string' || isNumber(x));
  const p = { field, op };
  switch (rule.op) {
    case 'in':
    case 'not in':
      if (!Array.isArray(v)) return [say.msg('personas.v.mustBeList', p)];
      if (v.length === 0) return [say.msg('personas.v.emptyList', p)];
      if (!v.every(scalarOk)) return [say.msg(f.type === 'number' ? 'personas.v.listNumbers' : 'personas.v.listTexts', p)];
      return [];
    case 'between': {
      if (!Array.isArray(v) || v.length !== 2 || !isNumber(v[0]) || !isNumber(v[1])) {
        return [say.msg('personas.v.betweenTwo', p)];
      }
      return v[0] > v[1] ? [say.msg('personas.v.betweenOrder', { ...p, low: say.raw(v[0]), high: say.raw(v[1]) })] : [];
    }
    case 'contains':
      if (typeof v !== 'string' || v.length === 0) return [say.msg('personas.v.containsEmpty', p)];
      return [];
    default:
      if (Array.isArray(v)) return [say.msg('personas.v.notList', p)];
      if (!scalarOk(v)) return [say.msg(f.type === 'number' ? 'personas.v.mustBeNumber' : 'personas.v.mustBeText', p)];
      if (f.type === 'text' && typeof v === 'string' && v.length === 0) return [say.msg('personas.v.emptyValue', p)];
      return [];
  }
}

/** Problems with a persona (empty = valid): a name, and every rule valid. */
export function validatePersona(persona: Persona, fields: readonly FieldInfo[], say: RuleSpeaker = ENGLISH): string[] {
  const out: string[] = [];
  if (!persona.name.trim()) out.push(say.msg('personas.v.noName'));
  persona.rules.forEach((r, i) => {
    for (const m of validateRule(r, fields, say)) out.push(say.msg('personas.v.rule', { n: say.raw(i + 1), problem: m }));
  });
  return out;
}

/** A value as a SQL literal of the field's type (text fields compare as text, also for numbers typed in). */
function valueSql(x: string | number, type: FieldType): string {
  return type === 'number' ? literal(Number(x)) : literal(String(x));
}

/** SQL condition of one valid rule, on columns of the profile table (optionally qualified by `alias`). */
export function ruleSql(rule: Rule, fields: readonly FieldInfo[], alias?: string): string {
  const problems = validateRule(rule, fields);
  if (problems.length) throw new RangeError(problems.join(' '));
  const f = fields.find((x) => x.name === rule.field)!;
  const col = alias ? `${alias}.${ident(f.name)}` : ident(f.name);
  const v = rule.value;
  const list = () => (v as readonly (string | number)[]).map((x) => valueSql(x, f.type)).join(', ');
  switch (rule.op) {
    case '=': return `${col} = ${valueSql(v as string | number, f.type)}`;
    case '≠': return `${col} <> ${valueSql(v as string | number, f.type)}`;
    case 'in': return `${col} IN (${list()})`;
    case 'not in': return `${col} NOT IN (${list()})`;
    case '<': return `${col} < ${valueSql(v as number, f.type)}`;
    case '≤': return `${col} <= ${valueSql(v as number, f.type)}`;
    case '>': return `${col} > ${valueSql(v as number, f.type)}`;
    case '≥': return `${col} >= ${valueSql(v as number, f.type)}`;
    case 'between': {
      const [lo, hi] = v as readonly number[];
      return `${col} BETWEEN ${valueSql(lo, f.type)} AND ${valueSql(hi, f.type)}`;
    }
    case 'contains': return `contains(lower(${col}), lower(${literal(String(v))}))`;
  }
}

/**
 * The WHERE condition of a persona (TRUE without rules). NULL values make every comparison NULL,
 * so a missing value never matches (see the module comment); `IS TRUE` makes that explicit.
 */
export function personaConditionSql(persona: Persona, fields: readonly FieldInfo[], alias?: string): string {
  if (persona.rules.length === 0) return 'TRUE';
  return persona.rules.map((r) => `(${ruleSql(r, fields, alias)}) IS TRUE`).join('\n  AND ');
}

/** `SELECT customer_id FROM rn_customer_profile WHERE …`; throws a RangeError listing the problems of an invalid persona. */
export function personaMembersSql(persona: Persona, fields: readonly FieldInfo[]): string {
  const problems = validatePersona({ ...persona, name: persona.name || '-' }, fields);
  if (problems.length) throw new RangeError(problems.join(' '));
  return `SELECT customer_id FROM ${ident(PROFILE_TABLE)}\nWHERE ${personaConditionSql(persona, fields)}`;
}

/** ASCII slug of a text ("Café fans" → "cafe-fans"); '' when nothing Latin is left (Persian, Arabic names). */
export function slug(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
}

/**
 * A new id for a persona from its name ("Ali and Nazanin" → "ali-and-nazanin"), unique among
 * `taken`. Plain ASCII (letters, digits, '-'), at most 60 characters, as saved notebooks require;
 * a name without Latin letters gives "persona", "persona-2", …
 */
export function personaId(name: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const stem = slug(name) || 'persona';
  let id = stem;
  for (let i = 2; used.has(id); i++) id = `${stem}-${i}`;
  return id;
}
