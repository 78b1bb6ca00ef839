import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../internal/atomic-write.js';
import { acquireFileLock } from '../internal/file-lock.js';
import { testRunId } from '../internal/test-run.js';

/** Where usage reports go, relative to the working directory (`.spark-cache/` is git-ignored). */
export const DEFAULT_USAGE_REPORT_DIR = '.spark-cache/cassette-usage';

// Reports are written in a moment; a report that waits longer than this is given up (a warning).
const REPORT_LOCK_TIMING = { waitMs: 5_000, staleMs: 3_000 };

/**
 * What one replay left behind for `spark-cassette prune`: which recordings of a cassette no
 * request used. One JSON file per cassette, named by a hash of its absolute path.
 */
export interface UsageReport {
  version: 1;
  /** The cassette file (absolute path). */
  cassettePath: string;
  /** sha256 of the cassette text the run saw: a report for other text is stale. */
  cassetteSha256: string;
  /** Ids of the recordings no request used, in file order. */
  unused: string[];
  /** ISO time the report was written. */
  when: string;
  /** The process that wrote it. */
  pid: number;
  /** The test run it belongs to: reports of one run narrow each other (see `writeUsageReport`). */
  run: string;
}

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

/** The report file of a cassette: `<dir>/<first 16 hex digits of sha256(absolute path)>.json`. */
export function usageReportPath(cassettePath: string, options: UsageReportOptions = {}): string {
  const key = createHash('sha256').update(resolve(cassettePath)).digest('hex').slice(0, 16);
  return resolve(options.dir ?? DEFAULT_USAGE_REPORT_DIR, `${key}.json`);
}

/** sha256 of a cassette's text, as reports record it. */
export function cassetteDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Records which recordings a replay left unused, replacing the cassette's previous report.
 * When the previous report came from the same test run and the same file text (one cassette
 * used by several tests of a run, in one worker or several at once), only ids unused by both
 * stay: prune must never remove a recording some test used. The read and the write happen
 * under a lock, so two workers reporting at once merge instead of the last one winning.
 * Resolves to the report path, or undefined when the cassette file does not exist (nothing to
 * prune).
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
  const path = usageReportPath(cassettePath, options);
  const report: UsageReport = {
    version: 1,
    cassettePath,
    cassetteSha256,
    unused: [...input.unused],
    when: (input.when ?? new Date()).toISOString(),
    pid: process.pid,
    run: testRunId(),
  };
  await mkdir(dirname(path), { recursive: true });
  const release = await acquireFileLock(`${path}.lock`, REPORT_LOCK_TIMING);
  try {
    const previous = parseReport(await readOptional(path));
    if (previous && previous.run === report.run && previous.cassetteSha256 === report.cassetteSha256) {
      const before = new Set(previous.unused);
      report.unused = report.unused.filter((id) => before.has(id));
    }
    await writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await release();
  }
  return path;
}

/** The report of one cassette, or undefined when there is none (or it is unreadable). */
export async function readUsageReport(
  cassettePath: string,
  options: UsageReportOptions = {},
): Promise<UsageReport | undefined> {
  const report = parseReport(await readOptional(usageReportPath(cassettePath, options)));
  return report?.cassettePath === resolve(cassettePath) ? report : undefined;
}

/** Every readable report in the report directory, by cassette path. */
export async function readUsageReports(options: UsageReportOptions = {}): Promise<Map<string, UsageReport>> {
  const dir = resolve(options.dir ?? DEFAULT_USAGE_REPORT_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const reports = new Map<string, UsageReport>();
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const report = parseReport(await readOptional(join(dir, name)));
    if (report) {
      reports.set(report.cassettePath, report);
    }
  }
  return reports;
}

// A report is a cache entry: one that does not parse or has the wrong shape counts as absent.
function parseReport(text: string | undefined): UsageReport | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as Partial<UsageReport>;
    const valid =
      data.version === 1 &&
      typeof data.cassettePath === 'string' &&
      typeof data.cassetteSha256 === 'string' &&
      typeof data.when === 'string' &&
      typeof data.pid === 'number' &&
      typeof data.run === 'string' &&
      Array.isArray(data.unused) &&
      data.unused.every((id) => typeof id === 'string');
    return valid ? (data as UsageReport) : undefined;
  } catch {
    return undefined;
  }
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
