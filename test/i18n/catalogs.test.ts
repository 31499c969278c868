/**
 * The message catalogs (src/i18n/messages/<area>.ts), whatever they hold: prefixes, no key twice,
 * the same keys and placeholders in English, Persian and Arabic, message functions that run on
 * sample parameters, no English left untranslated, and the right script for each language
 * (Persian ی ک, not Arabic ي ك; no Persian-only letters in Arabic text).
 */
import { describe, expect, it } from 'vitest';
import { AREAS, MESSAGES } from '../../src/i18n/messages';
import { translate, type MessageKey } from '../../src/i18n/t';
import { JALALI_MONTHS } from '../../src/i18n/dates';
import { LANGS, type Lang } from '../../src/i18n/langs';
import type { Msg, Params } from '../../src/i18n/define';

type AnyCatalog = { en: Record<string, Msg>; fa: Record<string, Msg>; ar: Record<string, Msg> };
const areas = Object.entries(AREAS as unknown as Record<string, AnyCatalog>);
const LANGS3: Lang[] = ['en', 'fa', 'ar'];
const SAMPLES = [0, 1, 2, 3, 11, 100];

/** `{name}` placeholders of a string message. */
const placeholders = (s: string) => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
const sorted = (s: Iterable<string>) => [...s].sort();

/** Parameters that answer any name with `value` and remember which names were read. */
function sampleParams(value: number, read: Set<string>): Params {
  return new Proxy({} as Params, {
    get(_t, name) {
      if (typeof name !== 'string' || name === 'then' || name === 'toJSON') return undefined;
      read.add(name);
      return value;
    },
    has(_t, name) {
      return typeof name === 'string';
    },
  });
}

interface Run { texts: string[]; params: Set<string>; error?: string }
/** A message's texts: the string itself, or the function's output for every sample number (Latin digits). */
function run(lang: Lang, key: string): Run {
  const m = (MESSAGES[lang] as Record<string, Msg>)[key];
  if (typeof m === 'string') return { texts: [m], params: placeholders(m) };
  const params = new Set<string>();
  const texts: string[] = [];
  try {
    for (const n of SAMPLES) texts.push(translate(lang, key as MessageKey, sampleParams(n, params), 'latn'));
  } catch (e) {
    return { texts, params, error: String(e) };
  }
  return { texts, params };
}

/** A number no message prints by accident, to see whether a parameter shows in a function's output. */
const SENTINEL = 987654;
/** The parameters a message shows: a string's {placeholders}; the ones whose value appears in a function's output. */
function shown(lang: Lang, key: string): Set<string> {
  const m = (MESSAGES[lang] as Record<string, Msg>)[key];
  if (typeof m === 'string') return placeholders(m);
  const out = new Set<string>();
  for (const name of run(lang, key).params) {
    const params = new Proxy({} as Params, {
      get: (_t, p) => (typeof p !== 'string' || p === 'then' || p === 'toJSON' ? undefined : p === name ? SENTINEL : 1),
    });
    try {
      const text = translate(lang, key as MessageKey, params, 'latn');
      if (text.includes('987,654') || text.includes('987654')) out.add(name);
    } catch {
      /* reported by the function test */
    }
  }
  return out;
}

/** Technical names that stay as they are in every language (besides all-capital acronyms). */
const TECHNICAL = [/DuckDB(-WASM)?/g, /P\(alive\)/g, /BG\/NBD/g, /Pareto\/NBD/g, /Gamma-Gamma/g, /\b(Parquet|Shopify|WooCommerce|Excel|Markdown|GitHub|WebAssembly)\b/g,
  /\b(Page Up|Page Down|Shift|Ctrl|Cmd|Alt|Esc)\b/g];
/** English with nothing to translate: no Latin word left once placeholders, technical names and acronyms (CSV, SQL, MRR…) are taken out. */
function nothingToTranslate(en: string): boolean {
  let s = en.replace(/\{\w+\}/g, ' ');
  for (const r of TECHNICAL) s = s.replace(r, ' ');
  // acronyms: CSV, JSON, SQL, MRR, RFM, NPS, CLV, CLTV, WASM, IDs (not the word OK)
  s = s.replace(/\b[A-Z][A-Z0-9]+s?\b/g, (w) => (w === 'OK' ? w : ' '));
  return !/[A-Za-z]/.test(s);
}

const ARABIC_YEH_KAF = /[\u064A\u0643]/; // ي ك
const PERSIAN_ONLY = /[\u06CC\u06A9\u067E\u0686\u06AF\u0698]/; // ی ک پ چ گ ژ
/** Persian names that may appear in Arabic text as they are (the catalogs name Jalali months through dates.ts). */
const PERSIAN_NAMES = [...JALALI_MONTHS.fa, LANGS.fa.name];
const withoutPersianNames = (s: string) => PERSIAN_NAMES.reduce((t, n) => t.split(n).join(' '), s);
/** Arabic names that may appear in Persian text (the language's own name). */
const ARABIC_NAMES = [LANGS.ar.name];
const withoutArabicNames = (s: string) => ARABIC_NAMES.reduce((t, n) => t.split(n).join(' '), s);

describe('message catalogs', () => {
  it('has areas, and MESSAGES merges them', () => {
    expect(areas.length).toBeGreaterThan(0);
    for (const lang of LANGS3) {
      const total = areas.reduce((n, [, c]) => n + Object.keys(c[lang]).length, 0);
      expect(Object.keys(MESSAGES[lang]).length, lang).toBe(total);
    }
  });

  it('defines no key in two areas', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, c] of areas) {
      for (const key of Object.keys(c.en)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${area}`);
        else seen.set(key, area);
      }
    }
    expect(twice).toEqual([]);
  });

  describe.each(areas)('%s', (area, catalog) => {
    const keys = Object.keys(catalog.en);

    it(`every key starts with "${area}."`, () => {
      for (const lang of LANGS3) expect(Object.keys(catalog[lang]).filter((k) => !k.startsWith(`${area}.`)), lang).toEqual([]);
    });

    it('fa and ar have exactly the English keys', () => {
      expect(sorted(Object.keys(catalog.fa)), 'fa').toEqual(sorted(keys));
      expect(sorted(Object.keys(catalog.ar)), 'ar').toEqual(sorted(keys));
    });

    it('every message is a string or a function', () => {
      const bad: string[] = [];
      for (const lang of LANGS3)
        for (const [k, m] of Object.entries(catalog[lang])) if (typeof m !== 'string' && typeof m !== 'function') bad.push(`${lang} ${k}`);
      expect(bad).toEqual([]);
    });

    /**
     * The same placeholders in every language: a string message's {placeholders}; a function's
     * parameters that show in its output. A function may read a parameter without showing it (the
     * count an Arabic noun agrees with, when the number is shown beside the text).
     */
    it('uses the same placeholders in every language', () => {
      const bad: string[] = [];
      const list = (s: Set<string>) => `{${sorted(s).join('},{')}}`;
      for (const key of keys) {
        const en = shown('en', key);
        for (const lang of ['fa', 'ar'] as const) {
          if (!(key in catalog[lang])) continue; // reported above
          const other = shown(lang, key);
          if (list(other) !== list(en)) bad.push(`${lang} ${key}: ${list(other)} vs en ${list(en)}`);
        }
      }
      expect(bad).toEqual([]);
    });

    it('message functions run on sample parameters and fill every placeholder', () => {
      const bad: string[] = [];
      for (const lang of LANGS3) {
        for (const [key, m] of Object.entries(catalog[lang])) {
          if (typeof m !== 'function') continue;
          const r = run(lang, key);
          if (r.error) bad.push(`${lang} ${key}: throws ${r.error}`);
          for (const [i, text] of r.texts.entries()) {
            if (typeof text !== 'string' || text.trim() === '') bad.push(`${lang} ${key} (${SAMPLES[i]}): empty`);
            else if (/\{\w+\}/.test(text)) bad.push(`${lang} ${key} (${SAMPLES[i]}): unfilled placeholder in "${text}"`);
          }
        }
      }
      expect(bad).toEqual([]);
    });

    it('string messages are not empty where English is not', () => {
      const bad: string[] = [];
      for (const key of keys) {
        const en = catalog.en[key];
        if (typeof en === 'string' && en.trim() === '') continue;
        for (const lang of ['fa', 'ar'] as const) {
          const m = catalog[lang][key];
          if (typeof m === 'string' && m.trim() === '') bad.push(`${lang} ${key}`);
        }
      }
      expect(bad).toEqual([]);
    });

    it('Persian and Arabic are translated (not the English text)', () => {
      const bad: string[] = [];
      for (const key of keys) {
        const en = run('en', key);
        for (const lang of ['fa', 'ar'] as const) {
          if (!(key in catalog[lang])) continue;
          const other = run(lang, key);
          en.texts.forEach((text, i) => {
            const same = other.texts.length === 1 ? other.texts[0] : other.texts[i];
            if (same === text && !nothingToTranslate(text)) bad.push(`${lang} ${key}: "${text}"`);
          });
        }
      }
      expect([...new Set(bad)]).toEqual([]);
    });

    it('Persian uses Persian ی and ک (no Arabic ي U+064A or ك U+0643)', () => {
      const bad: string[] = [];
      for (const key of Object.keys(catalog.fa))
        for (const text of run('fa', key).texts)
          if (ARABIC_YEH_KAF.test(withoutArabicNames(text))) bad.push(`${key}: "${text}"`);
      expect([...new Set(bad)]).toEqual([]);
    });

    it('Arabic has no Persian-only letters (ی ک پ چ گ ژ) outside Persian names', () => {
      const bad: string[] = [];
      for (const key of Object.keys(catalog.ar))
        for (const text of run('ar', key).texts)
          if (PERSIAN_ONLY.test(withoutPersianNames(text))) bad.push(`${key}: "${text}"`);
      expect([...new Set(bad)]).toEqual([]);
    });
  });
});

describe('the checks themselves', () => {
  it('recognise text with nothing to translate', () => {
    for (const s of ['—', '{n}', 'DuckDB-WASM {bundle} ({time})', 'CSV', 'JSON · SQL', 'MRR', 'RFM {score}', 'P(alive)', '{a} / {b}', 'NPS', 'CLV', '%'])
      expect(nothingToTranslate(s), s).toBe(true);
    for (const s of ['Download CSV', 'Close', 'OK', 'Showing {n} customers', 'P(alive) by tier', 'Shifted']) expect(nothingToTranslate(s), s).toBe(false);
  });
  it('read the parameters a message function uses', () => {
    const read = new Set<string>();
    const p = sampleParams(2, read);
    expect(`${p.n} ${p.name}`).toBe('2 2');
    expect(sorted(read)).toEqual(['n', 'name']);
  });
  it('tell Persian and Arabic letters apart', () => {
    expect(ARABIC_YEH_KAF.test('مشتری کوهورت')).toBe(false);
    expect(ARABIC_YEH_KAF.test('مشتري')).toBe(true);
    expect(PERSIAN_ONLY.test('العملاء كل')).toBe(false);
    expect(PERSIAN_ONLY.test(withoutPersianNames('شهر اسفند'))).toBe(false);
    expect(PERSIAN_ONLY.test('گزارش')).toBe(true);
  });
});
