/**
 * What message functions use while a message is built: the language and digits of that message
 * (translate() sets them around the call; it is synchronous), numbers in those digits, string
 * parameters isolated from the text's direction, plural forms. A module of its own so that the
 * catalogs (which use these) and t.ts (which reads the catalogs) do not import each other.
 */
import { LANGS, type Digits, type Lang } from './langs';
import { numberFormat } from './numbers';
import type { Params } from './define';

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

export function fill(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : typeof v === 'number' ? num(v) : isolate(v);
  });
}

/** Runs `build` with the language and digits of one message. */
export function withMessageContext<T>(lang: Lang, digits: Digits, build: () => T): T {
  const before = ctx;
  ctx = { lang, digits };
  try {
    return build();
  } finally {
    ctx = before;
  }
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
