import { hostname } from 'node:os';
import { getEnvironmentData, isMainThread, setEnvironmentData } from 'node:worker_threads';

/**
 * The `worker_threads` environment data that hands this thread's run to the threads it starts
 * (they copy it when created): a thread has no `process.channel` of its own to tell its run by.
 */
export const TEST_RUN_KEY = 'spark-models.test-run';

/**
 * Which test run this thread belongs to, so that the workers of one run can merge what they
 * report: vitest's `threads` pool runs every worker in one process (one pid), and its `forks`
 * are children of the process that runs them all, joined to it by an IPC channel. A worker
 * thread takes the run of the thread that started it. Anything else is a run of its own. A
 * process started with an IPC channel by a long-lived tool counts its runs as one, which only
 * ever makes merged reports keep more.
 */
export function testRunId(): string {
  // Worked out once: a stop asks for it each time, and `hostname()` is a system call.
  runId ??= inherited() ?? `${hostname()}:${process.channel ? process.ppid : process.pid}`;
  return runId;
}

let runId: string | undefined;

function inherited(): string | undefined {
  const value = isMainThread ? undefined : getEnvironmentData(TEST_RUN_KEY);
  return typeof value === 'string' ? value : undefined;
}

// Set as the cassette layer loads, before the code under test can start a thread.
if (isMainThread) {
  setEnvironmentData(TEST_RUN_KEY, testRunId());
}
