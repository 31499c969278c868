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
import { arg, fill, num, pl, withMessageContext } from './message-context';

import type { Msg, Params } from './define';
export type { MessageKey, Msg, Params };
/** For message functions (they may also import these from ./message-context). */
export { arg, num, pl };

/** The message in a given language (English when a translation is missing; the key when both are). */
export function translate(lang: Lang, key: MessageKey, params?: Params, digits: Digits = LANGS[lang].defaultDigits): string {
  const m: Msg | undefined = (MESSAGES[lang] as Record<string, Msg>)[key] ?? (MESSAGES.en as Record<string, Msg>)[key];
  if (m === undefined) return key;
  return withMessageContext(lang, digits, () => (typeof m === 'function' ? m(params ?? {}) : fill(m, params)));
}

/** The message in the reader's language and digits. */
export function t(key: MessageKey, params?: Params): string {
  return translate(prefs.lang, key, params, prefs.digits);
}
