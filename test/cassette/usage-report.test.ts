import { fork, spawn } from 'node:child_process';
import { appendFile, mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getEnvironmentData, setEnvironmentData, threadId, Worker } from 'node:worker_threads';
import { basename, join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import {
  cassetteDigest,
  prepareUsageReport,
  readUsageReport,
  readUsageReports,
  usageLogDir,
  usageLogPath,
  writeUsageReport,
} from '../../src/cassette/usage-report.js';
import { TEST_RUN_KEY, testRunId } from '../../src/internal/test-run.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-usage-');

async function cassette(name: string, text = `version: 1\ninteractions: []\n# ${name}\n`): Promise<string> {
  const path = join(dir.path, 'cassettes', `${name}.yaml`);
  await mkdir(join(dir.path, 'cassettes'), { recursive: true });
  await writeFile(path, text);
  return path;
}

const reports = () => ({ dir: join(dir.path, 'reports') });

// A report line as another writer would leave it.
const foreign = {
  version: 1,
  cassettePath: '/elsewhere.yaml',
  cassetteSha256: 'x',
  unused: [],
  when: '2025-01-01T00:00:00.000Z',
  pid: 1,
  run: 'elsewhere:1',
};

const CHILD = fileURLToPath(new URL('./fixtures/report-usage-child.ts', import.meta.url));
const IDS = ['a-1', 'b-1', 'c-1', 'd-1', 'e-1', 'f-1'];
/** What worker `n` of 4 reports: every id but the one it used (`e-1` and `f-1` none used). */
const unusedBy = (n: number): string[] => IDS.filter((_, i) => i !== n);

type Runner = (input: Record<string, unknown>) => Promise<number | null>;
// A thread of this process, as vitest's threads are of its main process, which never loads
// spark-models: so the thread inherits no run from here, and tells its run by the pid.
const inThread: Runner = (input) =>
  new Promise((resolve, reject) => {
    const run = getEnvironmentData(TEST_RUN_KEY);
    setEnvironmentData(TEST_RUN_KEY, undefined);
    const worker = new Worker(CHILD, { execArgv: ['--import', 'tsx'], workerData: input });
    setEnvironmentData(TEST_RUN_KEY, run);
    worker.on('exit', resolve);
    worker.on('error', reject);
  });
// A child forked with an IPC channel, as vitest's forks are: one run with its parent.
const inFork: Runner = (input) =>
  new Promise((resolve) => {
    const child = fork(CHILD, [JSON.stringify(input)], { execArgv: ['--import', 'tsx'] });
    child.on('exit', resolve);
  });
// A process of its own (no IPC channel): another run.
const inOwnProcess: Runner = (input) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(input)], { stdio: 'inherit' });
    child.on('exit', resolve);
  });

describe('usage reports', () => {
  test('appends one JSON line per report to a log only this thread writes, in a directory named by a hash of the cassette path', async () => {
    const path = await cassette('a');
    const when = new Date('2025-01-31T12:00:00.000Z');

    const written = await writeUsageReport({ cassettePath: path, unused: ['abc-1', 'def-1'], when }, reports());
    await writeUsageReport({ cassettePath: path, unused: ['abc-1'], when }, reports());

    expect(written).toBe(usageLogPath(path, reports()));
    expect(written?.startsWith(usageLogDir(path, reports()))).toBe(true);
    expect(usageLogDir(path, reports())).toMatch(/[/\\][0-9a-f]{16}$/);
    expect(written).toMatch(
      new RegExp(`[/\\\\]${process.pid}-${threadId}-0-${encodeURIComponent(testRunId())}\\.jsonl$`),
    );
    const line = {
      version: 1,
      cassettePath: path,
      cassetteSha256: cassetteDigest(await readFile(path, 'utf8')),
      unused: ['abc-1', 'def-1'],
      when: '2025-01-31T12:00:00.000Z',
      pid: process.pid,
      run: testRunId(),
    };
    expect(await readFile(written as string, 'utf8')).toBe(
      `${JSON.stringify(line)}\n${JSON.stringify({ ...line, unused: ['abc-1'] })}\n`,
    );
  });

  test('readies the log in the background, so that the report is an append to a file that exists', async () => {
    const path = await cassette('readied');
    const log = usageLogPath(path, reports());

    prepareUsageReport(path, reports());

    await vi.waitFor(async () => expect(await readFile(log, 'utf8')).toBe(''));
    expect(await readUsageReport(path, reports())).toBeUndefined();
    expect(await writeUsageReport({ cassettePath: path, unused: ['a-1'] }, reports())).toBe(log);
    expect((await readUsageReport(path, reports()))?.unused).toEqual(['a-1']);
  });

  test('reads a report back by cassette path, and all of them keyed by path', async () => {
    const [a, b] = [await cassette('a'), await cassette('b')];
    await writeUsageReport({ cassettePath: a, unused: ['x-1'] }, reports());
    await writeUsageReport({ cassettePath: b, unused: [] }, reports());

    expect((await readUsageReport(a, reports()))?.unused).toEqual(['x-1']);
    expect([...(await readUsageReports(reports())).keys()].sort()).toEqual([a, b].sort());
  });

  test('keeps only ids unused by both when the same process reports twice on the same text', async () => {
    const path = await cassette('shared');
    await writeUsageReport({ cassettePath: path, unused: ['q2-1', 'q3-1'] }, reports());
    await writeUsageReport({ cassettePath: path, unused: ['q1-1', 'q3-1'] }, reports());

    expect((await readUsageReport(path, reports()))?.unused).toEqual(['q3-1']);
  });

  test('replaces the report when the cassette text changed since the last one', async () => {
    const path = await cassette('changing');
    await writeUsageReport({ cassettePath: path, unused: ['old-1'] }, reports());
    await writeFile(path, 'version: 1\ninteractions: []\n# re-recorded\n');
    await writeUsageReport({ cassettePath: path, unused: ['new-1'] }, reports());

    const report = await readUsageReport(path, reports());
    expect(report?.unused).toEqual(['new-1']);
    expect(report?.cassetteSha256).toBe(cassetteDigest('version: 1\ninteractions: []\n# re-recorded\n'));
  });

  test('uses the text it is given instead of reading the file', async () => {
    const path = await cassette('given', 'on disk');

    await writeUsageReport({ cassettePath: path, unused: [], text: 'in memory' }, reports());

    expect((await readUsageReport(path, reports()))?.cassetteSha256).toBe(cassetteDigest('in memory'));
  });

  test('writes nothing for a cassette file that does not exist', async () => {
    const written = await writeUsageReport(
      { cassettePath: join(dir.path, 'missing.yaml'), unused: ['a-1'] },
      reports(),
    );

    expect(written).toBeUndefined();
    expect(await readdir(dir.path)).toEqual([]);
  });

  test('gives no report when a line of the latest run is damaged, or a damaged line may be newer', async () => {
    const path = await cassette('damaged');
    await writeUsageReport({ cassettePath: path, unused: ['a-1'] }, reports());
    expect((await readUsageReport(path, reports()))?.unused).toEqual(['a-1']);

    // A write cut short in this run's log: that line may have used a-1.
    await appendFile(usageLogPath(path, reports()), '{ "version": 1, "cassettePath": ');
    expect(await readUsageReport(path, reports())).toBeUndefined();
    expect(await readUsageReports(reports())).toEqual(new Map());
  });

  test('ignores a damaged line of another run written before the latest report, and lines of other cassettes', async () => {
    const path = await cassette('older-damage');
    const logDir = usageLogDir(path, reports());
    await mkdir(logDir, { recursive: true });
    const otherRun = join(logDir, `99999-0-0-${encodeURIComponent('elsewhere:1')}.jsonl`);
    await writeFile(
      otherRun,
      `{ "version": 1, "cass\n${JSON.stringify({ ...foreign, cassettePath: '/elsewhere.yaml' })}\n`,
    );
    const hourAgo = new Date(Date.now() - 3_600_000);
    await utimes(otherRun, hourAgo, hourAgo);
    await writeUsageReport({ cassettePath: path, unused: ['a-1'] }, reports());

    expect((await readUsageReport(path, reports()))?.unused).toEqual(['a-1']);

    // The same damage written after the report may have been a newer run's line.
    await utimes(otherRun, new Date(), new Date(Date.now() + 1_000));
    expect(await readUsageReport(path, reports())).toBeUndefined();
    expect(await readUsageReports({ dir: join(dir.path, 'no-such-dir') })).toEqual(new Map());
  });

  test('ignores reports of the previous format (one <key>.json per cassette) and removes them', async () => {
    const path = await cassette('previous');
    const logDir = usageLogDir(path, reports());
    await mkdir(reports().dir, { recursive: true });
    await writeFile(`${logDir}.json`, JSON.stringify({ ...foreign, cassettePath: path, unused: ['a-1'] }));
    expect(await readUsageReport(path, reports())).toBeUndefined();

    await writeUsageReport({ cassettePath: path, unused: ['b-1'] }, reports());

    expect((await readUsageReport(path, reports()))?.unused).toEqual(['b-1']);
    expect(await readdir(reports().dir)).toEqual([basename(logDir)]);
  });

  test.each([
    ['threads of one process', inThread],
    ['forked processes of one run', inFork],
  ])('merges the reports of %s replaying at once, instead of the last one winning', async (_name, run) => {
    const path = await cassette('concurrent');
    const input = (n: number) => ({ cassettePath: path, dir: reports().dir, unused: unusedBy(n) });

    expect(await Promise.all([0, 1, 2, 3].map((n) => run(input(n))))).toEqual([0, 0, 0, 0]);

    expect((await readUsageReport(path, reports()))?.unused).toEqual(['e-1', 'f-1']);
    // One log per writer, and nothing else (no lock, no temp file).
    const logs = await readdir(usageLogDir(path, reports()));
    expect(logs).toHaveLength(4);
    expect(logs.every((name) => name.endsWith('.jsonl'))).toBe(true);
  });

  test('merges the reports of 6 forked processes and 6 threads of one run replaying at once', async () => {
    const path = await cassette('many');
    const ids = Array.from({ length: 12 }, (_, n) => `q${n}-1`).concat(['never-1', 'never-2']);
    // Writer n used only q<n>-1: all that stays unused is never-1 and never-2. Forks of this
    // process and threads of it are one run, in either vitest pool.
    const input = (n: number) => ({
      cassettePath: path,
      dir: reports().dir,
      unused: ids.filter((id) => id !== `q${n}-1`),
    });
    const writers = Array.from({ length: 12 }, (_, n) => (n % 2 === 0 ? inFork : inThread)(input(n)));

    expect(await Promise.all(writers)).toEqual(Array(12).fill(0));

    expect((await readUsageReport(path, reports()))?.unused).toEqual(['never-1', 'never-2']);
    expect(await readdir(usageLogDir(path, reports()))).toHaveLength(12);
  });

  test('lets a later run replace the report of an earlier one', async () => {
    const path = await cassette('runs');
    await writeUsageReport({ cassettePath: path, unused: ['a-1'] }, reports());

    expect(await inOwnProcess({ cassettePath: path, dir: reports().dir, unused: ['b-1', 'c-1'] })).toBe(0);

    expect((await readUsageReport(path, reports()))?.unused).toEqual(['b-1', 'c-1']);
  });
});
