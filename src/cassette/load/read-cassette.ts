import { webcrypto } from 'node:crypto';
import { PARSED_CACHE_MIN_BYTES } from '../defaults.js';
import { parseCassette, parseCassetteBytes } from '../format.js';
import { headsFit, interactionHeads } from './interaction-ranges.js';
import { lazyInteractions } from './lazy-interactions.js';
import { fileStampOf, readStampedBytes, type StampedBytes } from './file-stamp.js';
import { CassetteConflictError } from '../errors.js';
import { readParsedCache, writeParsedCache, type ParsedCacheEntry } from './parsed-cache.js';
import { ReplayForms, type StoredForms } from './replay-forms.js';
import { ReplayMemo, type ReplayMemoData } from './replay-memo.js';
import type { InteractionHead } from './interaction-ranges.js';
import { fileStore, sha256Hex, type CassetteStore } from '../store.js';
import type { CassetteFile } from '../types.js';

/** A cassette as `startCassette` found it. */
export interface ReadCassette {
  exists: boolean;
  /** The file's content; undefined when there is none, or when it is not needed (`skipParse`). */
  file: CassetteFile | undefined;
  /** The store to write through at `stop()`, and the text it read (stores other than the file store). */
  store: CassetteStore;
  previousText: string | undefined;
  /** sha256 of the file's bytes, when read through the default store. */
  sha256: string | undefined;
  /**
   * What earlier replays of these bytes learned, for a file large enough to have a parsed-form
   * cache entry (load/replay-memo.ts, load/replay-forms.ts); `save` (at `stop()`) writes the
   * entry when this run added to them or the cache had none for these bytes.
   */
  memo?: { memo: ReplayMemo; forms: ReplayForms; save: () => void } | undefined;
}

/**
 * Reads a cassette for `startCassette`. With the default store the file is read as bytes
 * (bench/targets/load.ts loads a large one); their sha256 names the parsed-form cache
 * entry that a later load of the same bytes uses instead of parsing, and a stopping recording
 * compares that hash, not the text, to tell whether another writer changed the file. `skipParse` (record mode, which replaces the file)
 * only finds out whether it exists. `rules` (`rulesKey`) picks the replay memo learned under
 * the same matching rules.
 * Throws `CassetteFormatError` for a broken file.
 */
export async function readCassette(
  path: string,
  store: CassetteStore | undefined,
  skipParse: boolean,
  rules = '[]',
): Promise<ReadCassette> {
  if (store !== undefined && store !== fileStore) {
    const text = await store.read(path);
    const file = text === undefined || skipParse ? undefined : parseCassette(text, path);
    return { exists: text !== undefined, file, store, previousText: text, sha256: undefined };
  }
  if (skipParse) {
    const read = readStampedBytes(path);
    const sha256 = read && sha256Hex(read.bytes);
    return { exists: read !== undefined, file: undefined, store: fileStore, previousText: undefined, sha256 };
  }
  const loaded = unchangedSinceCached(path) ?? (await fromFile(path));
  if (loaded === undefined) {
    return { exists: false, file: undefined, store: fileStore, previousText: undefined, sha256: undefined };
  }
  const { file, sha256, heads, memo, forms, unsaved, size, stamp } = loaded;
  if (!heads) {
    return { exists: true, file, store: fileStore, previousText: undefined, sha256 };
  }
  const replayMemo = new ReplayMemo(rules, memo);
  const replayForms = new ReplayForms(forms);
  // Written once, at stop(), with what the replay learned: a first replay (no entry, or one
  // for other bytes, as on every clean checkout) writes it then rather than twice.
  const save = (): void => {
    if (replayMemo.changed || replayForms.changed || unsaved) {
      // Request texts kept: two per recording, and a few more for a small file.
      const texts = 2 * heads.length + MEMO_EXTRA_TEXTS;
      const data = replayMemo.toData(texts);
      writeParsedCache(path, sha256, size, heads, data, replayForms.toStored(), stamp);
    }
  };
  return {
    exists: true,
    file,
    store: fileStore,
    previousText: undefined,
    sha256,
    memo: { memo: replayMemo, forms: replayForms, save },
  };
}

/**
 * A file that still has the stamp its cache entry noted, loaded from the entry alone: its
 * bytes are read only if an interaction is read from them (a warm replay reads none: the memo
 * matches its requests and the replay forms answer them), and then must still be those bytes.
 */
function unchangedSinceCached(path: string): Loaded | undefined {
  const stat = fileStampOf(path);
  const entry = stat?.stamp === undefined || stat.size < PARSED_CACHE_MIN_BYTES ? undefined : readParsedCache(path);
  const sha256 = entry?.size === stat?.size ? entry?.sha256ForStamp(stat?.stamp) : undefined;
  const heads = sha256 === undefined ? undefined : entry?.headsFor(sha256);
  if (!stat?.stamp || !entry || sha256 === undefined || !heads) {
    return undefined;
  }
  const { stamp } = stat;
  const bytes = (): Buffer => {
    const now = readStampedBytes(path);
    // Touched but the same (rewritten with the same content, checked out again) still serves.
    if (now === undefined || (now.stamp !== stamp && sha256Hex(now.bytes) !== sha256)) {
      throw new CassetteConflictError(
        `Cannot read cassette ${path}: it changed on disk while it replayed (recorded again, or checked out?). ` +
          'Run the test again: it then replays the file as it is now.',
        { cassettePath: path },
      );
    }
    return now.bytes;
  };
  return { ...fromEntry(entry, sha256, heads, bytes, path), size: stat.size, stamp };
}

const MEMO_EXTRA_TEXTS = 64;

interface FromBytes {
  file: CassetteFile;
  sha256: string;
  /** The file's parsed-form cache heads, when it has an entry now. */
  heads?: InteractionHead[] | undefined;
  memo?: ReplayMemoData | undefined;
  forms?: StoredForms | undefined;
  /** The cache has no entry for these bytes (or one without their settled stamp): `save` writes it. */
  unsaved?: boolean;
}

/** The file as `readCassette` loaded it: what it read, and the size and stamp the cache entry is for. */
interface Loaded extends FromBytes {
  size: number;
  stamp: string | undefined;
}

async function fromFile(path: string): Promise<Loaded | undefined> {
  const read = readStampedBytes(path);
  return read && { ...(await fromBytes(path, read)), size: read.bytes.length, stamp: read.stamp };
}

// The interactions an entry knows, read from the bytes (or the function that reads them) when first touched.
function fromEntry(
  entry: ParsedCacheEntry,
  sha256: string,
  heads: InteractionHead[],
  bytes: Buffer | (() => Buffer),
  path: string,
): FromBytes {
  return {
    file: { version: 1, interactions: lazyInteractions(bytes, heads, path) },
    sha256,
    heads,
    memo: entry.memo,
    forms: entry.forms,
  };
}

async function fromBytes(path: string, { bytes, stamp }: StampedBytes): Promise<FromBytes> {
  if (bytes.length < PARSED_CACHE_MIN_BYTES) {
    return { file: parseCassetteBytes(bytes, path, { deferJson: true }), sha256: sha256Hex(bytes) };
  }
  const entry = readParsedCache(path);
  if (entry?.size === bytes.length) {
    // Likely unchanged: the stamp tells at once; else hashing is the quickest way to know.
    const sha256 = entry.sha256ForStamp(stamp) ?? sha256Hex(bytes);
    const heads = entry.headsFor(sha256);
    if (heads && headsFit(bytes, heads)) {
      return {
        ...fromEntry(entry, sha256, heads, bytes, path),
        unsaved: stamp !== undefined && stamp !== entry.stamp,
      };
    }
    return { ...parse(path, bytes), sha256 };
  }
  // Changed or new: the hash, needed for the next load, is computed on the thread pool while
  // the main thread parses (webcrypto; createHash would add its time to the parse).
  const digest = webcrypto.subtle.digest('SHA-256', bytes).then((hash) => Buffer.from(hash).toString('hex'));
  return { ...parse(path, bytes), sha256: await digest };
}

// A parse with no usable cache entry: the heads, for an entry `save` writes at stop().
function parse(path: string, bytes: Buffer): { file: CassetteFile; heads?: InteractionHead[]; unsaved?: true } {
  const file = parseCassetteBytes(bytes, path, { deferJson: true });
  const heads = interactionHeads(bytes, file);
  return heads && heads.length > 0 ? { file, heads, unsaved: true } : { file };
}
