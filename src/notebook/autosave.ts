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

/**
 * One's own notebook, set aside when a share link or someone's .json replaces it as the open
 * document (the autosave slot then holds theirs). Only an own (trusted) document is ever set
 * aside: opening a second link keeps the first backup.
 */
export const BACKUP_KEY = 'retention-notebook:own-document';

export function backUpNotebook(nb: Notebook, storage: Storage | undefined = globalThis.localStorage): boolean {
  try {
    storage?.setItem(BACKUP_KEY, notebookToJson(nb));
    return true;
  } catch {
    return false;
  }
}

export function loadBackedUpNotebook(storage: Storage | undefined = globalThis.localStorage): Notebook | null {
  try {
    const text = storage?.getItem(BACKUP_KEY);
    return text ? readNotebook(text) : null;
  } catch {
    return null;
  }
}

export function clearBackedUpNotebook(storage: Storage | undefined = globalThis.localStorage) {
  try {
    storage?.removeItem(BACKUP_KEY);
  } catch {
    // nothing to do
  }
}
