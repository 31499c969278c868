import { describe, expect, it } from 'vitest';
import { DataUrlError, dataUrlsOf, fetchDataUrl, fileNameOf } from '../../src/share/data-url';

const page = 'https://app.example.org/retention/?data=x';
const respond = (body: string, init: ResponseInit = {}) => (async () => new Response(body, init)) as unknown as typeof fetch;

describe('?data= URLs', () => {
  it('reads every data parameter in order', () => {
    expect(dataUrlsOf('?data=https%3A%2F%2Fa.org%2Fo.csv&sample=0&data=c.parquet&data=')).toEqual(['https://a.org/o.csv', 'c.parquet']);
    expect(dataUrlsOf('')).toEqual([]);
  });

  it('names the file after the last path segment', () => {
    expect(fileNameOf(new URL('https://a.org/x/orders%202024.csv?token=1'))).toBe('orders 2024.csv');
    expect(fileNameOf(new URL('https://a.org/'))).toBe('a.org');
  });

  it('fetches a file, relative addresses against the page', async () => {
    let asked = '';
    const f = (async (u: string) => { asked = u; return new Response('a,b\n1,2\n', { headers: { 'content-type': 'text/csv' } }); }) as unknown as typeof fetch;
    const r = await fetchDataUrl('data/orders.csv', page, f);
    expect(asked).toBe('https://app.example.org/retention/data/orders.csv');
    expect(r.name).toBe('orders.csv');
    expect(await r.blob.text()).toBe('a,b\n1,2\n');
  });

  it('says what went wrong', async () => {
    await expect(fetchDataUrl('http://other.org/o.csv', page, respond(''))).rejects.toThrow(/not an HTTPS address/);
    await expect(fetchDataUrl('https://a.org/missing.csv', page, respond('no', { status: 404, statusText: 'Not Found' }))).rejects.toThrow(/HTTP 404 Not Found: there is no file/);
    await expect(fetchDataUrl('https://a.org/p.csv', page, respond('no', { status: 403 }))).rejects.toThrow(/HTTP 403: the file is not public/);
    const offline = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    await expect(fetchDataUrl('https://a.org/o.csv', page, offline)).rejects.toThrow(/CORS.*Access-Control-Allow-Origin/);
    await expect(fetchDataUrl('https://a.org/o.csv', page, offline)).rejects.toBeInstanceOf(DataUrlError);
    await expect(fetchDataUrl('https://a.org/share', page, respond('<html>', { headers: { 'content-type': 'text/html; charset=utf-8' } }))).rejects.toThrow(/web page, not a data file/);
    await expect(fetchDataUrl('https://[bad', page, respond(''))).rejects.toThrow(/not a web address/);
  });
});
