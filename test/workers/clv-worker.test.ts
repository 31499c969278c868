import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import Worker from 'web-worker';
import { sharedNodeEngine } from '../../src/engine/node';
import type { Engine } from '../../src/engine/engine';
import { computeClv, fetchClvData, type ClvOptions, type ClvProgress, type ClvResult } from '../../src/analyses/clv';
import { runClvInWorker, type ClvWorkerLike } from '../../src/app/clv-client';
import { isModelRefusal } from '../../src/models/refusals';
import { loadCdnowMaster } from '../analyses/cdnow';

// The CLV worker protocol in Node: src/workers/clv.worker.ts bundled with Vite's build API, run
// with the `web-worker` package, driven by the app's client (runClvInWorker). The browser build
// (blob: bootstrap under the page's CSP, from a sub-path) is exercised by bench/clv.mjs.

const OPTIONS: ClvOptions<'week'> = { unit: 'week', asOf: '1998-06-30', calibrationEnd: '1997-09-30', horizon: 39, customerLimit: 50, nonPositiveSpend: 'exclude' };

let dir: string;
let workerFile: string;
let engine: Engine;
const started: ClvWorkerLike[] = [];
const createWorker = () => {
  const w = new Worker(pathToFileURL(workerFile).href, { type: 'module' }) as unknown as ClvWorkerLike;
  started.push(w);
  return w;
};
const stable = (r: ClvResult) => {
  const strip = (m: unknown) => (m && typeof m === 'object' && 'report' in m ? { ...m, report: { ...(m as { report: object }).report, ms: 0 } } : m);
  return { ...r, timings: null, bgnbd: strip(r.bgnbd), paretoNbd: strip(r.paretoNbd), gammaGamma: strip(r.gammaGamma), scores: undefined };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clv-worker-test-'));
  await build({
    configFile: false, logLevel: 'silent', root: process.cwd(),
    build: {
      outDir: dir, emptyOutDir: true, target: 'es2022', minify: false,
      lib: { entry: join(process.cwd(), 'src/workers/clv.worker.ts'), formats: ['es'], fileName: () => 'clv.worker.mjs' },
    },
  });
  workerFile = join(dir, 'clv.worker.mjs');
  engine = await sharedNodeEngine();
  await loadCdnowMaster(engine);
}, 120_000);

afterAll(() => {
  for (const w of started) w.terminate();
  rmSync(dir, { recursive: true, force: true });
});

describe('runClvInWorker (web-worker in Node)', () => {
  it('returns what computeClv returns in-process; Pareto/NBD off by default; progress in order', async () => {
    const phases: ClvProgress[] = [];
    const r = await runClvInWorker(engine, OPTIONS, { createWorker, onProgress: (p) => phases.push(p) });
    expect(phases.map((p) => p.phase)).toEqual(['summary', 'bgnbd', 'gamma-gamma', 'checks', 'scoring']);
    expect(phases.map((p) => p.label)).toEqual(['summary', 'fitting BG/NBD', 'fitting Gamma-Gamma', 'checks', 'scoring']);
    expect(r.paretoNbd).toBeNull();
    const local = computeClv(await fetchClvData(engine, OPTIONS), { ...OPTIONS, paretoNbd: false });
    expect(stable(r)).toEqual(stable(local));
    expect(r.rows.length).toBe(50);
    expect(r.distribution!.customers).toBe(23_570);
    expect(r.distribution!.top.length).toBe(100);
  }, 60_000);

  it('fits Pareto/NBD when asked, and transfers score columns back', async () => {
    const phases: string[] = [];
    const r = await runClvInWorker(engine, { ...OPTIONS, paretoNbd: true, customerLimit: 3 }, {
      createWorker, scoreColumns: true, onProgress: (p) => phases.push(p.phase),
    });
    expect(phases).toContain('pareto-nbd');
    expect(r.paretoNbd?.status).toBe('fitted');
    expect(r.scores!.clv).toBeInstanceOf(Float64Array);
    expect(r.scores!.clv!.length).toBe(23_570);
    expect(r.scores!.pAliveParetoNbd!.length).toBe(23_570);
    expect(r.scores!.clv![2]).toBe(r.rows[2].clv);
  }, 60_000);

  it('cancels: aborting terminates the worker and rejects with an AbortError', async () => {
    const ac = new AbortController();
    const p = runClvInWorker(engine, { ...OPTIONS, paretoNbd: true }, {
      createWorker, signal: ac.signal, onProgress: (e) => { if (e.phase === 'bgnbd') ac.abort(); },
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    const aborted = new AbortController();
    aborted.abort();
    await expect(runClvInWorker(engine, OPTIONS, { createWorker, signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });
  }, 60_000);

  it('passes a BG/NBD refusal through as a typed ModelRefusal', async () => {
    // Up to 1997-01-03: a few hundred customers, (almost) no repeat buyers.
    const err = await runClvInWorker(engine, { unit: 'week', asOf: '1997-01-03' }, { createWorker }).catch((e) => e);
    expect(isModelRefusal(err)).toBe(true);
    expect(err.code).toMatch(/^too-few-/);
    expect(err.model).toBe('BG/NBD');
    expect(err.message).toMatch(/BG\/NBD: \d+ /);
    expect(typeof err.got).toBe('number');
  }, 60_000);
});
