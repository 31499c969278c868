/**
 * The field's terms (src/i18n/glossary.ts) are used consistently: where an English message names a
 * term (its `match`, or the term as whole words, case-insensitive), the Persian message contains
 * the chosen Persian term or one of its listed forms, and the Arabic message the chosen Arabic one;
 * no Persian or Arabic message uses a word the glossary decided against (`avoid`). Messages that
 * are functions are compared output by output over sample parameters. Acronym-only terms (RFM,
 * MRR, P(alive)) are satisfied by keeping the acronym.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n/messages';
import { translate, type MessageKey } from '../../src/i18n/t';
import { GLOSSARY, type Term } from '../../src/i18n/glossary';
import type { Lang } from '../../src/i18n/langs';
import type { Msg, Params } from '../../src/i18n/define';

const SAMPLES = [0, 1, 2, 3, 11, 100];
const terms = Object.entries(GLOSSARY as Record<string, Term>);
const keys = Object.keys(MESSAGES.en);

/** Parameters that answer any name with a number (the message functions' sample parameters). */
const sampleParams = (value: number): Params =>
  new Proxy({} as Params, { get: (_t, name) => (typeof name === 'string' && name !== 'then' && name !== 'toJSON' ? value : undefined) });

/**
 * A message's texts without its `{placeholders}` (a placeholder named {segment} is not the word):
 * one text for a string message, one per sample number for a function.
 */
type Catalogs = Record<Lang, Record<string, Msg>>;
function texts(lang: Lang, key: string, catalogs: Catalogs = MESSAGES): string[] {
  const m = catalogs[lang][key];
  if (m === undefined) return [];
  if (typeof m === 'string') return [m.replace(/\{\w+\}/g, ' ')];
  return SAMPLES.map((n) => {
    try {
      // translate() sets the language for pl()/num() inside the function
      return catalogs === MESSAGES ? translate(lang, key as MessageKey, sampleParams(n), 'latn') : m(sampleParams(n));
    } catch {
      return ''; // catalogs.test.ts reports functions that throw
    }
  });
}

/** The text a translated message is compared with at English sample i (a string has one). */
const at = (list: string[], i: number) => (list.length === 1 ? list[0] : list[i]) ?? '';

/** Arabic diacritics and tatweel do not change a word: فوجٌ is فوج. */
const norm = (s: string) => s.normalize('NFC').replace(/[\u064B-\u065F\u0670\u0640]/g, '');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The term's English pattern: its `match`, else the term as whole words, any case. */
function englishPattern(term: Term): RegExp {
  if (term.match) return new RegExp(term.match.source, term.match.flags.replace('g', ''));
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escape(term.en)}(?![\\p{L}\\p{N}_])`, 'iu');
}

const forms = (term: Term, lang: 'fa' | 'ar') =>
  (lang === 'fa' ? [term.fa, ...(term.faForms ?? [])] : [term.ar, ...(term.arForms ?? [])]).map(norm);

/** Spans [start, end) where a pattern matches in a text. */
function spans(re: RegExp, text: string): [number, number][] {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  return [...text.matchAll(g)].filter((m) => m[0].length > 0).map((m) => [m.index!, m.index! + m[0].length]);
}

/**
 * Whether an English text names the term: a match of the term that is not part of a longer match
 * of another term ("Net Promoter Score" names NPS, not promoters; "churn rate" names the churn rate).
 */
function names(term: Term, text: string): boolean {
  const own = spans(englishPattern(term), text);
  if (own.length === 0) return false;
  const others = terms.filter(([, t]) => t !== term).flatMap(([, t]) => spans(englishPattern(t), text));
  return own.some(([a, b]) => !others.some(([c, d]) => c <= a && b <= d && d - c > b - a));
}

/** Keys whose English names the term, with the Persian/Arabic messages that lack it. */
function violations(term: Term, catalogs: Catalogs = MESSAGES): string[] {
  const bad: string[] = [];
  for (const key of Object.keys(catalogs.en)) {
    const en = texts('en', key, catalogs);
    en.forEach((text, i) => {
      if (!names(term, text)) return;
      for (const lang of ['fa', 'ar'] as const) {
        const list = texts(lang, key, catalogs);
        // an English string is one text for all numbers: every output of a translated function must name the term
        const candidates = en.length === 1 ? list : [at(list, i)];
        for (const tr of candidates) {
          const n = norm(tr);
          if (!forms(term, lang).some((f) => n.includes(f)))
            bad.push(`${lang} ${key}: English "${text.trim()}" names "${term.en}" but ${lang} "${tr.trim()}" has none of ${forms(term, lang).join(' / ')}`);
        }
      }
    });
  }
  return [...new Set(bad)];
}

describe('glossary terms in the catalogs', () => {
  it('the glossary has terms and messages to check', () => {
    expect(terms.length).toBeGreaterThan(0);
    expect(keys.length).toBeGreaterThan(0);
  });

  it.each(terms)('%s: Persian and Arabic use the chosen term where English names it', (_id, term) => {
    expect(violations(term)).toEqual([]);
  });

  it('no Persian or Arabic message uses a word the glossary avoids', () => {
    const bad: string[] = [];
    for (const [id, term] of terms) {
      for (const word of term.avoid ?? []) {
        const w = norm(word);
        for (const lang of ['fa', 'ar'] as const)
          for (const key of keys)
            for (const text of texts(lang, key)) if (norm(text).includes(w)) bad.push(`${lang} ${key}: "${word}" (avoid, ${id}) in "${text}"`);
      }
    }
    expect([...new Set(bad)]).toEqual([]);
  });
});

describe('the check itself', () => {
  it('matches English terms as words, not placeholders or parts of words', () => {
    expect(englishPattern(GLOSSARY.segment).test('Segment size')).toBe(true);
    expect(englishPattern(GLOSSARY.churn).test('Churn rate')).toBe(false); // the churn rate term covers it
    expect(englishPattern(GLOSSARY.churnRate).test('Churn rate by month')).toBe(true);
    expect(englishPattern(GLOSSARY.pAlive).test('P(alive) by tier')).toBe(true);
    expect(englishPattern(GLOSSARY.rfm).test('RFMs')).toBe(false);
    expect(englishPattern(GLOSSARY.rfm).test('RFM segments')).toBe(true);
    expect(englishPattern(GLOSSARY.mrr).test('MRR (monthly)')).toBe(true);
    expect(englishPattern(GLOSSARY.revenue).test('Revenue')).toBe(true);
  });
  it('a term inside a longer term is that longer term', () => {
    expect(names(GLOSSARY.promoters, 'Net Promoter Score by month')).toBe(false);
    expect(names(GLOSSARY.nps, 'Net Promoter Score by month')).toBe(true);
    expect(names(GLOSSARY.promoters, 'Promoters minus detractors: the Net Promoter Score')).toBe(true);
    expect(names(GLOSSARY.churn, 'Churned customers and the churn rate')).toBe(true);
    expect(names(GLOSSARY.retention, 'Retention rate')).toBe(false);
  });
  it('finds a missing term, accepts listed forms, follows function outputs', () => {
    const catalogs: Catalogs = {
      en: { 'x.a': 'Churn rate', 'x.b': 'Cohorts of {segment}', 'x.c': (p) => (p.n === 1 ? 'one segment' : `${p.n} segments`), 'x.d': '{segment} size' },
      fa: { 'x.a': 'نرخ ریزش', 'x.b': 'کوهورت‌ها', 'x.c': (p) => (p.n === 1 ? 'یک بخش' : `${p.n} گروه`), 'x.d': 'اندازه' },
      ar: { 'x.a': 'معدّل الانسحاب', 'x.b': 'الأفواج', 'x.c': (p) => `${p.n} شرائح`, 'x.d': 'الحجم' },
    };
    expect(violations(GLOSSARY.churnRate, catalogs)).toEqual([expect.stringMatching(/^ar x\.a/)]);
    expect(violations(GLOSSARY.cohort, catalogs)).toEqual([]);
    // x.d: the placeholder {segment} is not the word; x.c: Persian drops the term for n ≠ 1
    const segment = violations(GLOSSARY.segment, catalogs);
    expect([...new Set(segment.map((v) => v.slice(0, 7)))]).toEqual(['fa x.c:']);
    expect(segment).toHaveLength(SAMPLES.length - 1);
  });
  it('ignores Arabic diacritics', () => {
    expect(norm('معدّل التسرّب').includes(norm(GLOSSARY.churnRate.ar))).toBe(true);
  });
});
