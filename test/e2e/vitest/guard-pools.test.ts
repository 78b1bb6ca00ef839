import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runVitest } from './helpers/run-vitest.js';

const PROJECT = fileURLToPath(new URL('./fixtures/guard-project/', import.meta.url));

// The guard patches `net` per isolate and a cassette talks to worker threads over a channel
// named by thread: both must hold when test files run in worker threads (threads pool) and in
// child processes (forks pool).
describe('replay of every client and the network guard, in a user project without setup files', () => {
  test.each(['threads', 'forks'])('hold under the %s pool', async (pool) => {
    const cwd = await mkdtemp(join(tmpdir(), 'spark-guard-pools-'));
    try {
      const run = await runVitest(PROJECT, { cwd, args: [`--pool=${pool}`] });
      expect(run.output).toContain('1 passed');
      expect(run.exitCode).toBe(0);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
