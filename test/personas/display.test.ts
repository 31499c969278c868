/**
 * Persona rules as the reader sees them (src/personas/display.ts): behaviour fields by their name
 * in the reader's language, RFM segments and NPS groups translated, data values (attribute
 * columns, channels, "contains" text) exactly as in the data. The rules module's own English
 * (CLI, SQL comments) keeps the column names.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setDigits, setLang } from '../../src/i18n/prefs.svelte';
import { personaRulesText } from '../../src/personas/display';
import { describePersonaRules, type Rule } from '../../src/personas/rules';

const plain = (s: string) => s.replace(/[\u2066-\u2069\u061c\u200e\u200f]/g, '');
const rules = (...r: Rule[]) => ({ rules: r });

afterEach(() => {
  setLang('en', false);
  setDigits('latn', false);
});

describe('persona rule texts for the reader', () => {
  it('names behaviour fields and our own values in English; data as it is', () => {
    expect(personaRulesText(rules({ field: 'rfm_segment', op: '=', value: 'Champions' }))).toBe('RFM segment = Champions');
    expect(personaRulesText(rules({ field: 'first_channel', op: 'in', value: ['instagram', 'web'] }, { field: 'age', op: 'between', value: [20, 32] })))
      .toBe('channel of the first order in instagram, web and age between 20 and 32');
    expect(personaRulesText(rules({ field: 'nps_group', op: '=', value: 'promoter' }))).toBe('NPS group of the latest answer = promoters');
    // the rules module itself keeps the column names (what SQL and the report command use)
    expect(describePersonaRules(rules({ field: 'rfm_segment', op: '=', value: 'Champions' }))).toBe('rfm_segment = Champions');
  });

  it('translates fields, segments and digits in Persian; data values stay', () => {
    setLang('fa', false);
    setDigits('native', false);
    const text = plain(personaRulesText(rules({ field: 'rfm_segment', op: 'in', value: ['Champions', 'At Risk'] }, { field: 'spend', op: '>', value: 1500000 })));
    expect(text).toContain('بخش RFM');
    expect(text).toContain('۱٬۵۰۰٬۰۰۰');
    expect(text.replace(/\bRFM\b/g, '')).not.toMatch(/[A-Za-z0-9]/);
    expect(plain(personaRulesText(rules({ field: 'first_city', op: 'contains', value: 'Teh' })))).toBe('شهر نخستین سفارش شامل «Teh»');
    expect(plain(personaRulesText(rules({ field: 'favourite_club', op: '=', value: 'Esteghlal' })))).toBe('favourite_club = Esteghlal');
  });

  it('translates in Arabic', () => {
    setLang('ar', false);
    const text = plain(personaRulesText(rules({ field: 'nps_group', op: '=', value: 'detractor' })));
    expect(text.replace(/\bNPS\b/g, '')).not.toMatch(/[A-Za-z]/);
  });
});
