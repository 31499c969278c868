/**
 * The interface languages and what each implies: text direction, the Intl locale, the native
 * digits. Choosing one: `?lang=` first, then the stored choice, then the browser's languages.
 */
export type Lang = 'en' | 'fa' | 'ar';
export type Digits = 'latn' | 'native';
export type Dir = 'ltr' | 'rtl';

export interface LangInfo {
  /** the language's own name, as shown in the switcher */
  name: string;
  dir: Dir;
  /** BCP 47 locale for Intl (numbers, month names) */
  locale: string;
  /** Intl numbering system of the native digits */
  nativeDigits: string;
  /** digits used unless the user picks otherwise */
  defaultDigits: Digits;
}

export const LANGS: Record<Lang, LangInfo> = {
  en: { name: 'English', dir: 'ltr', locale: 'en-US', nativeDigits: 'latn', defaultDigits: 'latn' },
  fa: { name: 'فارسی', dir: 'rtl', locale: 'fa-IR', nativeDigits: 'arabext', defaultDigits: 'native' },
  ar: { name: 'العربية', dir: 'rtl', locale: 'ar', nativeDigits: 'arab', defaultDigits: 'native' },
};

export const LANG_CODES = Object.keys(LANGS) as Lang[];

export const isLang = (x: unknown): x is Lang => typeof x === 'string' && (LANG_CODES as string[]).includes(x);

/** `fa-IR` → `fa`; anything else we do not speak → null. */
export function langOf(tag: string | null | undefined): Lang | null {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return isLang(base) ? base : null;
}

/** The language to start in: `?lang=`, else the stored choice, else the first browser language we speak, else English. */
export function detectLang(search: string, stored: string | null, browser: readonly string[]): Lang {
  const fromUrl = langOf(new URLSearchParams(search).get('lang'));
  if (fromUrl) return fromUrl;
  const fromStore = langOf(stored);
  if (fromStore) return fromStore;
  for (const tag of browser) {
    const l = langOf(tag);
    if (l) return l;
  }
  return 'en';
}
