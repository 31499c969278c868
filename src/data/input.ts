import type { FileSource } from '../engine/engine';

/**
 * A file the user brought, independent of where it came from (a dropped `File`, a `?data=` URL's
 * bytes, a path in Node). `head` reads the first bytes for sniffing without reading the rest.
 */
export interface InputFile {
  name: string;
  size: number;
  head(bytes: number): Promise<Uint8Array>;
  all(): Promise<Uint8Array>;
  source: FileSource;
}

export function inputFromBlob(file: Blob, name: string): InputFile {
  return {
    name,
    size: file.size,
    head: async (n) => new Uint8Array(await file.slice(0, n).arrayBuffer()),
    all: async () => new Uint8Array(await file.arrayBuffer()),
    source: { kind: 'file', file },
  };
}

export function inputFromBytes(bytes: Uint8Array, name: string): InputFile {
  return {
    name,
    size: bytes.byteLength,
    head: async (n) => bytes.subarray(0, n),
    all: async () => bytes,
    source: { kind: 'bytes', bytes },
  };
}
