/**
 * Personas as the reader sees them: rule texts, operators, field labels and validation messages
 * in the reader's language and digits (src/i18n). The rules module (./rules.ts) stays free of the
 * reactive preferences (it also runs in the CLI); the components call these at display time, so
 * the texts follow a change of language.
 */
import { t } from '../i18n/t';
import { prefs } from '../i18n/prefs.svelte';
import { localDigits } from '../i18n/numbers';
import { fmtNum } from '../app/format';
import { NPS_GROUPS, npsGroupLabel, rfmSegmentLabel, type NpsGroup } from '../i18n/labels';
import {
  BEHAVIOUR_FIELDS, describePersonaRules, describeRule, opKey, validatePersona,
  type FieldInfo, type Persona, type Rule, type RuleMessageKey, type RuleSpeaker,
} from './rules';

/** An operator as shown: its word in the reader's language ("in" → «یکی از»), symbols as they are. */
export function opLabel(op: string): string {
  const key = opKey(op);
  return key ? t(key) : op;
}

/** The reader's language and digits. */
export const READER: RuleSpeaker = {
  msg: (key, params) => t(key, params),
  value: (x) => (typeof x === 'number' ? fmtNum(x, 6) : x),
  raw: (n) => localDigits(String(n), prefs.lang, prefs.digits),
  op: opLabel,
  list: (items) => items.join(t('personas.listSep')),
  // Behaviour fields by their name in the reader's language ("RFM segment", «بخش RFM»); attribute
  // columns by their column name (data). Values with a name of ours (RFM segments, NPS groups)
  // translated; every other value is data and stays as it is.
  field: (name) => (name in BEHAVIOUR_FIELDS ? t(`personas.field.${name}` as RuleMessageKey) : name),
  text: (field, value) => (field === 'rfm_segment' ? rfmSegmentLabel(value)
    : field === 'nps_group' && isNpsGroup(value) ? npsGroupLabel(value) : value),
};
const isNpsGroup = (v: string): v is NpsGroup => (NPS_GROUPS as readonly string[]).includes(v);

/** A picker label: behaviour fields in the reader's language, attributes by their column name (data). */
export function fieldLabel(f: { name: string; label: string; source?: 'attribute' | 'behaviour' }): string {
  if (f.source !== 'attribute' && f.name in BEHAVIOUR_FIELDS) return t(`personas.field.${f.name}` as RuleMessageKey);
  return f.label;
}

export const ruleText = (rule: Rule) => describeRule(rule, READER);
export const personaRulesText = (persona: Pick<Persona, 'rules'>) => describePersonaRules(persona, READER);
export const personaProblems = (persona: Persona, fields: readonly FieldInfo[]) => validatePersona(persona, fields, READER);
