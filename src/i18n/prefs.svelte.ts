/**
 * The reader's display preferences: language (and with it the direction), digits, and the calendar
 * dates are shown in. Reactive in the app (a SvelteMap: components that format through src/i18n
 * re-render when they change) and plain in Node (the report command imports modules that
 * translate, and runes only exist in compiled Svelte code; Node resolves svelte/reactivity to a
 * plain Map). The language and digits are the reader's (persisted in localStorage); the calendar
 * follows the open notebook's calendar parameter (App sets it), so cohort periods and dates agree.
 */
import { SvelteMap } from 'svelte/reactivity';
import { LANGS, detectLang, isLang, type Digits, type Lang } from './langs';

export type DisplayCalendar = 'gregorian' | 'jalali';

const LANG_KEY = 'rn.lang';
const DIGITS_KEY = 'rn.digits';

interface Prefs {
  lang: Lang;
  digits: Digits;
  calendar: DisplayCalendar;
}
const state = new SvelteMap<keyof Prefs, string>([['lang', 'en'], ['digits', 'latn'], ['calendar', 'gregorian']]);

/** Read (and, in components, track) the preferences; write them through the functions below. */
export const prefs: Prefs = {
  get lang() { return state.get('lang') as Lang; },
  set lang(v) { state.set('lang', v); },
  get digits() { return state.get('digits') as Digits; },
  set digits(v) { state.set('digits', v); },
  get calendar() { return state.get('calendar') as DisplayCalendar; },
  set calendar(v) { state.set('calendar', v); },
};

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}
function store(key: string, value: string) {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    /* storage disabled: the choice lasts for this page only */
  }
}

/** <html lang dir>: the whole layout mirrors through logical CSS properties. */
function applyToDocument(lang: Lang) {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  root.lang = lang;
  root.dir = LANGS[lang].dir;
}

/** Called once at start: `?lang=`, stored choice, browser languages (src/i18n/langs.ts). */
export function initPrefs(search = globalThis.location?.search ?? '', languages: readonly string[] = globalThis.navigator?.languages ?? []) {
  prefs.lang = detectLang(search, stored(LANG_KEY), languages);
  const d = stored(DIGITS_KEY);
  prefs.digits = d === 'latn' || d === 'native' ? d : LANGS[prefs.lang].defaultDigits;
  applyToDocument(prefs.lang);
}

export function setLang(lang: Lang, persist = true) {
  if (!isLang(lang)) return;
  prefs.lang = lang;
  if (persist) store(LANG_KEY, lang);
  // Digits follow the language unless the reader chose them.
  if (stored(DIGITS_KEY) === null) prefs.digits = LANGS[lang].defaultDigits;
  applyToDocument(lang);
}

export function setDigits(digits: Digits, persist = true) {
  prefs.digits = digits;
  if (persist) store(DIGITS_KEY, digits);
}

export function setDisplayCalendar(calendar: DisplayCalendar) {
  if (prefs.calendar !== calendar) prefs.calendar = calendar;
}

export const dir = () => LANGS[prefs.lang].dir;
export const isRtl = () => LANGS[prefs.lang].dir === 'rtl';
