/**
 * Options shared by every analysis. Dates are calendar days `YYYY-MM-DD` in the shop's wall time
 * (the `ordered_at` column is wall time too, so no time zones are involved anywhere).
 */
export type Period = 'week' | 'month' | 'quarter' | 'year';
export type Calendar = 'gregorian' | 'jalali';

export interface AnalysisOptions {
  /** End of observation, inclusive (orders on this day count). Default: the day of the latest order. */
  asOf?: string;
  period: Period;
  calendar: Calendar;
  /** Inactivity window in days: a customer with no order in the last `churnDays` days is churned. Default 90. */
  churnDays: number;
  /** First day of the reporting window (inclusive). Earlier orders still classify customers (new vs returning). */
  from?: string;
  /** Last day of the reporting window (inclusive); capped at `asOf`. */
  to?: string;
}

export const DEFAULT_OPTIONS: AnalysisOptions = { period: 'month', calendar: 'gregorian', churnDays: 90 };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Throws on anything that is not a real `YYYY-MM-DD` day (these strings end up in SQL). */
export function checkDay(value: string, name: string): string {
  const m = ISO_DAY.exec(value);
  if (!m) throw new RangeError(`${name} must be a YYYY-MM-DD day, got ${JSON.stringify(value)}`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.toISOString().slice(0, 10) !== value) throw new RangeError(`${name} is not a real day: ${value}`);
  return value;
}

/** Fills defaults and validates; every analysis calls this before building SQL. */
export function resolveOptions(options: Partial<AnalysisOptions> = {}): AnalysisOptions {
  const o: AnalysisOptions = { ...DEFAULT_OPTIONS, ...stripUndefined(options) };
  if (!['week', 'month', 'quarter', 'year'].includes(o.period)) throw new RangeError(`unknown period ${String(o.period)}`);
  if (!['gregorian', 'jalali'].includes(o.calendar)) throw new RangeError(`unknown calendar ${String(o.calendar)}`);
  if (!Number.isInteger(o.churnDays) || o.churnDays < 1) throw new RangeError(`churnDays must be a positive integer, got ${o.churnDays}`);
  if (o.asOf !== undefined) checkDay(o.asOf, 'asOf');
  if (o.from !== undefined) checkDay(o.from, 'from');
  if (o.to !== undefined) checkDay(o.to, 'to');
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
