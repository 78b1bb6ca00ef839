import { hostname } from 'node:os';

/**
 * Which test run this thread belongs to, so that the workers of one run can merge what they
 * report: vitest's `threads` pool runs every worker in one process (one pid), and its `forks`
 * are children of the process that runs them all, joined to it by an IPC channel. Anything
 * else is a run of its own. A process started with an IPC channel by a long-lived tool counts
 * its runs as one, which only ever makes merged reports keep more.
 */
export function testRunId(): string {
  // Worked out once: a stop asks for it each time, and `hostname()` is a system call.
  runId ??= `${hostname()}:${process.channel ? process.ppid : process.pid}`;
  return runId;
}

let runId: string | undefined;
