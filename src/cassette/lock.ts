import { open, readFile, rm, mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { CassetteConflictError } from './errors.js';

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

// Lock files this process holds: one of ours found on disk but not here is left from a crash.
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
    const orphan = owner?.pid === process.pid && !held.has(lockPath);
    if (owner && isAlive(owner) && !orphan) {
      throw conflict(cassettePath, lockPath, owner);
    }
    await rm(lockPath, { force: true });
  }
  throw conflict(cassettePath, lockPath, await readOwner(lockPath));
}

async function tryCreate(lockPath: string): Promise<boolean> {
  try {
    const handle = await open(lockPath, 'wx');
    const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
    await handle.writeFile(JSON.stringify(owner));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
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
      ? { pid: owner.pid, hostname: owner.hostname, startedAt: String(owner.startedAt) }
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
