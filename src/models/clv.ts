/**
 * Discounted customer lifetime value: BG/NBD expected purchases per monthly step × Gamma-Gamma
 * expected order value, discounted per month. The time unit is explicit everywhere: the models
 * are fitted in days or weeks, and a "month" step is expressed in that unit.
 *
 * The trap this avoids (lifetimes issues #137, #194, #215): lifetimes' `customer_lifetime_value`
 * steps 30 units per month by default whatever the unit is, so weekly data gets 30-week "months".
 */
import { bgnbdConditionalExpected, type BgNbdParams } from './bgnbd';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma';

export type TimeUnit = 'day' | 'week';

export const TIME_UNITS: readonly TimeUnit[] = ['day', 'week'];

/** Days in one unit. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

/** A calendar month (365.25 / 12 = 30.4375 days) in each unit: 30.4375 days = 30.4375 / 7 = 4.348214… weeks. */
export const MONTH_IN_UNITS: Readonly<Record<TimeUnit, number>> = { day: 30.4375, week: 30.4375 / 7 };

/** lifetimes' weekly month step (`freq="W"`: 4.345 weeks, 52.14 weeks / 12). Needed to reproduce its numbers. */
export const LIFETIMES_WEEKS_PER_MONTH = 4.345;

/** Plural word for labels: 'days' | 'weeks'. */
export function unitWord(unit: TimeUnit): 'days' | 'weeks' {
  return unit === 'day' ? 'days' : 'weeks';
}

export function checkUnit(unit: unknown): TimeUnit {
  if (unit !== 'day' && unit !== 'week') throw new RangeError(`unit must be 'day' or 'week', got ${JSON.stringify(unit)}`);
  return unit;
}

export interface ClvScheduleOptions {
  unit: TimeUnit;
  /** Monthly steps (default 12). */
  months?: number;
  /** Discount rate per month (default 0.01). */
  monthlyDiscount?: number;
  /** Length of a month step in `unit` (default MONTH_IN_UNITS[unit]; LIFETIMES_WEEKS_PER_MONTH to match lifetimes). */
  unitsPerMonth?: number;
}

export interface ClvSchedule {
  unit: TimeUnit;
  months: number;
  monthlyDiscount: number;
  unitsPerMonth: number;
}

export function resolveSchedule(o: ClvScheduleOptions): ClvSchedule {
  const unit = checkUnit(o.unit);
  const months = o.months ?? 12;
  const monthlyDiscount = o.monthlyDiscount ?? 0.01;
  const unitsPerMonth = o.unitsPerMonth ?? MONTH_IN_UNITS[unit];
  if (!Number.isInteger(months) || months < 1 || months > 1200) throw new RangeError(`months must be an integer 1..1200, got ${months}`);
  if (!Number.isFinite(monthlyDiscount) || monthlyDiscount <= -1) throw new RangeError(`monthlyDiscount must be > −1, got ${monthlyDiscount}`);
  if (!Number.isFinite(unitsPerMonth) || unitsPerMonth <= 0) throw new RangeError(`unitsPerMonth must be > 0, got ${unitsPerMonth}`);
  return { unit, months, monthlyDiscount, unitsPerMonth };
}

/**
 * Σ_{k=1..months} [E(k·m) − E((k−1)·m)] / (1 + d)^k, E(t) the expected purchases up to t units and
 * m the month in units: the purchases of month k are discounted by k full months (lifetimes'
 * convention: end-of-month discounting).
 */
export function discountedPurchases(expectedUpTo: (t: number) => number, s: ClvSchedule): number {
  let total = 0;
  let previous = 0;
  for (let k = 1; k <= s.months; k++) {
    const e = expectedUpTo(k * s.unitsPerMonth);
    total += (e - previous) / Math.pow(1 + s.monthlyDiscount, k);
    previous = e;
  }
  return total;
}

/** Discounted expected BG/NBD purchases of a customer (x, t_x, T) over the schedule. */
export function bgnbdDiscountedPurchases(p: BgNbdParams, x: number, tx: number, T: number, s: ClvSchedule): number {
  return discountedPurchases((t) => bgnbdConditionalExpected(p, t, x, tx, T), s);
}

/**
 * CLV = Gamma-Gamma expected order value × discounted expected purchases. `zbar` is the mean
 * repeat spend (ignored when x = 0: the population mean is used). null when the expected value is
 * undefined (Gamma-Gamma q ≤ 1 and x = 0).
 */
export function customerLifetimeValue(bg: BgNbdParams, gg: GammaGammaParams, c: { x: number; tx: number; T: number; zbar: number }, s: ClvSchedule): number | null {
  const aov = gammaGammaExpectedSpend(gg, c.x, c.zbar);
  return aov === null ? null : aov * bgnbdDiscountedPurchases(bg, c.x, c.tx, c.T, s);
}
