import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomicSync } from '../../internal/atomic-write.js';
import { pathKey } from '../../internal/path-key.js';
import { PARSED_CACHE_DIR_ENV_VAR, DEFAULT_PARSED_CACHE_DIR } from '../defaults.js';
import type { InteractionHead } from './interaction-ranges.js';
import { readMemoData, type ReplayMemoData } from './replay-memo.js';
import type { StoredForms } from './replay-forms.js';

// Bump when the reader, the entry's shape, how request hashes are computed or what a replay
// form holds changes: older entries (and the replay memos and forms they hold) are then ignored.
const CACHE_FORMAT = 3;

interface CacheEntry {
  format: number;
  cassettePath: string;
  sha256: string;
  size: number;
  /** The file's stamp (load/file-stamp.ts) when the entry was written, if it had settled by then. */
  stamp?: string;
  /** `[id, hash, recordedAt, method, url, hasBody, start, end]` for each interaction. */
  heads: [string, string, string, string, string, boolean, number, number][];
  /** What replays of these bytes learned (load/replay-memo.ts). */
  memo?: ReplayMemoData;
  /** The replay forms (load/replay-forms.ts) in the bytes after the entry's line: their places and ranges, and the blob's length and sha256. */
  forms?: { ranges: [number, number, number][]; length: number; sha256: string };
}

/**
 * The parsed-form cache of one cassette: the place of each interaction in the file and what
 * lookup needs, so an unchanged file loads without parsing (bench/targets/load.ts compares
 * both with `JSON.parse` of the same data) and each interaction is read when first used. One
 * entry per cassette path under `.spark-cache/parsed-cassettes` (or `SPARK_CASSETTE_CACHE_DIR`),
 * valid only for the file content whose sha256 and size it names. A file that still has the
 * stamp the entry noted (load/file-stamp.ts) is taken to hold those bytes without hashing them
 * again. An unreadable or
 * inconsistent entry counts as absent. On disk: one line of JSON, then the replay forms' bytes
 * (kept out of the JSON so that a load parses none of them).
 */
export interface ParsedCacheEntry {
  /** The file size it was made for: a file of another size is parsed without hashing first. */
  size: number;
  /** The sha256 the entry was made for, when the file still has the stamp it had then. */
  sha256ForStamp(stamp: string | undefined): string | undefined;
  /** The file's stamp the entry noted, if any (a rewrite of the entry may add one). */
  stamp: string | undefined;
  /** The interactions, when the entry is for bytes of this sha256. */
  headsFor(sha256: string): InteractionHead[] | undefined;
  /** The replay memo stored with the entry, if any (valid with `headsFor`'s bytes only). */
  memo: ReplayMemoData | undefined;
  /** The replay forms stored with the entry, if any (valid with `headsFor`'s bytes only). */
  forms: StoredForms | undefined;
}

/** The cache entry of a cassette, if there is a well-formed one (read at once: it is small). */
export function readParsedCache(cassettePath: string): ParsedCacheEntry | undefined {
  let entry: CacheEntry;
  let rest: Buffer;
  try {
    const bytes = readFileSync(entryPath(cassettePath));
    const newline = bytes.indexOf(10);
    entry = JSON.parse(bytes.toString('utf8', 0, newline === -1 ? bytes.length : newline)) as CacheEntry;
    rest = bytes.subarray(newline === -1 ? bytes.length : newline + 1);
  } catch {
    return undefined;
  }
  const valid =
    entry?.format === CACHE_FORMAT &&
    Number.isInteger(entry.size) &&
    typeof entry.sha256 === 'string' &&
    (entry.stamp === undefined || typeof entry.stamp === 'string') &&
    entry.cassettePath === resolve(cassettePath) &&
    Array.isArray(entry.heads);
  return valid
    ? {
        size: entry.size,
        sha256ForStamp: (stamp) => (stamp !== undefined && stamp === entry.stamp ? entry.sha256 : undefined),
        stamp: entry.stamp,
        headsFor: (sha256) => (sha256 === entry.sha256 ? heads(entry.heads, entry.size) : undefined),
        memo: readMemoData(entry.memo),
        forms: storedForms(entry.forms, rest, entry.heads.length),
      }
    : undefined;
}

/**
 * Writes the cache entry of a cassette (at `stop()`, with what the replay learned), on the
 * calling thread: it is small. Failures only cost the next load time.
 */
export function writeParsedCache(
  cassettePath: string,
  sha256: string,
  size: number,
  heads: readonly InteractionHead[],
  memo?: ReplayMemoData,
  forms?: StoredForms,
  stamp?: string,
): void {
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    cassettePath: resolve(cassettePath),
    sha256,
    size,
    ...(stamp === undefined ? {} : { stamp }),
    heads: heads.map((h) => [h.id, h.hash, h.recordedAt, h.method, h.url, h.hasBody, h.start, h.end]),
    ...(memo ? { memo } : {}),
    ...(forms && forms.ranges.length > 0
      ? { forms: { ranges: forms.ranges, length: forms.blob.length, sha256: sha256Of(forms.blob) } }
      : {}),
  };
  const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
  const data = entry.forms && forms ? Buffer.concat([line, forms.blob]) : line;
  try {
    writeFileAtomicSync(entryPath(cassettePath), data);
  } catch {
    // A cache that cannot be written is only a slower next load.
  }
}

// The forms, when the bytes after the entry's line are whole (their length and sha256 as
// written) and every range lies in them, for a recording of the file; else none.
function storedForms(forms: CacheEntry['forms'], blob: Buffer, count: number): StoredForms | undefined {
  if (
    typeof forms !== 'object' ||
    forms === null ||
    forms.length !== blob.length ||
    !Array.isArray(forms.ranges) ||
    sha256Of(blob) !== forms.sha256
  ) {
    return undefined;
  }
  const fits = forms.ranges.every(
    (range) =>
      Array.isArray(range) &&
      range.length === 3 &&
      range.every((n) => Number.isInteger(n)) &&
      range[0] >= 0 &&
      range[0] < count &&
      range[1] >= 0 &&
      range[1] <= range[2] &&
      range[2] <= blob.length,
  );
  return fits ? { blob, ranges: forms.ranges } : undefined;
}

function sha256Of(bytes: Buffer): string {
  return hash('sha256', bytes, 'hex');
}

function entryPath(cassettePath: string): string {
  const dir = resolve(process.env[PARSED_CACHE_DIR_ENV_VAR] || DEFAULT_PARSED_CACHE_DIR);
  return join(dir, `${pathKey(cassettePath, 32)}.json`);
}

// The heads, if they tile the file from the first item to its end, in order.
function heads(rows: unknown[], size: number): InteractionHead[] | undefined {
  const out: InteractionHead[] = [];
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== 8) {
      return undefined;
    }
    const [id, hash, recordedAt, method, url, hasBody, start, end] = row as unknown[];
    const previous = out.at(-1);
    const fits =
      [id, hash, recordedAt, method, url].every((field) => typeof field === 'string') &&
      typeof hasBody === 'boolean' &&
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      (start as number) < (end as number) &&
      (previous ? previous.end === start : (start as number) > 0);
    if (!fits) {
      return undefined;
    }
    out.push({
      id: id as string,
      hash: hash as string,
      recordedAt: recordedAt as string,
      method: method as string,
      url: url as string,
      hasBody,
      start: start as number,
      end: end as number,
    });
  }
  return out.length === 0 || out.at(-1)?.end === size ? out : undefined;
}
