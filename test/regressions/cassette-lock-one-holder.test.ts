import { hostname } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId, Worker } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { lockForRecording } from '../../src/cassette/lock.js';
import { useTempDir } from '../helpers/temp-dir.js';

// Bug: the recording lock was created empty and its owner written after, so a second recorder
// reading it in between found no owner and took it over; and an owner with this process's pid
// but not in this thread's list was taken for a crashed run of ours, although vitest's
// `threads` pool runs several workers in one process. Both let two recordings of one cassette
// proceed. The lock file now appears whole (linked in place) and names its thread too.

const dir = useTempDir('spark-regression-lock-');

describe('the recording lock', () => {
  test('is held by exactly one of many threads of one process that race for it', async () => {
    const cassettePath = join(dir.path, 'raced.yaml');
    const go = new SharedArrayBuffer(4);
    const workers = Array.from(
      { length: 6 },
      () =>
        new Worker(new URL('./fixtures/lock-worker.ts', import.meta.url), {
          workerData: { cassettePath, go },
          execArgv: ['--import', 'tsx'],
        }),
    );
    const exits = workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    const outcomes = workers.map(
      (worker) =>
        new Promise<string>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    );
    Atomics.store(new Int32Array(go), 0, 1);
    Atomics.notify(new Int32Array(go), 0);
    const results = await Promise.all(outcomes);
    for (const worker of workers) {
      worker.postMessage('release');
    }
    await Promise.all(exits);

    expect(results.filter((r) => r === 'locked')).toHaveLength(1);
    expect(results.filter((r) => r === 'CassetteConflictError')).toHaveLength(5);
  });

  test('is not taken from another thread of this process that holds it', async () => {
    const cassettePath = join(dir.path, 'threaded.yaml');
    await writeFile(
      `${cassettePath}.lock`,
      JSON.stringify({
        pid: process.pid,
        threadId: threadId + 1,
        hostname: hostname(),
        startedAt: new Date().toISOString(),
      }),
    );
    await expect(lockForRecording(cassettePath, { waitMs: 300, staleMs: 6_000 })).rejects.toMatchObject({
      name: 'CassetteConflictError',
    });
  });
});
