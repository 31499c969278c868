/**
 * `?data=URL`: a file fetched over HTTP(S) when the page opens, then loaded like a dropped file.
 * Every failure becomes one plain sentence naming the address: not a URL, not HTTPS, the network /
 * CORS / the page's Content-Security-Policy refused, an HTTP error, or a web page instead of data.
 */
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
    throw new DataUrlError(`“${raw}” is not a web address.`);
  }
  const page = new URL(pageUrl);
  const sameOrigin = url.origin === page.origin;
  if (url.protocol !== 'https:' && !(sameOrigin && url.protocol === 'http:')) {
    throw new DataUrlError(`“${url.href}” is not an HTTPS address: data is only fetched over HTTPS (or from this site).`);
  }
  let res: Response;
  try {
    res = await fetchImpl(url.href, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache' });
  } catch {
    throw new DataUrlError(sameOrigin
      ? `“${url.href}” could not be downloaded: the network request failed (is the site reachable?).`
      : `“${url.href}” could not be downloaded: the request was blocked or failed. Either the server is unreachable, it does not let other sites read the file (CORS: it must answer with Access-Control-Allow-Origin), or this page's Content-Security-Policy does not allow ${url.origin} (connect-src).`);
  }
  if (!res.ok) {
    const hint = res.status === 404 ? ': there is no file at this address' : res.status === 401 || res.status === 403 ? ': the file is not public' : '';
    throw new DataUrlError(`“${url.href}” answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${hint}.`);
  }
  const type = (res.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('text/html')) {
    throw new DataUrlError(`“${url.href}” returned a web page, not a data file (CSV, Parquet or JSON). Link to the file itself (for a shared drive: its direct download link).`);
  }
  return { blob: await res.blob(), name: fileNameOf(url), url: url.href };
}
