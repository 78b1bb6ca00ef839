import { spawn } from 'node:child_process';
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, threadId } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { acquireFileLock, FileLockBusyError } from '../../src/internal/file-lock.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-file-lock-');
const WORKER = fileURLToPath(new URL('./fixtures/lock-worker.ts', import.meta.url));
const FAST = { waitMs: 400, staleMs: 300 };

type WorkerInput = Record<string, unknown>;

/** Runs the lock worker in a thread of this process; resolves on each message it sends. */
function inThread(input: WorkerInput): { said: (message: string) => Promise<void>; exited: Promise<number> } {
  const worker = new Worker(WORKER, { execArgv: ['--import', 'tsx'], workerData: input });
  const messages: string[] = [];
  const waiting: [string, () => void][] = [];
  worker.on('message', (message: string) => {
    messages.push(message);
    waiting.filter(([m]) => m === message).forEach(([, resolve]) => resolve());
  });
  return {
    said: (message) =>
      messages.includes(message) ? Promise.resolve() : new Promise((r) => waiting.push([message, r])),
    exited: new Promise((resolve, reject) => {
      worker.on('exit', resolve);
      worker.on('error', reject);
    }),
  };
}

/** Runs the lock worker in a child process; resolves with its exit code. */
function inProcess(input: WorkerInput): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(input)], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', resolve));
}

async function writeLock(path: string, owner: Record<string, unknown>, ageMs = 0): Promise<void> {
  await writeFile(path, JSON.stringify({ hostname: hostname(), startedAt: '2025-01-31T12:00:00.000Z', ...owner }));
  const then = new Date(Date.now() - ageMs);
  await utimes(path, then, then);
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid as number;
}

describe('the file lock', () => {
  test('excludes threads of one process and other processes alike: no increment is lost', async () => {
    const lockPath = join(dir.path, 'counter.lock');
    const counterPath = join(dir.path, 'counter');
    const input = { mode: 'count', lockPath, counterPath, iterations: 25, timing: { waitMs: 60_000, staleMs: 6_000 } };
    const threads = [inThread(input), inThread(input)];
    const processes = [inProcess(input), inProcess(input)];

    expect(await Promise.all([...threads.map((t) => t.exited), ...processes])).toEqual([0, 0, 0, 0]);
    expect(await readFile(counterPath, 'utf8')).toBe('100');
    expect(await readdir(dir.path)).toEqual(['counter']);
  });

  test("never takes a live sibling thread's lock for a crashed one: threads share the pid", async () => {
    const lockPath = join(dir.path, 'sibling.lock');
    const sibling = inThread({ mode: 'hold', lockPath, holdMs: 1_500, timing: FAST });
    await sibling.said('held');
    const owner = JSON.parse(await readFile(lockPath, 'utf8')) as { pid: number; threadId: number };
    expect(owner.pid).toBe(process.pid);
    expect(owner.threadId).not.toBe(threadId);

    // Waits past staleMs: the sibling's heartbeat keeps its lock fresh.
    const error = await acquireFileLock(lockPath, { waitMs: 800, staleMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileLockBusyError);
    expect((error as FileLockBusyError).owner).toMatchObject({ pid: process.pid, threadId: owner.threadId });
    await sibling.said('done');
    const release = await acquireFileLock(lockPath, FAST);
    await release();
    expect(await sibling.exited).toBe(0);
  });

  test('takes over a lock whose process is gone, at once', async () => {
    const lockPath = join(dir.path, 'dead.lock');
    await writeLock(lockPath, { pid: await deadPid(), threadId: 1, token: 'abc' });
    const started = Date.now();
    const release = await acquireFileLock(lockPath, { waitMs: 5_000, staleMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, threadId });
    await release();
    expect(await readdir(dir.path)).toEqual([]);
  });

  test('takes over the lock of a thread of this process whose heartbeat stopped', async () => {
    const lockPath = join(dir.path, 'thread-gone.lock');
    await writeLock(lockPath, { pid: process.pid, threadId: threadId + 1000, token: 'gone' }, 1_000);
    const release = await acquireFileLock(lockPath, FAST);
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ threadId });
    await release();
  });

  test('takes over a lock this very thread left under a token it no longer holds', async () => {
    const lockPath = join(dir.path, 'orphan.lock');
    await writeLock(lockPath, { pid: process.pid, threadId, token: 'from-an-earlier-module-copy' });
    const release = await acquireFileLock(lockPath, { waitMs: 100, staleMs: 60_000 });
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).not.toMatchObject({ token: 'from-an-earlier-module-copy' });
    await release();
  });

  test('a thread that exits holding the lock leaves no lock behind', async () => {
    const lockPath = join(dir.path, 'exit.lock');
    const holder = inThread({ mode: 'hold', lockPath, holdMs: 0, keep: true, timing: FAST });
    expect(await holder.exited).toBe(0);
    expect(await readdir(dir.path)).toEqual([]);
  });

  test('counts a lock without a token (an older spark-models) as live while its process is', async () => {
    const lockPath = join(dir.path, 'legacy.lock');
    await writeLock(lockPath, { pid: process.pid }, 60_000);
    await expect(acquireFileLock(lockPath, FAST)).rejects.toBeInstanceOf(FileLockBusyError);
    await writeLock(lockPath, { pid: await deadPid() }, 0);
    const release = await acquireFileLock(lockPath, FAST);
    await release();
  });

  test('release leaves alone a lock that was taken over from it', async () => {
    const lockPath = join(dir.path, 'taken.lock');
    const release = await acquireFileLock(lockPath, FAST);
    await writeLock(lockPath, { pid: process.pid, threadId: threadId + 1, token: 'someone-else' });
    await release();
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ token: 'someone-else' });
  });

  test('touches the lock while it is held', async () => {
    const lockPath = join(dir.path, 'beat.lock');
    const release = await acquireFileLock(lockPath, { waitMs: 100, staleMs: 100 });
    const then = new Date(Date.now() - 10_000);
    await utimes(lockPath, then, then);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(Date.now() - (await stat(lockPath)).mtimeMs).toBeLessThan(5_000);
    await release();
  });
});
