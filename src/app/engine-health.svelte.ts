import type { Engine } from '../engine/engine';

/**
 * Whether the in-browser database is still alive. When its worker dies (most often: out of memory
 * on a huge file) the page says so, keeps the notebook (autosaved), and offers to reload with less
 * data. The crash is remembered for this tab (sessionStorage: the file name and the reason, never
 * data) so that the reloaded page can say what happened last time.
 */
export interface Crash {
  reason: string;
  /** the file being loaded when it happened, if one was */
  file: string | null;
}

const KEY = 'rn.crash';

function readMark(storage: Storage | undefined): Crash | null {
  try {
    const raw = storage?.getItem(KEY);
    storage?.removeItem(KEY); // said once, after the reload that follows the crash
    const c = raw ? (JSON.parse(raw) as Crash) : null;
    return c && typeof c.reason === 'string' ? { reason: c.reason, file: typeof c.file === 'string' ? c.file : null } : null;
  } catch {
    return null;
  }
}

export class EngineHealth {
  /** the engine of this page stopped */
  stopped = $state<Crash | null>(null);
  /** the previous page of this tab ended with a stopped engine */
  previous = $state<Crash | null>(null);
  private storage: Storage | undefined;

  constructor(storage: Storage | undefined = globalThis.sessionStorage) {
    this.storage = storage;
    this.previous = readMark(storage);
  }

  /** Listens for the engine stopping; `activeFile` names the file being loaded at that moment. */
  watch(engine: Engine, activeFile: () => string | null, onStop?: () => void): () => void {
    return engine.onStopped?.((reason) => {
      const crash = { reason, file: activeFile() };
      this.stopped = crash;
      try {
        this.storage?.setItem(KEY, JSON.stringify(crash));
      } catch {
        /* storage disabled: the reloaded page just will not know */
      }
      onStop?.();
    }) ?? (() => {});
  }
}

/** The page's address without the data it loads at start (?data= links, the sample): a reload that will not fall over again. */
export function withoutStartData(href: string): string {
  const u = new URL(href);
  u.searchParams.delete('data');
  u.searchParams.set('sample', '0');
  return u.href;
}
