/**
 * Display formatting for the data panels (locale-aware; full i18n arrives with src/i18n).
 * Formatters are built once per option set: an Intl.NumberFormat costs far more than a format()
 * call, and a cohort table formats thousands of cells.
 */
const cache = new Map<string, Intl.NumberFormat>();
function nf(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(undefined, options);
    cache.set(key, f);
  }
  return f;
}

export const fmtInt = (n: number) => nf({ maximumFractionDigits: 0 }).format(n);

/** A number with at most `digits` decimals (or `significant` significant digits). */
export const fmtNum = (n: number, digits = 2) => nf({ maximumFractionDigits: digits }).format(n);
export const fmtSig = (n: number, significant = 3) => nf({ maximumSignificantDigits: significant }).format(n);

/** A share 0..1 as a percentage. */
export const fmtPct = (x: number, digits = 1) => nf({ style: 'percent', maximumFractionDigits: digits }).format(x);

export function fmtMoney(n: number, currency: string | null): string {
  const num = nf({ maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : 2 }).format(n);
  if (!currency) return num;
  if (currency === 'IRT') return `${num} Toman`;
  return `${num} ${currency}`;
}

export const fmtDate = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10));
export const fmtSeconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
