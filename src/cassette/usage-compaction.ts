import { readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import {
  formatLog,
  LOG_SUFFIX,
  logName,
  moveToGeneration,
  ownWriter,
  parseLogName,
  readLogDirSync,
  type DamagedLine,
  type LogWriter,
  type UsageLog,
} from './usage-log.js';
import {
  cassettePathsOf,
  collapseRun,
  mayBeLatest,
  newestOf,
  placedReports,
  type PlacedReport,
} from './usage-merge.js';

/**
 * Keeps a cassette's log directory small without a lock. A thread rewrites only logs it
 * writes itself; the logs of writers that are gone (same machine, pid no longer alive) it
 * absorbs: it writes what still matters into logs of its own, THEN removes them. A crash in
 * between leaves duplicates, which merging ignores. A log of another live thread or process,
 * or of another machine, is never touched.
 *
 * What still matters: every run that may be the latest. A run is dropped only when it is over
 * (its root process is gone, so it can write no more) and another run has a newer line, with
 * no damaged line that could be newer.
 */

/** What a compaction did: the logs it removed (absorbed or dropped). */
export interface CompactionResult {
  removed: string[];
}

/**
 * Compacts one cassette's log directory: this thread's logs rewritten with one line per run and
 * text (the older runs dropped), gone writers' logs absorbed. Undefined when a log vanished while reading (another
 * thread was compacting): nothing is written then.
 */
export function compactUsageLogs(logDir: string): CompactionResult | undefined {
  const logs = readLogDirSync(logDir);
  if (logs === undefined) {
    return undefined;
  }
  const isOwn = (w: LogWriter) => w.pid === process.pid && w.threadId === threadId;
  const own = logs.filter((log) => isOwn(log.writer));
  const gone = logs.filter((log) => !isOwn(log.writer) && writerIsGone(log.writer));
  const latest = runsThatMayBeLatest(logs);
  const kept = new Map<string, { reports: PlacedReport[]; damaged: DamagedLine[] }>();
  for (const log of [...own, ...gone]) {
    const run = log.writer.run;
    if (!latest.has(run) && runIsOver(run)) {
      continue;
    }
    const entry = kept.get(run) ?? { reports: [], damaged: [] };
    entry.reports.push(...placedReports([log]));
    entry.damaged.push(...log.damaged);
    kept.set(run, entry);
  }
  // First everything kept is in this thread's logs of a new generation (new names)...
  const generation = Math.max(ownWriter(logDir, '').generation, ...own.map((log) => log.writer.generation)) + 1;
  for (const [run, { reports, damaged }] of kept) {
    const collapsed = collapseRun(reports, damaged);
    const writer = { pid: process.pid, threadId, generation, run };
    writeWhole(join(logDir, logName(writer)), formatLog(collapsed.reports, collapsed.damaged));
  }
  moveToGeneration(logDir, generation);
  // ...then the logs it came from go.
  const removed = [...own, ...gone].map((log) => log.name);
  for (const name of removed) {
    unlinkQuietly(join(logDir, name));
  }
  removeGoneTemps(logDir);
  return { removed };
}

function runsThatMayBeLatest(logs: readonly UsageLog[]): Set<string> {
  const runs = new Set<string>();
  const placed = placedReports(logs);
  const newest = [...cassettePathsOf(logs)].map(
    (path) => (newestOf(placed.filter(({ report }) => report.cassettePath === path)) as PlacedReport).report,
  );
  for (const report of newest) {
    runs.add(report.run);
  }
  for (const line of logs.flatMap((log) => log.damaged)) {
    if (newest.length === 0 || newest.some((report) => mayBeLatest(line, report))) {
      runs.add(line.run);
    }
  }
  return runs;
}

// A writer's own log is rewritten whole: only it writes there, so a temp file and a rename
// are enough for readers to see the old lines or the new ones.
function writeWhole(path: string, text: string): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

// Temp files of writers that died mid-rewrite.
function removeGoneTemps(logDir: string): void {
  for (const name of readdirSync(logDir)) {
    const writer = name.endsWith(`${LOG_SUFFIX}.tmp`) ? parseLogName(name.slice(0, -'.tmp'.length)) : undefined;
    if (writer && writerIsGone(writer)) {
      unlinkQuietly(join(logDir, name));
    }
  }
}

/** A writer on this machine whose process has exited (a thread of a live process may still be alive). */
function writerIsGone(writer: LogWriter): boolean {
  return onThisMachine(writer.run) && writer.pid !== process.pid && !isAlive(writer.pid);
}

/** A run can write no more once its root process (`host:pid`, see `testRunId()`) has exited. */
function runIsOver(run: string): boolean {
  const root = Number(run.slice(run.lastIndexOf(':') + 1));
  return onThisMachine(run) && Number.isInteger(root) && root !== process.pid && !isAlive(root);
}

function onThisMachine(run: string): boolean {
  return run.slice(0, run.lastIndexOf(':')) === hostname();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already removed by another compaction: what it held is in that one's logs.
  }
}
