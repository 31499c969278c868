/**
 * Clear refusals: when the data cannot support a fit (or a fit failed), the models throw one of
 * these typed errors instead of returning numbers nobody should trust. Each message says what is
 * missing and how much of it.
 */

export type RefusalCode = 'too-few-customers' | 'too-few-repeat-buyers' | 'not-converged' | 'non-positive-spend';

export abstract class ModelRefusal extends Error {
  abstract readonly code: RefusalCode;
  /** Which model refused ('BG/NBD', 'Pareto/NBD', 'Gamma-Gamma'). */
  constructor(readonly model: string, message: string) {
    super(message);
  }
}

/** Below this many customers a BG/NBD or Pareto/NBD fit is refused. */
export const MIN_CUSTOMERS = 50;
/** Below this many repeat buyers (x ≥ 1) any fit is refused: nothing identifies repeat rate and dropout. */
export const MIN_REPEAT_BUYERS = 20;

export class TooFewCustomers extends ModelRefusal {
  readonly code = 'too-few-customers' as const;
  constructor(model: string, readonly got: number, readonly needed: number) {
    super(model, `${model}: ${got} customer${got === 1 ? '' : 's'} in the calibration period; a fit needs at least ${needed}. Load more orders or move the calibration end later.`);
    this.name = 'TooFewCustomers';
  }
}

export class TooFewRepeatBuyers extends ModelRefusal {
  readonly code = 'too-few-repeat-buyers' as const;
  constructor(model: string, readonly got: number, readonly needed: number) {
    super(model, `${model}: ${got} repeat buyer${got === 1 ? '' : 's'} (customers with a purchase on a second day) in the calibration period; a fit needs at least ${needed}. Repeat purchases are what the model learns from.`);
    this.name = 'TooFewRepeatBuyers';
  }
}

export class NotConverged extends ModelRefusal {
  readonly code = 'not-converged' as const;
  constructor(model: string, readonly reason: string, readonly params: Record<string, number>, readonly iterations: number, hint = 'The data may not fit this model.') {
    super(model, `${model}: the maximum-likelihood fit did not converge (${reason}) after ${iterations} iterations; last parameters ${Object.entries(params).map(([k, v]) => `${k}=${v.toPrecision(4)}`).join(', ')}. ${hint}`);
    this.name = 'NotConverged';
  }
}

export class NonPositiveSpend extends ModelRefusal {
  readonly code = 'non-positive-spend' as const;
  constructor(readonly customers: number, readonly example: number) {
    super('Gamma-Gamma', `Gamma-Gamma: ${customers} repeat buyer${customers === 1 ? ' has' : 's have'} a mean repeat spend ≤ 0 (e.g. ${example}); the model is for positive amounts only. Exclude them (zero-value or fully refunded repeat orders) or use a positive revenue column.`);
    this.name = 'NonPositiveSpend';
  }
}

export function isModelRefusal(e: unknown): e is ModelRefusal {
  return e instanceof ModelRefusal;
}
