import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../internal/atomic-write.js';
import { PARSED_CACHE_DIR_ENV_VAR, DEFAULT_PARSED_CACHE_DIR } from '../defaults.js';
import type { InteractionHead } from './interaction-ranges.js';
import { readMemoData, type ReplayMemoData } from './replay-memo.js';

// Bump when the reader, the entry's shape or how request hashes are computed changes: older
// entries (and the replay memos they hold) are then ignored.
const CACHE_FORMAT = 2;

interface CacheEntry {
  format: number;
  cassettePath: string;
  sha256: string;
  size: number;
  /** `[id, hash, recordedAt, method, url, hasBody, start, end]` for each interaction. */
  heads: [string, string, string, string, string, boolean, number, number][];
  /** What replays of these bytes learned (load/replay-memo.ts). */
  memo?: ReplayMemoData;
}

/**
 * The parsed-form cache of one cassette: the place of each interaction in the file and what
 * lookup needs, so an unchanged file loads without parsing (bench/targets/load.ts compares
 * both with `JSON.parse` of the same data) and each interaction is read when first used. One
 * entry per cassette path under `.spark-cache/parsed-cassettes` (or `SPARK_CASSETTE_CACHE_DIR`),
 * valid only for the file content whose sha256 and size it names. An unreadable or
 * inconsistent entry counts as absent.
 */
export interface ParsedCacheEntry {
  /** The file size it was made for: a file of another size is parsed without hashing first. */
  size: number;
  /** The interactions, when the entry is for bytes of this sha256. */
  headsFor(sha256: string): InteractionHead[] | undefined;
  /** The replay memo stored with the entry, if any (valid with `headsFor`'s bytes only). */
  memo: ReplayMemoData | undefined;
}

/** The cache entry of a cassette, if there is a well-formed one. */
export async function readParsedCache(cassettePath: string): Promise<ParsedCacheEntry | undefined> {
  let entry: CacheEntry;
  try {
    entry = JSON.parse(await readFile(entryPath(cassettePath), 'utf8')) as CacheEntry;
  } catch {
    return undefined;
  }
  const valid =
    entry?.format === CACHE_FORMAT &&
    Number.isInteger(entry.size) &&
    typeof entry.sha256 === 'string' &&
    entry.cassettePath === resolve(cassettePath) &&
    Array.isArray(entry.heads);
  return valid
    ? {
        size: entry.size,
        headsFor: (sha256) => (sha256 === entry.sha256 ? heads(entry.heads, entry.size) : undefined),
        memo: readMemoData(entry.memo),
      }
    : undefined;
}

/** Writes the cache entry of a cassette (just parsed, or with a new memo); failures only cost the next load time. */
export async function writeParsedCache(
  cassettePath: string,
  sha256: string,
  size: number,
  heads: readonly InteractionHead[],
  memo?: ReplayMemoData,
): Promise<void> {
  const entry: CacheEntry = {
    format: CACHE_FORMAT,
    cassettePath: resolve(cassettePath),
    sha256,
    size,
    heads: heads.map((h) => [h.id, h.hash, h.recordedAt, h.method, h.url, h.hasBody, h.start, h.end]),
    ...(memo ? { memo } : {}),
  };
  await writeFileAtomic(entryPath(cassettePath), JSON.stringify(entry)).catch(() => undefined);
}

function entryPath(cassettePath: string): string {
  const dir = resolve(process.env[PARSED_CACHE_DIR_ENV_VAR] || DEFAULT_PARSED_CACHE_DIR);
  const name = createHash('sha256').update(resolve(cassettePath)).digest('hex').slice(0, 32);
  return join(dir, `${name}.json`);
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
