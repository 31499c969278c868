// Seeded, deterministic generator of order CSVs in the generic layout the app recognises:
//
//   order_id,customer_id,order_date,amount
//   1000001,100000,2022-01-01,42.17
//
// ≈33 bytes per row (10M rows ≈ 330 MB). Realistic-ish: about N/4 customers, each with a few
// orders (recent customers re-order more often, some customers order many times), order dates
// spread over three years (2022-01-01 … 2024-12-31) in file order, amounts log-normal
// (median ≈ 40, 2 decimals). The same N always gives the same bytes.
//
// Files are written in chunks (never the whole file as one string) to a temporary name and
// renamed when complete, so a half-written file is never mistaken for a finished one.
//
//   node bench/generate-orders.mjs 1M            → bench/data/orders-1M.csv (if missing)
//   node bench/generate-orders.mjs 100k 10M      → several sizes
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// mulberry32: small, fast, good enough for synthetic data; seeded so files are reproducible.
import { mulberry32 as rng } from '../sample-data/random.mjs';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');
export const HEADER = 'order_id,customer_id,order_date,amount';

/** '100k' → 100000, '1M' → 1000000, '2.5M' → 2500000, '5000' → 5000. */
export function parseSize(label) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(String(label).trim());
  if (!m) throw new Error(`Not a row count: ${label} (use e.g. 100k, 1M, 10M)`);
  const mult = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]];
  return Math.round(Number(m[1]) * mult);
}

/** 100000 → '100k', 1000000 → '1M'. */
export function sizeLabel(rows) {
  if (rows >= 1e6 && rows % 1e5 === 0) return `${rows / 1e6}M`;
  if (rows >= 1e3 && rows % 100 === 0) return `${rows / 1e3}k`;
  return String(rows);
}

export function ordersPath(rows) {
  return join(DATA_DIR, `orders-${sizeLabel(rows)}.csv`);
}

const DAY_MS = 86_400_000;
const START = Date.UTC(2022, 0, 1);
const DAYS = Math.round((Date.UTC(2025, 0, 1) - START) / DAY_MS); // 1096 days, three years
const DATES = Array.from({ length: DAYS }, (_, d) => new Date(START + d * DAY_MS).toISOString().slice(0, 10));

/**
 * Write `rows` orders to `path` (unless it exists and `force` is false). Returns the path and
 * size. Deterministic: the seed depends only on `rows`.
 */
export async function generateOrders(rows, { path = ordersPath(rows), force = false, log = () => {} } = {}) {
  if (!force && existsSync(path)) return { path, rows, bytes: statSync(path).size, generated: false };
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.part`;
  const out = createWriteStream(tmp);
  const rand = rng(0x5eed ^ rows);
  const gauss = () => {
    // Box–Muller; one value per call is plenty here.
    const u = 1 - rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  const NEW_CUSTOMER = 0.25; // ≈ N/4 customers, ≈ 4 orders each on average
  let customers = 0;
  const CHUNK = 50_000;
  const t0 = Date.now();
  out.write(HEADER + '\n');
  for (let start = 0; start < rows; start += CHUNK) {
    const end = Math.min(rows, start + CHUNK);
    let s = '';
    for (let i = start; i < end; i++) {
      let customer;
      if (customers === 0 || rand() < NEW_CUSTOMER) customer = customers++;
      else {
        // A returning customer: biased towards recently acquired ones (cubic), so early
        // customers churn and the distribution of orders per customer has a long tail.
        customer = customers - 1 - Math.floor(customers * rand() ** 3);
      }
      // Dates follow file order (exports are sorted by date), with a little jitter.
      const day = Math.min(DAYS - 1, Math.floor(((i + rand()) / rows) * DAYS));
      const amount = Math.min(4999.99, Math.max(1, Math.exp(3.7 + 0.8 * gauss())));
      s += `${1_000_001 + i},${100_000 + customer},${DATES[day]},${amount.toFixed(2)}\n`;
    }
    if (!out.write(s)) await once(out, 'drain');
    if (end % 1_000_000 === 0) log(`  generated ${sizeLabel(end)} of ${sizeLabel(rows)} rows`);
  }
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
  const bytes = statSync(path).size;
  log(`  wrote ${path} (${(bytes / 1e6).toFixed(1)} MB, ${customers} customers) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { path, rows, bytes, generated: true, customers };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = process.argv.slice(2);
  if (!sizes.length) {
    console.error('usage: node bench/generate-orders.mjs 100k 1M 10M [--force]');
    process.exit(2);
  }
  const force = sizes.includes('--force');
  for (const s of sizes.filter((x) => x !== '--force')) {
    const r = await generateOrders(parseSize(s), { force, log: console.log });
    console.log(`${r.path}: ${r.rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB${r.generated ? '' : ' (already there)'}`);
  }
}
