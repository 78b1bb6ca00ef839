import { hash } from 'node:crypto';
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
   * Replaces the cassette's text. `previous` is what `read` returned just before, under `lock`
   * (undefined when there was none): a store throws `CassetteConflictError` when the stored
   * text is no longer that, rather than overwrite a writer that took no lock.
   */
  write(path: string, text: string, previous: string | undefined): Promise<void>;
  /**
   * Optional: takes an exclusive lock on one cassette, held while a stopping recording reads
   * the cassette again, merges and writes it; resolves to its release function.
   */
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

/** True for the default file store. */
export function isFileStore(store: CassetteStore): boolean {
  return store === fileStore;
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
  // One-shot: creating a Hash object costs about as much as hashing a small cassette.
  return hash('sha256', bytes, 'hex');
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
