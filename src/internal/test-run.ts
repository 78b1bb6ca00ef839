import { hostname } from 'node:os';
import { isMainThread } from 'node:worker_threads';

// Handed to worker threads (and child processes) started later, which copy the environment:
// a worker thread has no `process.channel` of its own to tell its run by.
const RUN_ENV_VAR = 'SPARK_TEST_RUN_ID';

/**
 * Which test run this thread belongs to, so that the workers of one run can merge what they
 * report: vitest's `threads` pool runs every worker in one process (one pid), and its `forks`
 * are children of the process that runs them all, joined to it by an IPC channel. A thread
 * started by a fork's test inherits its run from the environment. Anything else is a run of
 * its own. A process started with an IPC channel by a long-lived tool counts its runs as one,
 * and a child process started by a test counts as part of that test's run: both only ever
 * make merged reports keep more.
 */
export function testRunId(): string {
  // Worked out once: a stop asks for it each time, and `hostname()` is a system call.
  runId ??= process.env[RUN_ENV_VAR] || `${hostname()}:${process.channel ? process.ppid : process.pid}`;
  return runId;
}

let runId: string | undefined;

// Set as the cassette layer loads, before the code under test can start a thread.
if (isMainThread) {
  process.env[RUN_ENV_VAR] = testRunId();
}
