/**
 * Share links: the notebook document (cells, parameters, personas, goals — never data rows)
 * as JSON, deflated with fflate and written as base64url after `#nb=` in the URL's hash. The hash
 * is never sent to a server, so even the host that serves the app does not see the notebook.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { Notebook } from '../notebook/document';
import { readNotebook, NotebookFormatError } from '../notebook/serialise';
import { t } from '../i18n/t';

/** The hash prefix of a share link. */
export const LINK_PREFIX = '#nb=';
/** Above this many bytes a link may be cut by chat apps, mail clients or servers: warn, offer the .json file. */
export const LINK_WARN_BYTES = 8192;

export class ShareLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new ShareLinkError(t('share.link.garbledChars'));
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The hash (`#nb=…`) that reopens `nb`. Compact JSON (no indentation), maximum compression. */
export function notebookToHash(nb: Notebook): string {
  return LINK_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(nb)), { level: 9 }));
}

/** Whether a location hash is a share link. */
export const isShareHash = (hash: string) => hash.startsWith(LINK_PREFIX);

/**
 * The notebook in a share link's hash (with or without the leading `#`), checked like a file.
 * Throws ShareLinkError saying what is wrong: not a share link, cut off or garbled, not a notebook.
 */
export function notebookFromHash(hash: string): Notebook {
  const h = hash.startsWith('#') ? hash : `#${hash}`;
  if (!isShareHash(h)) throw new ShareLinkError(t('share.link.notLink'));
  let text: string;
  try {
    // Some chat apps percent-encode or append characters; decodeURIComponent undoes the former.
    const payload = decodeURIComponent(h.slice(LINK_PREFIX.length)).trim();
    if (!payload) throw new ShareLinkError(t('share.link.empty'));
    text = strFromU8(inflateSync(fromBase64Url(payload)));
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError(t('share.link.incomplete'));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ShareLinkError(t('share.link.unreadable'));
  }
  try {
    return readNotebook(parsed);
  } catch (e) {
    throw new ShareLinkError(e instanceof NotebookFormatError ? t('share.link.doesNotOpen', { reason: e.message }) : String(e));
  }
}

/** A full share URL for `nb` from the page's current URL (query — e.g. ?data= — kept, old hash replaced). */
export function shareUrl(nb: Notebook, pageUrl: string): string {
  const u = new URL(pageUrl);
  u.hash = '';
  return u.href.replace(/#$/, '') + notebookToHash(nb);
}

/** Bytes of a link as it would be sent (UTF-8). */
export const linkBytes = (url: string) => new TextEncoder().encode(url).length;
