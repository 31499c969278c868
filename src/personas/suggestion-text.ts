/**
 * Persona suggestions (src/analyses/persona-suggestions.ts) in words: their names and
 * descriptions in the reader's language, digits and calendar. The analysis returns only the facts
 * (segment, channel, city, counts, as-of day) so that it stays free of the UI's preferences; these
 * are read when a suggestion is shown, and when it is taken: a persona started from a suggestion
 * keeps the words of the language in use at that moment (its name is the user's text afterwards).
 */
import { t } from '../i18n/t';
import { rfmSegmentLabel } from '../i18n/labels';
import { fmtDay } from '../i18n/dates';
import { fmtPctFixed } from '../app/format';
import type { PersonaSuggestion } from '../analyses/persona-suggestions';
import type { Persona, Rule } from './rules';

/**
 * The suggestion's name: an RFM segment by its translated name; a channel × city by the two
 * values from the data, which are not translated (they are what the rules match).
 */
export function suggestionName(s: Pick<PersonaSuggestion, 'label'>): string {
  const l = s.label;
  return l.kind === 'rfm' ? rfmSegmentLabel(l.segment) : `${l.channel} · ${l.city}`;
}

/** One sentence on what the suggestion is and how many customers it holds (share with one decimal). */
export function suggestionDescription(s: Pick<PersonaSuggestion, 'label' | 'customers' | 'share'>): string {
  const l = s.label;
  const figures = { n: s.customers, share: fmtPctFixed(s.share, 1) };
  return l.kind === 'rfm'
    ? t('personas.suggest.rfmDescription', { segment: rfmSegmentLabel(l.segment), asOf: fmtDay(l.asOf), ...figures })
    : t('personas.suggest.channelCityDescription', { channel: l.channel, city: l.city, ...figures });
}

/** A rule copied (plain objects: the suggestions may sit in reactive state, which structuredClone refuses). */
const copyRule = (r: Rule): Rule => ({ ...r, value: Array.isArray(r.value) ? [...r.value] : r.value });

/** The persona a suggestion starts, worded now (id: the suggestion's; the editor may give another). */
export function suggestionPersona(s: PersonaSuggestion): Persona {
  return { id: s.id, name: suggestionName(s), description: suggestionDescription(s), rules: s.rules.map(copyRule) };
}
