/**
 * Translating UI text: `t('churn.title')`, `t('load.kept', { n: 1234 })`.
 * Messages live in src/i18n/messages/<area>.ts, one catalog per part of the app, each with the
 * same keys in English, Persian and Arabic (test/i18n checks keys and placeholders). A message is
 * a string with `{name}` placeholders or, where grammar needs it (plurals, the Arabic dual), a
 * function of the parameters that may call `pl()` / `num()` below. Number parameters are
 * formatted in the reader's locale and digits; strings are inserted as given (format dates and
 * money with src/i18n/format.ts first). Reads `prefs`: inside a component the text updates when
 * the language or the digits change.
 */
import { prefs } from './prefs.svelte';
import { MESSAGES, type MessageKey } from './messages';
import { LANGS, type Digits, type Lang } from './langs';
import { numberFormat } from './numbers';

import type { Msg, Params } from './define';
export type { MessageKey, Msg, Params };

/** The language and digits of the message being built (translate() is synchronous). */
let ctx: { lang: Lang; digits: Digits } = { lang: 'en', digits: 'latn' };

/** A number in the language and digits of the message being built. */
export const num = (n: number | string) =>
  typeof n === 'number' ? numberFormat(ctx.lang, ctx.digits, { maximumFractionDigits: 2 }).format(n) : n;

const RTL_CHARS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/**
 * A string parameter (a name from the data, a formatted figure) is isolated (U+2068 … U+2069, as
 * <bdi> does) in right-to-left messages, and in any message when it holds right-to-left text:
 * "Showing سعید: 1,659 customers" must not reorder around the colon.
 */
const isolate = (s: string) => (LANGS[ctx.lang].dir === 'rtl' || RTL_CHARS.test(s) ? `\u2068${s}\u2069` : s);

/** Inside a message function: a parameter as fill() would insert it (numbers formatted, strings isolated). */
export const arg = (v: string | number | undefined): string => (v === undefined ? '' : typeof v === 'number' ? num(v) : isolate(v));

function fill(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : typeof v === 'number' ? num(v) : isolate(v);
  });
}

/** The message in a given language (English when a translation is missing; the key when both are). */
export function translate(lang: Lang, key: MessageKey, params?: Params, digits: Digits = LANGS[lang].defaultDigits): string {
  const m: Msg | undefined = (MESSAGES[lang] as Record<string, Msg>)[key] ?? (MESSAGES.en as Record<string, Msg>)[key];
  if (m === undefined) return key;
  const before = ctx;
  ctx = { lang, digits };
  try {
    return typeof m === 'function' ? m(params ?? {}) : fill(m, params);
  } finally {
    ctx = before;
  }
}

/** The message in the reader's language and digits. */
export function t(key: MessageKey, params?: Params): string {
  return translate(prefs.lang, key, params, prefs.digits);
}

const rules = new Map<Lang, Intl.PluralRules>();
/**
 * Inside a message function: the form for n by CLDR plural rules of the message's language
 * (English one/other; Persian one/other; Arabic zero, one, two, few, many, other). `other` is
 * required; a missing category falls back to it. `{n}` in the form is the formatted number.
 */
export function pl(n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  let r = rules.get(ctx.lang);
  if (!r) rules.set(ctx.lang, (r = new Intl.PluralRules(LANGS[ctx.lang].locale)));
  return fill(forms[r.select(n)] ?? forms.other, { n });
}
