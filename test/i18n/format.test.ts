/**
 * Display formatting in the reader's language and digits (src/app/format.ts), translate()/t()/pl()
 * (src/i18n/t.ts) and choosing the language (src/i18n/langs.ts, prefs.svelte.ts). Runs in Node:
 * no localStorage and no document, which the preferences must survive.
 *
 * The catalogs are mocked with the real messages plus a few test-only keys, so that plural rules,
 * parameter formatting and the English fallback are tested whatever the catalogs hold today.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefs, setLang, setDigits, initPrefs, isRtl, dir } from '../../src/i18n/prefs.svelte';
import { fmtInt, fmtNum, fmtPct, fmtMoney, fmtSeconds, currencyLabel, currencySuffix, isoDay } from '../../src/app/format';
import { translate, t, pl, num, type MessageKey } from '../../src/i18n/t';
import { MESSAGES } from '../../src/i18n/messages';
import { detectLang, langOf } from '../../src/i18n/langs';
import type { Msg } from '../../src/i18n/define';

/** pl/num are given to the fake messages once t.ts is loaded (t.ts imports the mocked catalogs). */
const helpers = vi.hoisted(() => ({
  pl: undefined as unknown as typeof import('../../src/i18n/t').pl,
  num: undefined as unknown as typeof import('../../src/i18n/t').num,
}));

vi.mock('../../src/i18n/messages', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/i18n/messages')>();
  const items: Msg = (p) => helpers.pl(Number(p.n), { one: 'one item', other: '{n} items' });
  const extra = {
    en: {
      'test.items': items,
      'test.showing': 'Showing {name}: {n} customers',
      'test.onlyEnglish': 'Only in English ({n})',
      'test.num': (p: Record<string, string | number>) => `${helpers.num(p.n)} rows`,
    },
    fa: {
      'test.items': ((p) => helpers.pl(Number(p.n), { one: '{n} مورد (یک)', other: '{n} مورد' })) as Msg,
      'test.showing': 'نمایش {name}: {n} مشتری',
      'test.num': ((p) => `${helpers.num(p.n)} ردیف`) as Msg,
    },
    ar: {
      'test.items': ((p) => helpers.pl(Number(p.n), {
        zero: 'لا عناصر', one: 'عنصر واحد', two: 'عنصران', few: '{n} عناصر', many: '{n} عنصرًا', other: '{n} عنصر',
      })) as Msg,
      'test.showing': 'عرض {name}: {n} عميل',
      'test.num': ((p) => `${helpers.num(p.n)} صفوف`) as Msg,
    },
  };
  return {
    ...real,
    MESSAGES: {
      en: { ...real.MESSAGES.en, ...extra.en },
      fa: { ...real.MESSAGES.fa, ...extra.fa },
      ar: { ...real.MESSAGES.ar, ...extra.ar },
    },
  };
});
helpers.pl = pl;
helpers.num = num;

const key = (k: string) => k as MessageKey;
const FSI = '\u2068', PDI = '\u2069';

afterEach(() => {
  vi.unstubAllGlobals();
  setLang('en', false);
  setDigits('latn', false);
});

describe('preferences in Node (no localStorage, no document)', () => {
  it('setLang/setDigits/initPrefs do not throw and update prefs', () => {
    expect(globalThis.localStorage).toBeUndefined();
    expect(globalThis.document).toBeUndefined();
    expect(() => setLang('fa')).not.toThrow();
    expect(prefs.lang).toBe('fa');
    expect(prefs.digits).toBe('native'); // digits follow the language unless chosen
    expect(isRtl()).toBe(true);
    expect(dir()).toBe('rtl');
    expect(() => setDigits('latn')).not.toThrow();
    expect(prefs.digits).toBe('latn');
    expect(() => initPrefs('?lang=ar', ['en-US'])).not.toThrow();
    expect(prefs.lang).toBe('ar');
    expect(prefs.digits).toBe('native');
    expect(() => initPrefs()).not.toThrow(); // no location, no navigator
    expect(prefs.lang).toBe('en');
    expect(isRtl()).toBe(false);
    setLang('xx' as never);
    expect(prefs.lang).toBe('en'); // unknown languages are ignored
  });

  it('stores the choice where localStorage exists, and a stored choice beats the browser', () => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    });
    setLang('fa');
    setDigits('latn');
    expect([...store.values()].sort()).toEqual(['fa', 'latn']);
    setLang('en', false);
    initPrefs('', ['ar-EG', 'en']);
    expect(prefs.lang).toBe('fa');
    expect(prefs.digits).toBe('latn'); // the reader's digit choice survives
    setLang('ar');
    expect(prefs.digits).toBe('latn'); // …also when the language changes
  });

  it('survives a localStorage that throws (storage disabled)', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('SecurityError'); },
    });
    expect(() => setLang('ar')).not.toThrow();
    expect(() => initPrefs('', ['fa-IR'])).not.toThrow();
    expect(prefs.lang).toBe('fa');
  });
});

describe('numbers', () => {
  it('fmtInt in every language and digits', () => {
    expect(fmtInt(1234567)).toBe('1,234,567');
    setLang('fa', false);
    setDigits('native', false);
    expect(fmtInt(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
    setDigits('latn', false);
    expect(fmtInt(1234567)).toBe('1,234,567');
    setLang('ar', false);
    setDigits('native', false);
    expect(fmtInt(1234567)).toBe('١٬٢٣٤٬٥٦٧');
    setDigits('latn', false);
    expect(fmtInt(1234567)).toMatch(/^1,234,567$/);
    expect(fmtInt(2.6)).toBe('3');
  });

  it('fmtNum and fmtPct', () => {
    expect(fmtNum(12.345)).toBe('12.35');
    expect(fmtNum(12.345, 1)).toBe('12.3');
    expect(fmtPct(0.256)).toBe('25.6%');
    expect(fmtPct(0.5, 0)).toBe('50%');
    setLang('fa', false);
    setDigits('native', false);
    expect(fmtNum(12.5)).toBe('۱۲٫۵');
    expect(fmtPct(0.256)).toBe('۲۵٫۶٪');
    setLang('ar', false);
    expect(fmtPct(0.256)).toContain('٢٥٫٦');
    expect(fmtPct(0.256)).toContain('٪');
    expect(fmtPct(0.256)).not.toMatch(/[0-9]/);
  });

  it('fmtMoney with Toman and Rial', () => {
    expect(fmtMoney(12345, 'IRT')).toBe('12,345 Toman');
    expect(fmtMoney(12345, 'IRR')).toBe('12,345 Rial');
    expect(fmtMoney(999.5, 'IRR')).toBe('1,000 Rial'); // no minor unit in use
    // ISO codes: the locale's currency style, the currency's own decimals below 1,000, whole units above.
    expect(fmtMoney(12.5, 'USD')).toBe('$12.50');
    expect(fmtMoney(123456.7, 'EUR')).toBe('€123,457');
    expect(fmtMoney(-42.1, 'GBP')).toBe('-£42.10');
    expect(fmtMoney(500, 'JPY')).toBe('¥500');
    expect(fmtMoney(12.345, 'KWD')).toMatch(/^KWD\s12\.345$/); // no symbol: the code, the dinar's three decimals
    expect(fmtMoney(5, 'points')).toBe('5 points'); // not an ISO code: the amount and the unit as typed
    expect(fmtMoney(1234.56, null)).toBe('1,235'); // ≥ 1000: no decimals
    expect(currencyLabel('IRT')).toBe('Toman');
    expect(currencyLabel(null)).toBe('');
    expect(currencySuffix('IRT')).toBe(' (Toman)');
    expect(currencySuffix(null)).toBe('');
    setLang('fa', false);
    setDigits('native', false);
    expect(fmtMoney(12345, 'IRT')).toBe('۱۲٬۳۴۵ تومان');
    expect(fmtMoney(12345, 'IRR')).toBe('۱۲٬۳۴۵ ریال');
    expect(currencyLabel('IRR')).toBe('ر\u06CCال'); // Persian yeh
    expect(currencySuffix('USD')).toBe(' (USD)');
    expect(fmtMoney(12.5, 'USD')).toBe('\u200E$۱۲٫۵۰');
    expect(fmtMoney(123456.7, 'EUR')).toBe('\u200E€۱۲۳٬۴۵۷');
    setLang('ar', false);
    expect(fmtMoney(12345, 'IRT')).toBe('١٢٬٣٤٥ تومان');
    expect(fmtMoney(12345, 'IRR')).toBe('١٢٬٣٤٥ ريال');
    expect(currencyLabel('IRR')).toBe('ر\u064Aال'); // Arabic yeh
    expect(fmtMoney(12.5, 'USD')).toMatch(/^\u200F١٢٫٥٠\sUS\$$/);
    expect(fmtMoney(12.345, 'KWD')).toContain('١٢٫٣٤٥'); // three decimals: the dinar's minor unit
  });

  it('fmtSeconds', () => {
    expect(fmtSeconds(1234)).toBe('1.23 s');
    expect(fmtSeconds(12345)).toBe('12.3 s');
    expect(fmtSeconds(0)).toBe('0.00 s');
    setLang('fa', false);
    expect(fmtSeconds(1234)).toBe('۱٫۲۳ ثانیه');
    setLang('ar', false);
    expect(fmtSeconds(12345)).toBe('١٢٫٣ ث');
  });

  it('isoDay is a value, not display: always ISO with Latin digits', () => {
    setLang('fa', false);
    expect(isoDay(Date.UTC(2024, 2, 20, 23, 59))).toBe('2024-03-20');
  });
});

describe('translate, t, pl, num', () => {
  it('falls back to English for a key missing in a language, and to the key when missing everywhere', () => {
    expect(translate('fa', key('test.onlyEnglish'), { n: 3 }, 'latn')).toBe('Only in English (3)');
    expect(translate('ar', key('test.onlyEnglish'), { n: 3 })).toBe('Only in English (٣)'); // digits still the reader's
    expect(translate('fa', key('no.such.key'))).toBe('no.such.key');
    expect(translate('en', key('no.such.key'))).toBe('no.such.key');
  });

  it('formats number parameters in the digits and isolates string parameters', () => {
    expect(translate('en', key('test.showing'), { name: 'VIP', n: 1659 })).toBe('Showing VIP: 1,659 customers');
    expect(translate('en', key('test.showing'), { name: 'سعید', n: 2 })).toBe(`Showing ${FSI}سعید${PDI}: 2 customers`);
    expect(translate('fa', key('test.showing'), { name: 'VIP', n: 1659 })).toBe(`نمایش ${FSI}VIP${PDI}: ۱٬۶۵۹ مشتری`);
    expect(translate('fa', key('test.showing'), { name: 'VIP', n: 1659 }, 'latn')).toBe(`نمایش ${FSI}VIP${PDI}: 1,659 مشتری`);
    expect(translate('en', key('test.showing'), { n: 1 })).toBe('Showing {name}: 1 customers'); // a missing parameter stays visible
  });

  it('t() follows prefs', () => {
    expect(t(key('test.showing'), { name: 'X', n: 5 })).toBe('Showing X: 5 customers');
    setLang('ar', false);
    expect(t(key('test.showing'), { name: 'X', n: 5 })).toBe(`عرض ${FSI}X${PDI}: ٥ عميل`);
    setDigits('latn', false);
    expect(t(key('test.showing'), { name: 'X', n: 5 })).toBe(`عرض ${FSI}X${PDI}: 5 عميل`);
    // a real catalog key comes from the catalogs
    expect(t('common.close' as MessageKey)).toBe((MESSAGES.ar as Record<string, Msg>)['common.close']);
  });

  it('pl() uses the Arabic plural categories: zero, one, two, few, many, other', () => {
    const ar = (n: number) => translate('ar', key('test.items'), { n }, 'latn');
    expect([0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103].map(ar)).toEqual([
      'لا عناصر', 'عنصر واحد', 'عنصران', '3 عناصر', '10 عناصر', '11 عنصرًا', '99 عنصرًا', '100 عنصر', '101 عنصر', '102 عنصر', '103 عناصر',
    ]);
    expect(translate('ar', key('test.items'), { n: 11 })).toBe('١١ عنصرًا');
  });

  it('pl() uses English and Persian rules, with `other` for missing categories', () => {
    const en = (n: number) => translate('en', key('test.items'), { n });
    expect([0, 1, 2, 1000].map(en)).toEqual(['0 items', 'one item', '2 items', '1,000 items']);
    const fa = (n: number) => translate('fa', key('test.items'), { n });
    expect([1, 2, 1000].map(fa)).toEqual(['۱ مورد (یک)', '۲ مورد', '۱٬۰۰۰ مورد']);
    // after translate() the context is back to English: pl outside a message uses English rules
    expect(pl(2, { two: 'dual', other: 'plural' })).toBe('plural');
  });

  it('num() inside a message uses the message’s language and digits', () => {
    expect(translate('en', key('test.num'), { n: 1234.567 })).toBe('1,234.57 rows');
    expect(translate('fa', key('test.num'), { n: 1234.5 })).toBe('۱٬۲۳۴٫۵ ردیف');
    expect(translate('ar', key('test.num'), { n: 1234 }, 'latn')).toBe('1,234 صفوف');
    expect(num('as is')).toBe('as is');
  });
});

describe('detectLang', () => {
  it('?lang= beats the stored choice, which beats the browser', () => {
    expect(detectLang('?lang=ar', 'fa', ['en-US'])).toBe('ar');
    expect(detectLang('?x=1&lang=fa', 'ar', ['en-US'])).toBe('fa');
    expect(detectLang('', 'fa', ['ar-EG'])).toBe('fa');
    expect(detectLang('?lang=de', 'ar', ['fa-IR'])).toBe('ar'); // an unknown ?lang= is ignored
    expect(detectLang('', null, ['ar-EG', 'fa-IR'])).toBe('ar');
    expect(detectLang('', 'xx', ['de-DE', 'fa-IR'])).toBe('fa'); // first browser language we speak
  });
  it('reads region tags and falls back to English', () => {
    expect(detectLang('', null, ['fa-IR'])).toBe('fa');
    expect(langOf('fa-IR')).toBe('fa');
    expect(langOf('AR_sa')).toBe('ar');
    expect(langOf('farsi')).toBeNull();
    expect(detectLang('', null, ['de-DE', 'tr'])).toBe('en');
    expect(detectLang('', null, [])).toBe('en');
    expect(detectLang('?lang=', '', [])).toBe('en');
  });
});
