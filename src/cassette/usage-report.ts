import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { testRunId } from '../internal/test-run.js';
import { compactUsageLogs } from './usage-compaction.js';
import {
  appendLogLine,
  cassetteLogDir,
  logName,
  ownWriter,
  prepareLog,
  readLogDir,
  type UsageReport,
} from './usage-log.js';
import { cassettePathsOf, mergeReports } from './usage-merge.js';

export type { UsageReport } from './usage-log.js';

/** Where usage reports go, relative to the working directory (`.spark-cache/` is git-ignored). */
export const DEFAULT_USAGE_REPORT_DIR = '.spark-cache/cassette-usage';

// A thread compacts a cassette's directory when it first writes there and finds this many logs
// (most of them of gone writers, one per earlier process), and after this many appends of its
// own (a long-lived watch-mode process).
const COMPACT_AT_LOGS = 16;
const COMPACT_EVERY_APPENDS = 64;

/** Where reports are read and written. */
export interface UsageReportOptions {
  /** @default ".spark-cache/cassette-usage" (from the working directory) */
  dir?: string;
}

/** What a finished replay knows about one cassette. */
export interface UsageReportInput {
  /** The cassette file. */
  cassettePath: string;
  /** Ids of the recordings loaded from the file that no request used. */
  unused: readonly string[];
  /** The cassette text as it is now on disk; read from `cassettePath` when omitted. */
  text?: string;
  /**
   * sha256 of the file's bytes as they are now on disk, when known without `text` (a replay
   * hashed them at start): the file is then not read again.
   */
  sha256?: string;
  /** @default new Date() */
  when?: Date;
}

/** The directory holding a cassette's usage logs: `<dir>/<first 16 hex digits of sha256(absolute path)>/`. */
export function usageLogDir(cassettePath: string, options: UsageReportOptions = {}): string {
  return cassetteLogDir(cassettePath, options.dir ?? DEFAULT_USAGE_REPORT_DIR);
}

/** The log this thread appends a cassette's reports of the current test run to. */
export function usageLogPath(cassettePath: string, options: UsageReportOptions = {}): string {
  const logDir = usageLogDir(cassettePath, options);
  return join(logDir, logName(ownWriter(logDir, testRunId())));
}

/** sha256 of a cassette's text, as reports record it. */
export function cassetteDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Records which recordings a replay left unused: one line appended, synchronously and without
 * a lock, to a log only this thread writes. Readers merge the logs: among the reports of the
 * latest test run for the same file text (one cassette used by several tests of a run, in one
 * worker or several at once), only ids unused by all count as unused, so prune never removes a
 * recording some test used. Resolves to the log path, or undefined when the cassette file does
 * not exist (nothing to prune).
 * @example
 * const summary = await cassette.stop();
 * await writeUsageReport({ cassettePath: summary.path, unused: summary.unused.map((u) => u.id) });
 */
export async function writeUsageReport(
  input: UsageReportInput,
  options: UsageReportOptions = {},
): Promise<string | undefined> {
  const cassettePath = resolve(input.cassettePath);
  const text = input.text ?? (input.sha256 === undefined ? await readOptional(cassettePath) : undefined);
  const cassetteSha256 = text === undefined ? input.sha256 : cassetteDigest(text);
  if (cassetteSha256 === undefined) {
    return undefined;
  }
  const run = testRunId();
  const report: UsageReport = {
    version: 1,
    cassettePath,
    cassetteSha256,
    unused: [...input.unused],
    when: (input.when ?? new Date()).toISOString(),
    pid: process.pid,
    run,
  };
  const logDir = usageLogDir(cassettePath, options);
  const { path, own, firstHere } = appendLogLine(logDir, run, `${JSON.stringify(report)}\n`);
  if ((firstHere && readdirSync(logDir).length >= COMPACT_AT_LOGS) || own.appends >= COMPACT_EVERY_APPENDS) {
    own.appends = 0;
    compactSoon(logDir);
  }
  return path;
}

/**
 * Readies this thread's log of a cassette in the background (a replay calls it at start), so
 * that the report at stop is an append to a file that exists. Failures are left to the write.
 */
export function prepareUsageReport(cassettePath: string, options: UsageReportOptions = {}): void {
  const logDir = usageLogDir(cassettePath, options);
  prepareLog(logDir, testRunId(), (count) => {
    if (count >= COMPACT_AT_LOGS) {
      compactSoon(logDir);
    }
  });
}

const compacting = new Set<string>();

// Off the stop's path: right after it, in this thread. A compaction that fails leaves the logs
// as they were, which readers merge all the same.
function compactSoon(logDir: string): void {
  if (compacting.has(logDir)) {
    return;
  }
  compacting.add(logDir);
  setImmediate(() => {
    compacting.delete(logDir);
    try {
      compactUsageLogs(logDir);
    } catch {
      // Tried again after the next COMPACT_EVERY_APPENDS appends.
    }
  });
}

/**
 * The report of one cassette merged from its logs, or undefined when there is none (or none
 * that can be trusted: a damaged line that may belong to the latest run).
 */
export async function readUsageReport(
  cassettePath: string,
  options: UsageReportOptions = {},
): Promise<UsageReport | undefined> {
  const logs = await readLogDir(usageLogDir(cassettePath, options));
  return logs && mergeReports(resolve(cassettePath), logs);
}

/** Every cassette's report in the report directory, by cassette path. */
export async function readUsageReports(options: UsageReportOptions = {}): Promise<Map<string, UsageReport>> {
  const dir = resolve(options.dir ?? DEFAULT_USAGE_REPORT_DIR);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const reports = new Map<string, UsageReport>();
  // Each cassette has a directory; `<key>.json` files are reports of the previous format, ignored.
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const logs = await readLogDir(join(dir, entry.name));
    for (const cassettePath of logs ? cassettePathsOf(logs) : []) {
      const report = mergeReports(cassettePath, logs ?? []);
      if (report) {
        reports.set(cassettePath, report);
      }
    }
  }
  return reports;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}
