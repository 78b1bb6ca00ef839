import { acquireFileLock, describeOwner, FileLockBusyError, type FileLockTiming } from '../internal/file-lock.js';
import { RECORDING_LOCK_TIMING } from './defaults.js';
import { CassetteConflictError } from './errors.js';

/**
 * Takes `<cassette>.lock` while a cassette file is read, merged and written (at a recording's
 * `stop()`, and by the CLI's rewrites), so that two writers never both read the same file and
 * then write over each other. The owner is the process, its thread and a random token, so
 * threads of one process (vitest's `threads` pool) exclude each other too. A lock whose holder
 * is gone is taken over; a live one is waited for, then `CassetteConflictError`.
 * Resolves to the function that releases it.
 */
export async function lockForRecording(
  cassettePath: string,
  timing: FileLockTiming = RECORDING_LOCK_TIMING,
): Promise<() => Promise<void>> {
  try {
    return await acquireFileLock(`${cassettePath}.lock`, timing);
  } catch (error) {
    if (!(error instanceof FileLockBusyError)) {
      throw error;
    }
    const who = error.owner ? describeOwner(error.owner) : 'another writer';
    throw new CassetteConflictError(
      `Cannot record cassette ${cassettePath}: ${who} still holds its lock file ${error.lockPath} after ${timing.waitMs} ms. ` +
        'Nothing was written. If that process is stuck or gone, delete the lock file and record again; otherwise let it finish first.',
      { cassettePath, pid: error.owner?.pid },
    );
  }
}
