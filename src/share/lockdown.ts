/**
 * Provenance of the open notebook and the engine lockdown that goes with it. A notebook that came
 * from a share link or a `.json` file carries SQL someone else wrote: before any of it runs, the
 * engine gets LOCKDOWN_SETTINGS (src/engine/settings.ts) — irreversible for that engine, so
 * "trust this notebook" is a page reload with a fresh, unlocked engine.
 *
 * Trust is never read from the URL (a crafted link could say `?trusted=1`): it is only the
 * absence of the "from elsewhere" mark next to the autosaved document in this browser's
 * localStorage, which only a click on "Trust it and reload" (or opening/resetting to one's own
 * notebook) removes.
 */
import type { Engine } from '../engine/engine';
import { t } from '../i18n/t';

export const UNTRUSTED_KEY = 'retention-notebook:untrusted';

const locked = new WeakMap<Engine, Promise<void>>();

/** Locks `engine` once (later calls return the same promise). */
export function lockEngine(engine: Engine): Promise<void> {
  let p = locked.get(engine);
  if (!p) {
    if (!engine.lockDown) return Promise.reject(new Error(t('share.lock.cannot')));
    p = engine.lockDown();
    locked.set(engine, p);
  }
  return p;
}

export const isLocked = (engine: Engine) => locked.has(engine);

export function readUntrustedMark(storage: Storage | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(UNTRUSTED_KEY) === '1';
  } catch {
    return false;
  }
}

export function writeUntrustedMark(untrusted: boolean, storage: Storage | undefined = globalThis.localStorage) {
  try {
    if (untrusted) storage?.setItem(UNTRUSTED_KEY, '1');
    else storage?.removeItem(UNTRUSTED_KEY);
  } catch {
    // storage disabled: nothing is kept, so nothing can reopen unlocked either
  }
}
