/** Calendar-day arithmetic on `YYYY-MM-DD` strings via UTC epoch days (no time zones involved). */
const MS_PER_DAY = 86_400_000;

export function epochDayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function isoOfEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, n: number): string {
  return isoOfEpochDay(epochDayOf(iso) + n);
}
