import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { link, mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';
import { sleep } from './sleep.js';

/** Who holds a lock file: a process, one of its threads, and a token for this one taking. */
export interface LockOwner {
  pid: number;
  /** `worker_threads.threadId`: vitest's `threads` pool runs every worker in one process. */
  threadId?: number;
  /** Random per taking: tells this holder from an earlier one of the same thread. */
  token?: string;
  hostname: string;
  startedAt: string;
}

/** How long to wait, and when a holder counts as gone. */
export interface FileLockTiming {
  /** How long to wait for a live holder before giving up. */
  waitMs: number;
  /** A lock its holder has not touched for this long is abandoned (holders touch it every `staleMs / 5`). */
  staleMs: number;
}

/** The lock stayed held by a live holder for all of `waitMs`. */
export class FileLockBusyError extends Error {
  override name = 'FileLockBusyError' as const;
  readonly lockPath: string;
  readonly owner: LockOwner | undefined;

  constructor(lockPath: string, owner: LockOwner | undefined) {
    super(`${lockPath} is held by ${owner ? describeOwner(owner) : 'an unknown holder'}`);
    this.lockPath = lockPath;
    this.owner = owner;
  }
}

/** "process 41 (thread 3) on build-7 since 2025-01-31T12:00:00.000Z". */
export function describeOwner(owner: LockOwner): string {
  const thread = owner.threadId ? ` (thread ${owner.threadId})` : '';
  return `process ${owner.pid}${thread} on ${owner.hostname} since ${owner.startedAt}`;
}

// Tokens this thread holds, by lock path. On globalThis, so the copies of this module that
// vitest loads for each test file of one worker see the same set.
const HELD = Symbol.for('spark-models.held-file-locks');
type Held = Map<string, string>;
const held = (): Held => {
  const registry = globalThis as { [HELD]?: Held };
  if (!registry[HELD]) {
    registry[HELD] = new Map();
    // A thread or process that exits normally drops its locks at once (a crash leaves them to
    // the staleness rules). Synchronous: nothing else runs in an exit handler.
    process.once('exit', () => {
      for (const [path, token] of registry[HELD] ?? []) {
        try {
          if (ownerToken(readFileSync(path, 'utf8'), token)) {
            rmSync(path, { force: true });
          }
        } catch {
          // Already gone, or unreadable: nothing of ours to remove.
        }
      }
    });
  }
  return registry[HELD];
};

/**
 * Takes an exclusive lock file, atomically across threads, processes and (on a shared disk)
 * machines: the owner record is written to a temp file, then hard-linked to `lockPath`, which
 * fails if the lock exists, so the lock never appears half-written. While held, the lock file's
 * time is touched as a heartbeat. A lock whose holder is gone is taken over (`isAbandoned`);
 * a live holder is waited for up to `waitMs`, then `FileLockBusyError`. Resolves to the release.
 */
export async function acquireFileLock(lockPath: string, timing: FileLockTiming): Promise<() => Promise<void>> {
  await mkdir(dirname(lockPath), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    threadId,
    token: randomBytes(12).toString('hex'),
    hostname: hostname(),
    startedAt: new Date().toISOString(),
  };
  const deadline = Date.now() + timing.waitMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryLink(lockPath, JSON.stringify(owner))) {
      return holdLock(lockPath, owner.token as string, timing.staleMs);
    }
    const seen = await readLock(lockPath);
    if (seen && isAbandoned(seen, timing.staleMs)) {
      await breakLock(lockPath, seen, timing.staleMs);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new FileLockBusyError(lockPath, seen?.owner);
    }
    // Backs off up to 50 ms, with jitter so waiters do not retry in step.
    await sleep(Math.min(50, 2 + attempt * 4) * (0.5 + Math.random()));
  }
}

/** A lock file as read: its owner (undefined when unreadable), its raw text and its age. */
interface SeenLock {
  owner: LockOwner | undefined;
  text: string;
  ageMs: number;
}

/**
 * Whether a lock's holder is gone. On this machine, a dead pid is gone at once, and so is this
 * very thread's lock under a token it no longer holds. Threads share their process's pid, and no
 * thread can ask whether a sibling is alive (a blocked thread and a dead one look the same), so
 * otherwise a holder is gone when its heartbeat stopped for `staleMs`. A lock without a token
 * (an older spark-models, which never touched it) counts as live while its pid is.
 */
function isAbandoned(seen: SeenLock, staleMs: number): boolean {
  const { owner, ageMs } = seen;
  if (!owner) {
    // Being written by a tool that does not link, or damaged: judged by age alone.
    return ageMs > staleMs;
  }
  if (owner.hostname === hostname()) {
    if (!isProcessAlive(owner.pid)) {
      return true;
    }
    if (owner.pid === process.pid && owner.threadId === threadId) {
      // This very thread took it: live only while the thread still holds that token.
      return owner.token === undefined || ![...held().values()].includes(owner.token);
    }
  }
  return owner.token !== undefined && ageMs > staleMs;
}

// Breaking a lock is itself locked (`<lock>.break`), so that of two waiters that both saw the
// same abandoned lock, the second cannot remove the fresh lock the first has taken since.
async function breakLock(lockPath: string, seen: SeenLock, staleMs: number): Promise<void> {
  const breaker = `${lockPath}.break`;
  if (!(await tryLink(breaker, String(process.pid)))) {
    const info = await stat(breaker).catch(() => undefined);
    // A breaker only re-reads and removes one file: one this old crashed doing it.
    if (info && Date.now() - info.mtimeMs > staleMs) {
      await rm(breaker, { force: true });
    }
    return;
  }
  try {
    const again = await readLock(lockPath);
    if (again?.text === seen.text && isAbandoned(again, staleMs)) {
      await rm(lockPath, { force: true });
    }
  } finally {
    await rm(breaker, { force: true });
  }
}

function holdLock(lockPath: string, token: string, staleMs: number): () => Promise<void> {
  held().set(lockPath, token);
  const beat = setInterval(
    () => {
      const now = new Date();
      utimes(lockPath, now, now).catch(() => undefined);
    },
    Math.max(10, Math.floor(staleMs / 5)),
  );
  beat.unref();
  let released = false;
  return async () => {
    if (released) {
      return;
    }
    released = true;
    clearInterval(beat);
    held().delete(lockPath);
    // Only our own lock: if it was taken over (a holder frozen past `staleMs`), it is not ours.
    const text = await readFile(lockPath, 'utf8').catch(() => '');
    if (ownerToken(text, token)) {
      await rm(lockPath, { force: true });
    }
  };
}

async function tryLink(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}-${threadId}-${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content);
  try {
    await link(temp, path);
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

async function readLock(lockPath: string): Promise<SeenLock | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    return { owner: parseOwner(text), text, ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string'
      ? {
          pid: owner.pid,
          hostname: owner.hostname,
          startedAt: String(owner.startedAt),
          ...(typeof owner.threadId === 'number' ? { threadId: owner.threadId } : {}),
          ...(typeof owner.token === 'string' ? { token: owner.token } : {}),
        }
      : undefined;
  } catch {
    return undefined;
  }
}

function ownerToken(text: string, token: string): boolean {
  return parseOwner(text)?.token === token;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
