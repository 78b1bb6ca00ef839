import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { pathKey } from '../internal/path-key.js';

/**
 * Usage reports on disk: one directory per cassette (`<dir>/<key>/`, key = the first 16 hex
 * digits of sha256 of its absolute path) holding append-only logs, one JSON report per line,
 * each named by its writer and run: `<pid>-<threadId>-<generation>-<run, URI-encoded>.jsonl`.
 * Only its writer (a thread of a process) ever writes a log, so appends never interleave and
 * need no lock. A writer that rewrites its logs (compaction) writes a new generation, then
 * removes the old: a reader that lists the directory twice sees every change.
 */

/** What one replay left behind: which recordings of a cassette no request used. */
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
  /** The test run it belongs to (`testRunId()`): reports of one run narrow each other. */
  run: string;
}

/**
 * A line that did not parse (a write cut short): it may have been any report of its log's run,
 * written no later than `before` (ms, the log's modification time). Compaction keeps it as a
 * marker line `{"version":1,"damaged":true,"run":...,"before":...}`.
 */
export interface DamagedLine {
  run: string;
  before: number;
}

/** One log's lines, parsed. */
export interface UsageLog {
  name: string;
  writer: LogWriter;
  reports: UsageReport[];
  damaged: DamagedLine[];
}

/** Who writes a log, and for which run: all its lines belong to that run. */
export interface LogWriter {
  pid: number;
  threadId: number;
  generation: number;
  run: string;
}

export const LOG_SUFFIX = '.jsonl';
const LOG_NAME = /^(\d+)-(\d+)-(\d+)-(.+)\.jsonl$/;

/** The directory of one cassette's logs. */
export function cassetteLogDir(cassettePath: string, dir: string): string {
  return join(resolve(dir), pathKey(cassettePath, 16));
}

export function logName(writer: LogWriter): string {
  return `${writer.pid}-${writer.threadId}-${writer.generation}-${encodeURIComponent(writer.run)}${LOG_SUFFIX}`;
}

export function parseLogName(name: string): LogWriter | undefined {
  const match = LOG_NAME.exec(name);
  if (!match) {
    return undefined;
  }
  try {
    const [pid, thread, generation] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
    return { pid, threadId: thread, generation, run: decodeURIComponent(match[4] as string) };
  } catch {
    return undefined;
  }
}

/** What this thread knows of its own logs in one directory. */
export interface OwnLogs {
  /** The generation it appends to (compaction moves it on). */
  generation: number;
  /** Appends since the directory was made or compacted. */
  appends: number;
}

// One entry per directory this thread wrote to: each is made once, not on every append.
const ownLogs = new Map<string, OwnLogs>();

/** This thread as the writer of `run`'s log in `logDir`. */
export function ownWriter(logDir: string, run: string): LogWriter {
  return { pid: process.pid, threadId, generation: ownLogs.get(logDir)?.generation ?? 0, run };
}

/** Moves this thread's appends in `logDir` to a new generation of its logs. */
export function moveToGeneration(logDir: string, generation: number): void {
  ownLogs.set(logDir, { generation, appends: 0 });
}

/**
 * Appends one line to this thread's log of `run` in `logDir`: one synchronous append (the
 * directory is made on the first). `firstHere` is true when this thread had not written to
 * `logDir` yet and found it there already (logs of others may have piled up in it).
 */
export function appendLogLine(
  logDir: string,
  run: string,
  line: string,
): { path: string; own: OwnLogs; firstHere: boolean } {
  let own = ownLogs.get(logDir);
  let firstHere = false;
  if (own === undefined) {
    firstHere = makeLogDir(logDir);
    own = { generation: 0, appends: 0 };
    ownLogs.set(logDir, own);
  }
  const path = join(logDir, logName(ownWriter(logDir, run)));
  try {
    appendFileSync(path, line);
  } catch (error) {
    // The directory was removed since (a cleanup): make it again, once.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
    makeLogDir(logDir);
    appendFileSync(path, line);
  }
  own.appends++;
  return { path, own, firstHere };
}

const preparing = new Set<string>();

/**
 * Makes the directory and this thread's log of `run` in the background, so that the first
 * append finds them (creating a file costs as much as twenty appends). `logsFound` is told how
 * many logs a directory that was there already holds.
 */
export function prepareLog(logDir: string, run: string, logsFound: (count: number) => void): void {
  if (ownLogs.has(logDir) || preparing.has(logDir)) {
    return;
  }
  preparing.add(logDir);
  const path = join(logDir, logName(ownWriter(logDir, run)));
  void (async () => {
    if ((await mkdir(logDir, { recursive: true })) === undefined) {
      logsFound((await readdir(logDir)).length);
    } else {
      await Promise.all(previousFormatFiles(logDir).map((old) => rm(old, { force: true })));
    }
    await (await open(path, 'a')).close();
    if (!ownLogs.has(logDir)) {
      ownLogs.set(logDir, { generation: 0, appends: 0 });
    }
  })()
    // The first append makes what is missing itself.
    .catch(() => undefined)
    .finally(() => preparing.delete(logDir));
}

/** Makes the directory; true when it was there already. */
function makeLogDir(logDir: string): boolean {
  const created = mkdirSync(logDir, { recursive: true });
  if (created !== undefined) {
    removePreviousFormat(logDir);
  }
  return created === undefined;
}

// The previous format kept one `<key>.json` per cassette (and its lock) beside the directories.
function previousFormatFiles(logDir: string): string[] {
  return [`${logDir}.json`, `${logDir}.json.lock`];
}

function removePreviousFormat(logDir: string): void {
  for (const path of previousFormatFiles(logDir)) {
    try {
      unlinkSync(path);
    } catch {
      // Not there (the usual case), or not ours to remove: the readers ignore it either way.
    }
  }
}

/** Parses a log's text; `mtimeMs` bounds when a damaged line was written. */
export function parseLog(name: string, writer: LogWriter, text: string, mtimeMs: () => number): UsageLog {
  const log: UsageLog = { name, writer, reports: [], damaged: [] };
  const lines = text.split('\n');
  const last = lines.pop();
  // A log ends with a newline: anything after the last one is a write cut short.
  const pieces = last === '' || last === undefined ? lines : [...lines, last];
  for (const piece of pieces) {
    if (piece === '') {
      continue;
    }
    const parsed = parseLine(piece);
    if (parsed === undefined) {
      log.damaged.push({ run: writer.run, before: mtimeMs() });
    } else if ('before' in parsed) {
      log.damaged.push(parsed);
    } else {
      log.reports.push(parsed);
    }
  }
  return log;
}

function parseLine(line: string): UsageReport | DamagedLine | undefined {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object' || data.version !== 1) {
    return undefined;
  }
  if (data.damaged === true) {
    return typeof data.run === 'string' && typeof data.before === 'number'
      ? { run: data.run, before: data.before }
      : undefined;
  }
  const valid =
    typeof data.cassettePath === 'string' &&
    typeof data.cassetteSha256 === 'string' &&
    typeof data.when === 'string' &&
    !Number.isNaN(Date.parse(data.when)) &&
    typeof data.pid === 'number' &&
    typeof data.run === 'string' &&
    Array.isArray(data.unused) &&
    data.unused.every((id) => typeof id === 'string');
  return valid ? (data as unknown as UsageReport) : undefined;
}

/** The lines of a log, ready to append or to write whole. */
export function formatLog(reports: readonly UsageReport[], damaged: readonly DamagedLine[]): string {
  const marks = damaged.map((d) => JSON.stringify({ version: 1, damaged: true, run: d.run, before: d.before }));
  return [...marks, ...reports.map((report) => JSON.stringify(report))].map((line) => `${line}\n`).join('');
}

// A compaction writes the lines it absorbs into a log with a new name before it removes their
// old logs. So a reader that lists the directory, reads every log and lists it again, with no
// change and no log vanished, has read every line; otherwise it tries again. Past this many
// tries it gives no answer.
const READ_TRIES = 5;

/**
 * Every log of one cassette directory, or undefined when the directory kept changing under
 * the reader (no answer is safer than one missing lines). No directory: no logs.
 */
export async function readLogDir(logDir: string): Promise<UsageLog[] | undefined> {
  for (let attempt = 0; attempt < READ_TRIES; attempt++) {
    const names = logNames(await readdir(logDir).catch(orEmptyIfMissing));
    const logs = await Promise.all(names.map(({ name, writer }) => readLog(join(logDir, name), name, writer)));
    const again = logNames(await readdir(logDir).catch(orEmptyIfMissing));
    const unchanged = again.length === names.length && again.every((entry, i) => entry.name === names[i]?.name);
    if (unchanged && logs.every((log) => log !== undefined)) {
      return logs;
    }
  }
  return undefined;
}

function logNames(names: readonly string[]): { name: string; writer: LogWriter }[] {
  return names
    .flatMap((name) => {
      const writer = parseLogName(name);
      return writer ? [{ name, writer }] : [];
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function readLog(path: string, name: string, writer: LogWriter): Promise<UsageLog | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    // The modification time is read only for a log with a damaged line (NaN until then).
    const log = parseLog(name, writer, text, () => Number.NaN);
    if (log.damaged.some((d) => Number.isNaN(d.before))) {
      const { mtimeMs } = await stat(path);
      log.damaged = log.damaged.map((d) => (Number.isNaN(d.before) ? { ...d, before: mtimeMs } : d));
    }
    return log;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/** `readLogDir`, synchronously, in one pass (for compaction: undefined when a log vanished). */
export function readLogDirSync(logDir: string): UsageLog[] | undefined {
  const logs: UsageLog[] = [];
  for (const { name, writer } of logNames(readdirSync(logDir))) {
    const path = join(logDir, name);
    try {
      logs.push(parseLog(name, writer, readFileSync(path, 'utf8'), () => statSync(path).mtimeMs));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }
  return logs;
}

function orEmptyIfMissing(error: NodeJS.ErrnoException): string[] {
  if (error.code === 'ENOENT') {
    return [];
  }
  throw error;
}
