import { openSync, readSync, closeSync, statSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { InputFile } from './input';

/** A file on disk (tests, the report command); DuckDB reads it from the file system itself. */
export function inputFromPath(path: string): InputFile {
  const abs = resolve(path);
  return {
    name: basename(abs),
    size: statSync(abs).size,
    async head(n) {
      const fd = openSync(abs, 'r');
      try {
        const buf = new Uint8Array(Math.min(n, statSync(abs).size));
        readSync(fd, buf, 0, buf.length, 0);
        return buf;
      } finally {
        closeSync(fd);
      }
    },
    all: async () => new Uint8Array(readFileSync(abs)),
    source: { kind: 'path', path: abs },
  };
}
