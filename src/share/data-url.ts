/**
 * `?data=URL`: a file fetched over HTTP(S) when the page opens, then loaded like a dropped file.
 * Every failure becomes one plain sentence naming the address: not a URL, not HTTPS, the network /
 * CORS / the page's Content-Security-Policy refused, an HTTP error, or a web page instead of data.
 */
import { t } from '../i18n/t';

export class DataUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataUrlError';
  }
}

/** The `?data=` values of a page URL, in order (the parameter may repeat). */
export function dataUrlsOf(search: string): string[] {
  return new URLSearchParams(search).getAll('data').map((u) => u.trim()).filter(Boolean);
}

/** A short file name for the report, from the URL's last path segment. */
export function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // keep it encoded
  }
  return name || url.hostname || 'data';
}

export async function fetchDataUrl(
  raw: string, pageUrl: string, fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<{ blob: Blob; name: string; url: string }> {
  let url: URL;
  try {
    url = new URL(raw, pageUrl);
  } catch {
    throw new DataUrlError(t('share.data.notAddress', { url: raw }));
  }
  const page = new URL(pageUrl);
  const sameOrigin = url.origin === page.origin;
  if (url.protocol !== 'https:' && !(sameOrigin && url.protocol === 'http:')) {
    throw new DataUrlError(t('share.data.notHttps', { url: url.href }));
  }
  let res: Response;
  try {
    res = await fetchImpl(url.href, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache' });
  } catch {
    throw new DataUrlError(sameOrigin
      ? t('share.data.networkFailed', { url: url.href })
      : t('share.data.blocked', { url: url.href, origin: url.origin }));
  }
  if (!res.ok) {
    // The status as the server sent it (Latin digits, like the code in any documentation).
    const status = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
    const key = res.status === 404 ? 'share.data.httpMissing' : res.status === 401 || res.status === 403 ? 'share.data.httpPrivate' : 'share.data.http';
    throw new DataUrlError(t(key, { url: url.href, status }));
  }
  const type = (res.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('text/html')) {
    throw new DataUrlError(t('share.data.webPage', { url: url.href }));
  }
  return { blob: await res.blob(), name: fileNameOf(url), url: url.href };
}
