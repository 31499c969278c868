/**
 * A tiny static file server for the built app (`dist/`), for the report command's `--html`:
 * 127.0.0.1 only, a random free port, GET/HEAD of files under the root only (no listing, no
 * path outside it, no symlink escapes). Every request is counted, so the caller can say what the
 * page asked for.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.png': 'image/png', '.ico': 'image/x-icon', '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  origin: string;
  /** how many requests were answered (any status) */
  requests: () => number;
  close: () => Promise<void>;
}

/** Serves the files under `root` on 127.0.0.1 at a random port. */
export async function serveDir(root: string): Promise<StaticServer> {
  const base = await realpath(resolve(root));
  let count = 0;
  const server: Server = createServer(async (req, res) => {
    count++;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    try {
      const file = await realpath(join(base, rel));
      if (file !== base && !file.startsWith(base + sep)) throw new Error('outside');
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a file');
      res.writeHead(200, {
        'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': String(s.size), 'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the static server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests: () => count,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections?.();
      server.close(() => done());
    }),
  };
}
