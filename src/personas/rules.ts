import { ident, literal } from '../engine/sql';

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
  orders: { type: 'number', label: 'orders (up to as-of)' },
  spend: { type: 'number', label: 'spend (revenue up to as-of)' },
  aov: { type: 'number', label: 'average order value' },
  recency_days: { type: 'number', label: 'days since last order' },
  tenure_days: { type: 'number', label: 'days since first order' },
  first_channel: { type: 'text', label: 'channel of the first order' },
  first_city: { type: 'text', label: 'city of the first order' },
  favourite_product: { type: 'text', label: 'most bought product' },
  favourite_category: { type: 'text', label: 'most bought category' },
  rfm_segment: { type: 'text', label: 'RFM segment' },
  nps_group: { type: 'text', label: 'NPS group of the latest answer' },
};

/** "age between 20 and 32", "favourite_club in Arsenal, Chelsea", "city contains teh". */
export function describeRule(rule: Rule): string {
  const v = rule.value;
  const one = (x: string | number) => (typeof x === 'number' ? x.toLocaleString('en-US', { maximumFractionDigits: 6 }) : x);
  if (rule.op === 'between' && Array.isArray(v)) return `${rule.field} between ${one(v[0])} and ${one(v[1])}`;
  if (Array.isArray(v)) return `${rule.field} ${rule.op} ${v.map(one).join(', ')}`;
  if (rule.op === 'contains') return `${rule.field} contains "${one(v as string | number)}"`;
  return `${rule.field} ${rule.op} ${one(v as string | number)}`;
}

/** Every rule as text, joined with "and"; "every customer" without rules. */
export function describePersonaRules(persona: Pick<Persona, 'rules'>): string {
  return persona.rules.length === 0 ? 'every customer' : persona.rules.map(describeRule).join(' and ');
}

function isNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Problems with one rule (empty = valid), each a sentence naming the rule. */
export function validateRule(rule: Rule, fields: readonly FieldInfo[]): string[] {
  const f = fields.find((x) => x.name === rule.field);
  if (!rule.field) return ['A rule has no field.'];
  if (!f) return [`Unknown field "${rule.field}" (available: ${fields.map((x) => x.name).join(', ') || 'none'}).`];
  if (!(RULE_OPS as readonly string[]).includes(rule.op)) return [`Unknown operator "${rule.op}" for ${rule.field}.`];
  if (!OPS_FOR_TYPE[f.type].includes(rule.op)) {
    return [`"${rule.op}" does not apply to ${rule.field}, a ${f.type} field (use ${OPS_FOR_TYPE[f.type].join(', ')}).`];
  }
  const v = rule.value;
  const scalarOk = (x: unknown) => (f.type === 'number' ? isNumber(x) : typeof x === 'string' || isNumber(x));
  const kind = f.type === 'number' ? 'a number' : 'a text';
  switch (rule.op) {
    case 'in':
    case 'not in':
      if (!Array.isArray(v)) return [`${rule.field} ${rule.op}: the value must be a list.`];
      if (v.length === 0) return [`${rule.field} ${rule.op}: the list is empty; pick at least one value.`];
      if (!v.every(scalarOk)) return [`${rule.field} ${rule.op}: every value must be ${kind}.`];
      return [];
    case 'between': {
      if (!Array.isArray(v) || v.length !== 2 || !isNumber(v[0]) || !isNumber(v[1])) {
        return [`${rule.field} between: give two numbers (low and high).`];
      }
      return v[0] > v[1] ? [`${rule.field} between: the low end ${v[0]} is above the high end ${v[1]}.`] : [];
    }
    case 'contains':
      if (typeof v !== 'string' || v.length === 0) return [`${rule.field} contains: give the text to look for.`];
      return [];
    default:
      if (Array.isArray(v)) return [`${rule.field} ${rule.op}: give one value, not a list.`];
      if (!scalarOk(v)) return [`${rule.field} ${rule.op}: the value must be ${kind}.`];
      if (f.type === 'text' && typeof v === 'string' && v.length === 0) return [`${rule.field} ${rule.op}: the value is empty.`];
      return [];
  }
}

/** Problems with a persona (empty = valid): a name, and every rule valid. */
export function validatePersona(persona: Persona, fields: readonly FieldInfo[]): string[] {
  const out: string[] = [];
  if (!persona.name.trim()) out.push('The persona needs a name.');
  persona.rules.forEach((r, i) => {
    for (const m of validateRule(r, fields)) out.push(`Rule ${i + 1}: ${m}`);
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
