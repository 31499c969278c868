/** a ÷ b, or null when the denominator is 0 (a rate over nobody is not 0%, it is undefined). */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** a × b when both exist. */
export function times(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a * b;
}
