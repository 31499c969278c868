/**
 * Predictive CLV (issue 4): per-customer (x, t_x, T) summaries from the canonical `orders` table
 * in DuckDB, BG/NBD + Pareto/NBD + Gamma-Gamma fits over the distinct summaries (src/models/),
 * model checks, and per-customer scores (P(alive), expected purchases, expected order value,
 * discounted CLV, churn-risk tier). The time unit is explicit: `unit: 'day' | 'week'` in the
 * options, `{ unit, length }` for every span in the result and `…Days` / `…Weeks` field names
 * on the customer rows. See docs/clv.md.
 *
 * Two phases: `fetchClvData` (clv-data.ts, DuckDB only → plain transferable data) and
 * `computeClv` (clv-compute.ts, pure JS: fits, checks, scores; runs in a Web Worker in the app,
 * src/app/clv-client.ts). `runClv` runs both in-process (Node, the report command).
 */
import { queryRows, type Engine } from '../engine/engine';
import { clvCustomerPageSql, clvSummaryTableSql } from './clv-sql';
import { DAYS_PER_UNIT, type TimeUnit } from '../models/clv';
import type { GammaGammaParams } from '../models/gamma-gamma';
import { fetchClvData } from './clv-data';
import { computeClv, customerRow, SummaryScorer } from './clv-compute';
import type { ChurnTierThresholds, ClvCustomer, ClvOptions, ClvResult } from './clv-types';

export * from './clv-types';
export { fetchClvData, clvDataTransferables } from './clv-data';
export { computeClv, type ComputeClvHooks } from './clv-compute';

interface PageRow { customer_id: string; x: number; recency_days: number; age_days: number; repeat_spend: number; holdout: number }

/** Pages through the materialised summary table, scoring each customer. */
async function scorePages<U extends TimeUnit>(
  engine: Engine, unit: U, hasHoldout: boolean, scorer: SummaryScorer, gg: GammaGammaParams | null, tiers: ChurnTierThresholds,
  onBatch: (rows: ClvCustomer<U>[]) => void | Promise<void>, limit: number, batchSize: number, signal?: AbortSignal,
): Promise<number> {
  let after: string | null = null;
  let done = 0;
  while (done < limit) {
    const take = Math.min(batchSize, limit - done);
    const page: PageRow[] = await queryRows<PageRow>(engine, clvCustomerPageSql(after, take), { signal });
    if (page.length === 0) break;
    await onBatch(page.map((r) => customerRow(unit, hasHoldout, tiers, gg, scorer.score(r.x, r.recency_days, r.age_days), {
      customerId: r.customer_id, x: r.x, recencyDays: r.recency_days, ageDays: r.age_days, repeatSpend: r.repeat_spend, holdout: r.holdout,
    })));
    done += page.length;
    after = page[page.length - 1].customer_id;
    if (page.length < take) break;
  }
  return done;
}

/**
 * Runs the whole analysis: `fetchClvData` then `computeClv`, in-process. Throws a typed refusal
 * (TooFewCustomers, TooFewRepeatBuyers, NotConverged) when BG/NBD cannot be fitted; Pareto/NBD
 * and Gamma-Gamma refusals are reported in the result (`status: 'refused'`) and the rest still runs.
 */
export async function runClv<U extends TimeUnit>(engine: Engine, options: ClvOptions<U>): Promise<ClvResult<U>> {
  const data = await fetchClvData(engine, options);
  options.signal?.throwIfAborted();
  return computeClv(data, options);
}

/**
 * Streams every scored customer (by customer_id, `batchSize` per call) with the parameters of a
 * finished `runClv` — for populations too large to hold as one array. Rebuilds the summary table
 * from the result's asOf / calibrationEnd, so it reflects the `orders` table as it is now.
 * Resolves to the number of customers streamed.
 */
export async function streamClvCustomers<U extends TimeUnit>(
  engine: Engine, result: ClvResult<U>, onBatch: (rows: ClvCustomer<U>[]) => void | Promise<void>,
  options: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 50_000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  await engine.query(clvSummaryTableSql({ asOf: result.asOf, calibrationEnd: result.calibrationEnd }), { signal: options.signal });
  const scorer = new SummaryScorer(DAYS_PER_UNIT[result.unit], result.bgnbd.params,
    result.paretoNbd?.status === 'fitted' ? result.paretoNbd.params : null, result.horizon.length, result.clvSchedule);
  const gg = result.gammaGamma.status === 'fitted' ? result.gammaGamma.params : null;
  return scorePages(engine, result.unit, result.holdout !== null, scorer, gg, result.tierThresholds, onBatch,
    Number.MAX_SAFE_INTEGER, batchSize, options.signal);
}
