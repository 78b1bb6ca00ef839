import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const CHILD = fileURLToPath(new URL('./fixtures/run-id-child.ts', import.meta.url));

// The child reports its main thread's run id and that of a worker thread it starts.
function idsOfChild(): Promise<{ main: string; thread: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'] });
    child.once('message', (ids) => resolve(ids as { main: string; thread: string }));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`child exited ${code}`))));
  });
}

test('a fork of a run (IPC channel) and the threads it starts share the run of the process that forked it', async () => {
  const first = await idsOfChild();
  const second = await idsOfChild();
  expect(first.main).toMatch(new RegExp(`:${process.pid}$`));
  expect(first.thread).toBe(first.main);
  expect(second).toEqual(first);
});
