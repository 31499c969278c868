/**
 * The notebook document (never data) kept in the browser's localStorage, so a reload or a
 * crashed tab reopens the same cells and parameters. A stored document that no longer reads
 * (older format, edited by hand) is ignored, not fatal.
 */
import type { Notebook } from './document';
import { notebookToJson, readNotebook } from './serialise';

export const AUTOSAVE_KEY = 'retention-notebook:document';

export function saveNotebook(nb: Notebook, storage: Storage | undefined = globalThis.localStorage): boolean {
  try {
    storage?.setItem(AUTOSAVE_KEY, notebookToJson(nb));
    return true;
  } catch {
    return false; // storage full or disabled (private mode): the notebook still works, it just is not kept
  }
}

export function loadSavedNotebook(storage: Storage | undefined = globalThis.localStorage): Notebook | null {
  try {
    const text = storage?.getItem(AUTOSAVE_KEY);
    return text ? readNotebook(text) : null;
  } catch {
    return null;
  }
}

export function clearSavedNotebook(storage: Storage | undefined = globalThis.localStorage) {
  try {
    storage?.removeItem(AUTOSAVE_KEY);
  } catch {
    // nothing to do
  }
}
