import { sharedNodeEngine } from '../../src/engine/node';
import { DataSession, type FileReport } from '../../src/data/session';
import { inspectFile } from '../../src/data/inspect';
import { inputFromPath } from '../../src/data/input-node';
import type { LoadPlan } from '../../src/data/load/plan';

/** A fresh session on the shared engine (one per test file) with all canonical tables reset. */
export async function freshSession(): Promise<DataSession> {
  const engine = await sharedNodeEngine();
  await engine.query('DROP TABLE IF EXISTS load_rejects');
  const s = new DataSession(engine);
  await s.init();
  return s;
}

/** The user's path: inspect (sniff + detect) → plan (optionally edited) → load. */
export async function loadPath(
  session: DataSession, path: string, edit?: (plan: LoadPlan) => LoadPlan,
): Promise<FileReport> {
  const input = inputFromPath(path);
  const inspection = await inspectFile(input);
  if (!inspection.plan) throw new Error(`not loadable: ${inspection.error ?? inspection.missing.join(',')}`);
  const plan = edit ? edit(structuredClone(inspection.plan)) : inspection.plan;
  return session.load(input, inspection, plan);
}
