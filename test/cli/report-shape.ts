/** Checks every report must pass, whatever the data: key style, dates, schema header. */
import { expect } from 'vitest';

/** Maps keyed by data (reasons, currencies), not by schema: their keys are free text. */
const DATA_KEYED = new Set(['rejected', 'rejected_by_reason', 'not_counted']);
const DATE_KEYS = new Set(['as_of', 'from', 'to', 'start', 'end', 'evaluated_on', 'first_order_day', 'last_order_day', 'calibration_end', 'start_day', 'day']);

export const TOP_LEVEL = ['schema_version', 'generated_with', 'options', 'data', 'rows', 'kpis', 'cohorts', 'churn', 'rfm', 'nps', 'sales', 'subscriptions', 'clv'];

/** snake_case keys everywhere; every date field a real YYYY-MM-DD string (never a number). */
export function expectWellFormed(report: unknown): void {
  const problems: string[] = [];
  const walk = (v: unknown, path: string, freeKeys: boolean) => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`, false));
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (!freeKeys && !/^[a-z][a-z0-9_]*$/.test(k)) problems.push(`${path}.${k}: not snake_case`);
      if (DATE_KEYS.has(k) && !freeKeys) {
        const ok = typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) && new Date(`${x}T00:00:00Z`).toISOString().startsWith(x);
        if (!ok && x !== null) problems.push(`${path}.${k}: ${JSON.stringify(x)} is not a YYYY-MM-DD day`);
      }
      walk(x, `${path}.${k}`, DATA_KEYED.has(k));
    }
  };
  walk(report, '$', false);
  expect(problems).toEqual([]);
  const r = report as Record<string, unknown>;
  expect(Object.keys(r)).toEqual(TOP_LEVEL);
  expect(r.schema_version).toBe(1);
  expect(r.generated_with).toMatchObject({ engine: 'duckdb-wasm 1.32.0' });
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
}

/** camelCase → snake_case, for checking that a mapping left no field out (tests only). */
export const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
