/** Display formatting for the data panels (locale-aware; full i18n arrives with src/i18n). */
export const fmtInt = (n: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(n);

export function fmtMoney(n: number, currency: string | null): string {
  const num = new Intl.NumberFormat(undefined, { maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : 2 }).format(n);
  if (!currency) return num;
  if (currency === 'IRT') return `${num} Toman`;
  return `${num} ${currency}`;
}

export const fmtDate = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10));
export const fmtSeconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
