#!/usr/bin/env node
// Cheap guard run before dev, build and test: (re)generates public/sample/ only when a file is
// missing or the generator's source is newer than orders.csv (written last by the generator).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { DEFAULT_OUT_DIR, FILES, generate } = await import('./generate.mjs');
const shown = relative(process.cwd(), DEFAULT_OUT_DIR) || '.';

const sources = readdirSync(here).filter((f) => f.endsWith('.mjs') && f !== 'ensure.mjs');
const newestSource = Math.max(...sources.map((f) => statSync(join(here, f)).mtimeMs));
const sentinel = join(DEFAULT_OUT_DIR, 'orders.csv');
const missing = FILES.filter((f) => !existsSync(join(DEFAULT_OUT_DIR, f)));
const stale = !missing.length && statSync(sentinel).mtimeMs < newestSource;

if (!missing.length && !stale) {
  console.log(`sample data: up to date (${shown})`);
} else {
  const r = generate();
  const why = missing.length ? 'missing' : 'generator changed';
  console.log(`sample data: generated ${r.customers} customers, ${r.orders} orders, ${r.responses} responses, ${r.subscriptions} subscriptions in ${r.ms} ms (${why}) → ${shown}`);
}
