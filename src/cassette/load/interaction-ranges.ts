import type { CassetteFile } from '../types.js';

/** Where one interaction sits in a cassette file's bytes, with what lookup needs up front. */
export interface InteractionHead {
  id: string;
  hash: string;
  recordedAt: string;
  method: string;
  url: string;
  /** Whether the request has a body. */
  hasBody: boolean;
  /** Byte offset of its `  - ` line. */
  start: number;
  /** Byte offset just past its last line. */
  end: number;
}

const ITEM = Buffer.from('\n  -');
const HEADER = Buffer.from('\ninteractions:\n');

/**
 * The byte range of each interaction in a file `serializeCassette` wrote and the subset reader
 * read: `interactions` is the last key, and the only lines starting with exactly `  - ` (or
 * `  -`) are its items, all else being indented further. Undefined for any other layout.
 */
export function interactionHeads(bytes: Buffer, file: CassetteFile): InteractionHead[] | undefined {
  const keys = Object.keys(file);
  const header = bytes.indexOf(HEADER);
  if (keys.at(-1) !== 'interactions' || header === -1) {
    return undefined;
  }
  const starts: number[] = [];
  for (let at = bytes.indexOf(ITEM, header + 1); at !== -1; at = bytes.indexOf(ITEM, at + ITEM.length)) {
    const after = bytes[at + ITEM.length];
    if (after === 0x20 || after === 0x0a) {
      starts.push(at + 1);
    }
  }
  const { interactions } = file;
  if (starts.length !== interactions.length || (starts.length > 0 && starts[0] !== header + HEADER.length)) {
    return undefined;
  }
  return interactions.map(({ id, hash, recordedAt, request }, i) => ({
    id,
    hash,
    recordedAt,
    method: request.method,
    url: request.url,
    hasBody: request.body !== undefined,
    start: starts[i] as number,
    end: starts[i + 1] ?? bytes.length,
  }));
}

/**
 * Whether heads from a cache entry fit `bytes`: the first one starts right after
 * `interactions:` and each one at an item line. (The entry names the bytes' sha256, so this
 * only guards against an entry edited by hand; one that still slips through makes the
 * interaction's first read fail with `CassetteFormatError`.)
 */
export function headsFit(bytes: Buffer, heads: readonly InteractionHead[]): boolean {
  const header = bytes.indexOf(HEADER);
  if (header === -1 || heads.length === 0 || heads[0]?.start !== header + HEADER.length) {
    return false;
  }
  return heads.every(
    ({ start }) => bytes[start - 1] === 0x0a && bytes.subarray(start, start + 3).equals(ITEM.subarray(1)),
  );
}
