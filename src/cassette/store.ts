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
      throw new CassetteConflictError(
        `Cannot save cassette ${path}: it ${current === undefined ? 'was deleted' : 'changed on disk'} while this run was recording it ` +
          '(another process recorded it too?). Nothing was written; run the recordings one at a time and record again.',
        { cassettePath: path },
      );
    }
    await writeFileAtomic(path, text);
  },
  lock: lockForRecording,
};

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}
