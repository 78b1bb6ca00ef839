import { readFile } from 'node:fs/promises';
import { RECORDING_LOCK_TIMING } from '../cassette/defaults.js';
import { isCassetteError } from '../cassette/errors.js';
import { serializeCassette } from '../cassette/format.js';
import { lockForRecording } from '../cassette/lock.js';
import type { CassetteFile } from '../cassette/types.js';
import { writeFileAtomic } from '../internal/atomic-write.js';
import type { LoadedCassette } from './load-cassette.js';
import type { Problem } from './problem.js';

/**
 * Replaces a cassette's content, safely against a test run recording it at the same time: it
 * takes the recording lock, checks the file is still the text the command read, then writes
 * atomically. Resolves to the new text, or to a problem when the file is busy or changed.
 */
export async function rewriteCassette(
  cassette: LoadedCassette,
  file: CassetteFile,
): Promise<{ text: string } | { problem: Problem }> {
  const { path, shown } = cassette;
  let release: () => Promise<void>;
  try {
    // A recording holds the lock only while it writes: a short wait, then the command says so.
    release = await lockForRecording(path, { ...RECORDING_LOCK_TIMING, waitMs: 2_000 });
  } catch (error) {
    if (isCassetteError(error) && error.name === 'CassetteConflictError') {
      return {
        problem: {
          code: 'locked',
          file: shown,
          message: `Cannot rewrite cassette ${shown}: ${error.message}`,
          fix: 'Run the command again once the recording has finished.',
        },
      };
    }
    throw error;
  }
  try {
    if ((await readFile(path, 'utf8')) !== cassette.text) {
      return {
        problem: {
          code: 'locked',
          file: shown,
          message: `Cannot rewrite cassette ${shown}: it changed on disk while the command ran.`,
          fix: 'Run the command again.',
        },
      };
    }
    const text = serializeCassette(file);
    await writeFileAtomic(path, text);
    return { text };
  } finally {
    await release();
  }
}
