/**
 * Persona suggestions in words (src/personas/suggestion-text.ts): English as the suggestions
 * always read; Persian and Arabic translated, with the reader's digits and calendar, and no
 * English left but the values from the data (channel, city) and the acronym RFM (glossary).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setDigits, setDisplayCalendar, setLang } from '../../src/i18n/prefs.svelte';
import { suggestionDescription, suggestionName, suggestionPersona } from '../../src/personas/suggestion-text';
import type { PersonaSuggestion } from '../../src/analyses/persona-suggestions';

const CHAMPIONS: PersonaSuggestion = {
  id: 'rfm-champions', rules: [{ field: 'rfm_segment', op: '=', value: 'Champions' }],
  label: { kind: 'rfm', segment: 'Champions', asOf: '2024-03-20' }, customers: 1647, share: 0.14196,
};
const INSTAGRAM_TEHRAN: PersonaSuggestion = {
  id: 'first-instagram-tehran',
  rules: [{ field: 'first_channel', op: '=', value: 'instagram' }, { field: 'first_city', op: '=', value: 'Tehran' }],
  label: { kind: 'channel-city', channel: 'instagram', city: 'Tehran' }, customers: 3, share: 0.5,
};
const withCustomers = (s: PersonaSuggestion, customers: number) => ({ ...s, customers });

/** The text without the direction isolates t() puts around parameters in right-to-left messages. */
const plain = (s: string) => s.replace(/[\u2066-\u2069\u061c\u200e\u200f]/g, '');
/** Latin letters left once the data values and the acronym RFM are taken out. */
const english = (s: string) => plain(s).replace(/\binstagram\b|\bTehran\b|\bRFM\b/g, '').match(/[A-Za-z]+/g) ?? [];

afterEach(() => {
  setLang('en', false);
  setDigits('latn', false);
  setDisplayCalendar('gregorian');
});

describe('suggestion text', () => {
  it('English: the segment name, the channel · city, and the sentences they had', () => {
    setLang('en', false);
    expect(suggestionName(CHAMPIONS)).toBe('Champions');
    expect(suggestionDescription(CHAMPIONS)).toBe('RFM segment "Champions" on 2024-03-20: 1,647 customers (14.2%).');
    expect(suggestionName(INSTAGRAM_TEHRAN)).toBe('instagram · Tehran');
    expect(suggestionDescription(INSTAGRAM_TEHRAN)).toBe('First order via instagram, shipped to Tehran: 3 customers (50.0%).');
  });

  it('Persian: translated, Persian digits, Jalali dates when the calendar is Jalali; data values as they are', () => {
    setLang('fa', false);
    expect(suggestionName(CHAMPIONS)).toBe('قهرمانان');
    expect(suggestionName({ ...CHAMPIONS, label: { kind: 'rfm', segment: "Can't Lose Them", asOf: null } })).toBe('نباید از دست بروند');
    expect(plain(suggestionDescription(CHAMPIONS))).toBe('بخش RFM «قهرمانان» در تاریخ ۲۰۲۴/۰۳/۲۰: ۱٬۶۴۷ مشتری (۱۴٫۲٪).');
    expect(suggestionName(INSTAGRAM_TEHRAN)).toBe('instagram · Tehran');
    expect(plain(suggestionDescription(INSTAGRAM_TEHRAN))).toBe('نخستین سفارش از کانال instagram، ارسال به Tehran: ۳ مشتری (۵۰٫۰٪).');
    for (const s of [CHAMPIONS, INSTAGRAM_TEHRAN]) {
      expect(english(suggestionDescription(s))).toEqual([]);
      expect(suggestionDescription(s)).not.toMatch(/[0-9]/);
    }
    setDisplayCalendar('jalali');
    expect(plain(suggestionDescription(CHAMPIONS))).toContain('در تاریخ ۱۴۰۳/۰۱/۰۱:'); // 2024-03-20 = 1 Farvardin 1403
    setDigits('latn', false);
    expect(plain(suggestionDescription(CHAMPIONS))).toBe('بخش RFM «قهرمانان» در تاریخ 1403/01/01: 1,647 مشتری (14.2%).');
  });

  it('Arabic: translated, Arabic-Indic digits, the noun agreeing with the count', () => {
    setLang('ar', false);
    expect(suggestionName(CHAMPIONS)).toBe('الأبطال');
    expect(plain(suggestionDescription(CHAMPIONS))).toBe('شريحة RFM «الأبطال» بتاريخ ٢٠٢٤/٠٣/٢٠: ١٬٦٤٧ عميلًا (١٤٫٢٪).');
    expect(plain(suggestionDescription(INSTAGRAM_TEHRAN))).toBe('أول طلب عبر قناة instagram، مع الشحن إلى Tehran: ٣ عملاء (٥٠٫٠٪).');
    const counted = (n: number) => plain(suggestionDescription(withCustomers(INSTAGRAM_TEHRAN, n))).split(': ')[1].split(' (')[0];
    expect([1, 2, 3, 11, 100].map(counted)).toEqual(['عميل واحد', 'عميلان', '٣ عملاء', '١١ عميلًا', '١٠٠ عميل']);
    for (const s of [CHAMPIONS, INSTAGRAM_TEHRAN]) {
      expect(english(suggestionDescription(s))).toEqual([]);
      expect(suggestionDescription(s)).not.toMatch(/[0-9]/);
    }
  });

  it('a persona taken from a suggestion is worded in the language of that moment and keeps it', () => {
    setLang('fa', false);
    const p = suggestionPersona(CHAMPIONS);
    expect(p.id).toBe('rfm-champions');
    expect(p.name).toBe('قهرمانان');
    expect(plain(p.description)).toBe('بخش RFM «قهرمانان» در تاریخ ۲۰۲۴/۰۳/۲۰: ۱٬۶۴۷ مشتری (۱۴٫۲٪).');
    expect(p.rules).toEqual(CHAMPIONS.rules);
    expect(p.rules[0]).not.toBe(CHAMPIONS.rules[0]); // a copy: editing the persona leaves the suggestion alone
    setLang('en', false);
    expect(p.name).toBe('قهرمانان');
    expect(suggestionPersona(CHAMPIONS).name).toBe('Champions');
  });
});
