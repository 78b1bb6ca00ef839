import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';
import { CassetteConflictError } from './errors.js';

interface LockOwner {
  pid: number;
  /** The worker thread, since vitest's `threads` pool runs workers in one process; 0 for the main thread. */
  threadId: number;
  hostname: string;
  startedAt: string;
}

// Lock files this thread holds: one of ours found on disk but not here is left from a crash.
const held = new Set<string>();

/**
 * Takes `<cassette>.lock` for a recording, so a second process recording the same cassette
 * fails with `CassetteConflictError` instead of silently merging. A lock whose process is gone
 * (a crash, a kill) is taken over. Resolves to the function that releases it.
 */
export async function lockForRecording(cassettePath: string): Promise<() => Promise<void>> {
  const lockPath = `${cassettePath}.lock`;
  await mkdir(dirname(lockPath), { recursive: true });
  // Two tries: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await tryCreate(lockPath)) {
      held.add(lockPath);
      return async () => {
        held.delete(lockPath);
        await rm(lockPath, { force: true });
      };
    }
    const owner = await readOwner(lockPath);
    const orphan = owner?.pid === process.pid && owner.threadId === threadId && !held.has(lockPath);
    if (owner && isAlive(owner) && !orphan) {
      throw conflict(cassettePath, lockPath, owner);
    }
    await rm(lockPath, { force: true });
  }
  throw conflict(cassettePath, lockPath, await readOwner(lockPath));
}

// The lock file appears whole or not at all: its content is written to a file of its own, then
// linked in place, which fails if the lock exists. Created empty and written after, another
// process could read it in between, find no owner and take it over.
async function tryCreate(lockPath: string): Promise<boolean> {
  const owner: LockOwner = { pid: process.pid, threadId, hostname: hostname(), startedAt: new Date().toISOString() };
  const temp = `${lockPath}.${process.pid}-${threadId}-${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, JSON.stringify(owner));
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

function conflict(cassettePath: string, lockPath: string, owner: LockOwner | undefined): CassetteConflictError {
  const who = owner
    ? `process ${owner.pid} on ${owner.hostname} has been recording it since ${owner.startedAt}`
    : 'another process is recording it';
  return new CassetteConflictError(
    `Cannot record cassette ${cassettePath}: ${who} (lock file ${lockPath}). ` +
      'Record a cassette in one process at a time; if that process is gone, delete the lock file.',
    { cassettePath, pid: owner?.pid },
  );
}

async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string'
      ? {
          pid: owner.pid,
          threadId: typeof owner.threadId === 'number' ? owner.threadId : 0,
          hostname: owner.hostname,
          startedAt: String(owner.startedAt),
        }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) {
    // Another machine's process cannot be checked from here: assume it is alive.
    return true;
  }
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
