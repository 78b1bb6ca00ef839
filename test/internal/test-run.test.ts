import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { testRunId } from '../../src/internal/test-run.js';

const CHILD = fileURLToPath(new URL('./fixtures/run-id-child.ts', import.meta.url));

// The child reports its main thread's run id and that of a worker thread it starts.
function idsOfChild(env: NodeJS.ProcessEnv): Promise<{ main: string; thread: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], env });
    child.once('message', (ids) => resolve(ids as { main: string; thread: string }));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`child exited ${code}`))));
  });
}

test('a fork of a run (IPC channel) and the threads it starts share the run of the process that forked it', async () => {
  const { SPARK_TEST_RUN_ID: _inherited, ...env } = process.env;
  const first = await idsOfChild(env);
  const second = await idsOfChild(env);
  expect(first.main).toMatch(new RegExp(`:${process.pid}$`));
  expect(first.thread).toBe(first.main);
  expect(second).toEqual(first);
});

test('this process hands its run to what it starts through the environment', () => {
  expect(process.env['SPARK_TEST_RUN_ID']).toBe(testRunId());
});
