/**
 * The page's network fence. index.html's Content-Security-Policy allows `connect-src` to 'self'
 * and to HTTPS (so a `?data=` file on another site can be fetched at all); before anything runs,
 * this adds a second, narrower policy: 'self' plus exactly the origins of this page's `?data=`
 * addresses. A request must satisfy every policy of the page, so the effective fence is that list:
 * without `?data=` nothing but the app's own site is reachable — not by the app, not by SQL in the
 * DuckDB worker (a blob: worker inherits the page's policies).
 */
import { dataUrlsOf } from './data-url';

/** The HTTPS origins a page's `?data=` parameters name (others are refused by fetchDataUrl anyway). */
export function dataOrigins(search: string, pageUrl: string): string[] {
  const out = new Set<string>();
  const own = new URL(pageUrl).origin; // covered by 'self'
  for (const raw of dataUrlsOf(search)) {
    try {
      const u = new URL(raw, pageUrl);
      if (u.protocol === 'https:' && u.origin !== own) out.add(u.origin);
    } catch {
      // not an address: fetchDataUrl says so
    }
  }
  return [...out];
}

/** The narrower policy's text. */
export function connectPolicy(origins: readonly string[]): string {
  return `connect-src 'self' blob: data:${origins.map((o) => ` ${o}`).join('')}`;
}

/** Adds the narrower policy to the document's head (call before any request is made). */
export function fenceConnections(doc: Document, search: string, pageUrl: string): string {
  const policy = connectPolicy(dataOrigins(search, pageUrl));
  const meta = doc.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = policy;
  doc.head.prepend(meta);
  return policy;
}
