import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../internal/atomic-write.js';
import { CassetteConflictError } from './errors.js';
import { lockForRecording } from './lock.js';

/**
 * Where cassette text lives. The default keeps one YAML file per cassette on disk; another
 * store (an in-memory map in tests, a bucket) implements the same two or three methods.
 * The cassette layer owns the format; a store only moves text.
 */
export interface CassetteStore {
  /** The cassette's text, or undefined when there is none. */
  read(path: string): Promise<string | undefined>;
  /**
   * Replaces the cassette's text. `previous` is what `read` returned when the cassette started
   * (undefined when there was none): a store throws `CassetteConflictError` when the stored
   * text is no longer that, rather than overwrite another writer's work.
   */
  write(path: string, text: string, previous: string | undefined): Promise<void>;
  /** Optional: takes an exclusive recording lock; resolves to its release function. */
  lock?(path: string): Promise<() => Promise<void>>;
}

/** The default store: files on disk, written atomically (temp file, then rename), locked while recording. */
export const fileStore: CassetteStore = {
  read: readText,
  async write(path, text, previous) {
    // Compare-on-write: catches a writer that took no lock (another machine, a copy of the repo).
    const current = await readText(path);
    if (current !== previous) {
      throw changedOnDisk(path, current === undefined);
    }
    await writeFileAtomic(path, text);
  },
  lock: lockForRecording,
};

/**
 * The default store for one cassette whose file was read as bytes: it compares the file's
 * sha256 before writing instead of its text, so a running cassette need not keep the text
 * (as a JS string, twice the file's size once one character is not ASCII).
 * `sha256` is what the file held at start; undefined when there was no file.
 */
export function fileStoreExpecting(sha256: string | undefined): CassetteStore {
  const store: CassetteStore = {
    read: readText,
    async write(path, text) {
      const current = await readBytes(path);
      if ((current && sha256Hex(current)) !== sha256) {
        throw changedOnDisk(path, current === undefined);
      }
      await writeFileAtomic(path, text);
    },
    lock: lockForRecording,
  };
  fileStores.add(store);
  return store;
}

const fileStores = new WeakSet<CassetteStore>();

/** True for the default store and the per-cassette ones made from it (`fileStoreExpecting`). */
export function isFileStore(store: CassetteStore): boolean {
  return store === fileStore || fileStores.has(store);
}

/** The file's bytes, or undefined when there is none. */
export async function readBytes(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/** The sha256 of some bytes, in hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function changedOnDisk(path: string, deleted: boolean): CassetteConflictError {
  return new CassetteConflictError(
    `Cannot save cassette ${path}: it ${deleted ? 'was deleted' : 'changed on disk'} while this run was recording it ` +
      '(another process recorded it too?). Nothing was written; run the recordings one at a time and record again.',
    { cassettePath: path },
  );
}

async function readText(path: string): Promise<string | undefined> {
  const bytes = await readBytes(path);
  return bytes?.toString('utf8');
}
