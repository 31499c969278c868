/**
 * Display formatting of numbers, money and durations in the reader's language and digits
 * (src/i18n/prefs.svelte.ts). Reading `prefs` inside a component re-renders it when they change.
 * Dates and periods: src/i18n/dates.ts (re-exported here for the components).
 */
import { prefs } from '../i18n/prefs.svelte';
import { numberFormat } from '../i18n/numbers';
import type { Lang } from '../i18n/langs';

const nf = (options: Intl.NumberFormatOptions) => numberFormat(prefs.lang, prefs.digits, options);

export const fmtInt = (n: number) => nf({ maximumFractionDigits: 0 }).format(n);

/** A number with at most `digits` decimals (or `significant` significant digits). */
export const fmtNum = (n: number, digits = 2) => nf({ maximumFractionDigits: digits }).format(n);
export const fmtSig = (n: number, significant = 3) => nf({ maximumSignificantDigits: significant }).format(n);

/** A number with exactly `digits` decimals (what toFixed gave), in the reader's digits. */
export const fmtFixed = (n: number, digits: number) => nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
/** A share 0..1 as a percentage with exactly `digits` decimals ("12.0%"); null → "—". */
export const fmtPctFixed = (x: number | null, digits = 1) =>
  x === null ? '—' : nf({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

/** A share 0..1 as a percentage. */
export const fmtPct = (x: number, digits = 1) => nf({ style: 'percent', maximumFractionDigits: digits }).format(x);

/**
 * The name of a currency unit as shown next to amounts. IRT is the Toman (not an ISO code: shops
 * in Iran price in Toman; 1 Toman = 10 Rials, IRR); every other code is shown as its ISO code.
 */
const UNIT_NAMES: Record<Lang, Record<string, string>> = {
  en: { IRT: 'Toman', IRR: 'Rial' },
  fa: { IRT: 'تومان', IRR: 'ریال' },
  ar: { IRT: 'تومان', IRR: 'ريال' },
};
export const currencyLabel = (currency: string | null): string =>
  currency ? (UNIT_NAMES[prefs.lang][currency] ?? currency) : '';

/** " (Toman)" / " (USD)" for axis and column labels; "" without a currency. */
export const currencySuffix = (currency: string | null): string => (currency ? ` (${currencyLabel(currency)})` : '');

export function fmtMoney(n: number, currency: string | null): string {
  const large = Math.abs(n) >= 1000;
  if (currency && ISO_CODE.test(currency) && !(currency in UNIT_NAMES.en)) {
    const iso = isoMoney(currency, large);
    if (iso) return iso.format(n);
  }
  // Toman and Rial have no minor unit in use; other units and plain amounts: two decimals below 1,000.
  const num = nf({ maximumFractionDigits: large || currency === 'IRR' || currency === 'IRT' ? 0 : 2 }).format(n);
  return currency ? `${num} ${currencyLabel(currency)}` : num;
}

const ISO_CODE = /^[A-Z]{3}$/;

/**
 * The locale's own currency style for an ISO 4217 code ("$1,234", "12,50 €", "‏١٢٫٥٠ US$"): below
 * 1,000 with the currency's minor unit (USD 2 decimals, JPY 0, KWD 3), from 1,000 whole units so
 * tiles stay short. null when this browser's Intl does not take the code.
 */
function isoMoney(currency: string, large: boolean): Intl.NumberFormat | null {
  try {
    return nf(large
      ? { style: 'currency', currency, currencyDisplay: 'symbol', minimumFractionDigits: 0, maximumFractionDigits: 0 }
      : { style: 'currency', currency, currencyDisplay: 'symbol' });
  } catch {
    return null;
  }
}

const SECONDS: Record<Lang, string> = { en: 's', fa: 'ثانیه', ar: 'ث' };
export const fmtSeconds = (ms: number) =>
  `${nf({ minimumFractionDigits: ms < 10_000 ? 2 : 1, maximumFractionDigits: ms < 10_000 ? 2 : 1 }).format(ms / 1000)} ${SECONDS[prefs.lang]}`;

/** The ISO day (YYYY-MM-DD, UTC) of an epoch-ms timestamp: a value, not for display. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** An epoch-ms or ISO day for display (display calendar, language, digits). */
export { fmtDay as fmtDate, fmtDay, fmtPeriod } from '../i18n/dates';
