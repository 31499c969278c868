/**
 * Text encoding of a file from its first bytes. Shop systems in Iran and the Arab world still
 * write Windows-1256; old Excel/European tools write Windows-1252; Excel's "Unicode text" is
 * UTF-16LE. DuckDB's `read_csv` only reads UTF-8 (and UTF-16/Latin-1), so anything else is
 * transcoded with `decodeText` before loading.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256' | 'windows-1252';

export interface EncodingGuess {
  encoding: TextEncoding;
  /** Length in bytes of the byte-order mark at the start (0 when none). */
  bom: number;
}

export interface DetectEncodingOptions {
  /** `head` is the whole file: a multi-byte character cut at its end is then an error, not a slice artefact. */
  isWholeFile?: boolean;
}

/** Bytes of a UTF-8 head slice that end inside a multi-byte character (0–3). */
function incompleteTail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(4, b.length); back++) {
    const byte = b[b.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** BOM-less UTF-16: most odd (LE) or even (BE) bytes are NUL while the others are not. */
function utf16WithoutBom(b: Uint8Array): TextEncoding | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0, oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul > half * 0.6 && evenNul < half * 0.1) return 'utf-16le';
  if (evenNul > half * 0.6 && oddNul < half * 0.1) return 'utf-16be';
  return null;
}

/** cp1256 bytes that are Arabic-script letters (incl. Persian پ چ ژ گ ک and Urdu letters). */
function isArabicLetter1256(byte: number): boolean {
  if (byte >= 0xc1 && byte <= 0xdf) return byte !== 0xd7 && byte !== 0xdc; // ء…ك except × and tatweel
  return [0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x98, 0x9a, 0x9f, 0xaa, 0xc0, 0xe1, 0xe3, 0xe4, 0xe5, 0xe6, 0xec, 0xed, 0xff].includes(byte);
}

/**
 * Windows-1256 when most high bytes sit in runs of 3+ Arabic letters (Arabic words); a Latin
 * text in cp1252 has isolated high bytes (é, ü, ß) between ASCII letters.
 */
function looksArabic1256(b: Uint8Array): boolean {
  let high = 0, inWords = 0, run = 0;
  const flush = () => {
    if (run >= 3) inWords += run;
    run = 0;
  };
  for (let i = 0; i < b.length; i++) {
    const byte = b[i];
    if (byte >= 0x80) high++;
    if (byte >= 0x80 && isArabicLetter1256(byte)) run++;
    else flush();
  }
  flush();
  return high > 0 && inWords / high >= 0.5;
}

/**
 * The encoding of a file from its first bytes (64 KiB is plenty): BOM first, then BOM-less
 * UTF-16, then strict UTF-8 (ignoring a character cut by the end of the slice), then
 * Windows-1256 when the high bytes look like Arabic-script words, else Windows-1252.
 */
export function detectEncoding(head: Uint8Array, options: DetectEncodingOptions = {}): EncodingGuess {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bom: 0 };
  const body = options.isWholeFile ? head : head.subarray(0, head.length - incompleteTail(head));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: looksArabic1256(head) ? 'windows-1256' : 'windows-1252', bom: 0 };
  }
}

/**
 * Bytes → string. The BOM, if any, is dropped. Invalid sequences become U+FFFD (never throws).
 * A multi-byte character cut at the end of a head slice decodes to U+FFFD at the very end.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  const text = new TextDecoder(encoding).decode(bytes);
  return encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80] || c) : text;
}

/** cp1252 bytes 0x80–0x9F. Node's TextDecoder decodes "windows-1252" as ISO-8859-1 there (C1 controls),
 *  browsers follow the Encoding Standard; mapping afterwards gives the same text in both. */
const CP1252_C1 = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];

/** `decodeText` for a head slice: leaves out a UTF-8/UTF-16 character cut by the slice end. */
export function decodeHead(head: Uint8Array, encoding: TextEncoding): string {
  let end = head.length;
  if (encoding === 'utf-8') end -= incompleteTail(head);
  else if (encoding === 'utf-16le' || encoding === 'utf-16be') end &= ~1;
  return decodeText(head.subarray(0, end), encoding);
}
