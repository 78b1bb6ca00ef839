import { fork, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  cassetteDigest,
  readUsageReport,
  readUsageReports,
  usageReportPath,
  writeUsageReport,
} from '../../src/cassette/usage-report.js';
import { testRunId } from '../../src/internal/test-run.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-usage-');

async function cassette(name: string, text = `version: 1\ninteractions: []\n# ${name}\n`): Promise<string> {
  const path = join(dir.path, 'cassettes', `${name}.yaml`);
  await mkdir(join(dir.path, 'cassettes'), { recursive: true });
  await writeFile(path, text);
  return path;
}

const reports = () => ({ dir: join(dir.path, 'reports') });

const CHILD = fileURLToPath(new URL('./fixtures/report-usage-child.ts', import.meta.url));
const IDS = ['a-1', 'b-1', 'c-1', 'd-1', 'e-1', 'f-1'];
/** What worker `n` of 4 reports: every id but the one it used (`e-1` and `f-1` none used). */
const unusedBy = (n: number): string[] => IDS.filter((_, i) => i !== n);

type Runner = (input: Record<string, unknown>) => Promise<number | null>;
const inThread: Runner = (input) =>
  new Promise((resolve, reject) => {
    const worker = new Worker(CHILD, { execArgv: ['--import', 'tsx'], workerData: input });
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
  test('writes one JSON file per cassette, named by a hash of its absolute path, holding the digest of the text it saw', async () => {
    const path = await cassette('a');
    const when = new Date('2025-01-31T12:00:00.000Z');

    const written = await writeUsageReport({ cassettePath: path, unused: ['abc-1', 'def-1'], when }, reports());

    expect(written).toBe(usageReportPath(path, reports()));
    expect(written).toMatch(/[/\\][0-9a-f]{16}\.json$/);
    expect(JSON.parse(await readFile(written as string, 'utf8'))).toEqual({
      version: 1,
      cassettePath: path,
      cassetteSha256: cassetteDigest(await readFile(path, 'utf8')),
      unused: ['abc-1', 'def-1'],
      when: '2025-01-31T12:00:00.000Z',
      pid: process.pid,
      run: testRunId(),
    });
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

  test('treats a damaged or foreign report as absent', async () => {
    const path = await cassette('damaged');
    const reportPath = usageReportPath(path, reports());
    await mkdir(reports().dir, { recursive: true });
    await writeFile(reportPath, '{ "version": 1, "cassettePath": ');
    expect(await readUsageReport(path, reports())).toBeUndefined();

    await writeFile(
      reportPath,
      JSON.stringify({
        version: 1,
        cassettePath: '/elsewhere.yaml',
        cassetteSha256: 'x',
        unused: [],
        when: 'now',
        pid: 1,
        run: 'elsewhere:1',
      }),
    );
    expect(await readUsageReport(path, reports())).toBeUndefined();
    expect(await readUsageReports({ dir: join(dir.path, 'no-such-dir') })).toEqual(new Map());
  });

  test.each([
    ['threads of one process', inThread],
    ['forked processes of one run', inFork],
  ])('merges the reports of %s replaying at once, instead of the last one winning', async (_name, run) => {
    const path = await cassette('concurrent');
    const input = (n: number) => ({ cassettePath: path, dir: reports().dir, unused: unusedBy(n) });

    expect(await Promise.all([0, 1, 2, 3].map((n) => run(input(n))))).toEqual([0, 0, 0, 0]);

    expect((await readUsageReport(path, reports()))?.unused).toEqual(['e-1', 'f-1']);
    expect((await readdir(reports().dir)).filter((name) => !name.endsWith('.json'))).toEqual([]);
  });

  test('lets a later run replace the report of an earlier one', async () => {
    const path = await cassette('runs');
    await writeUsageReport({ cassettePath: path, unused: ['a-1'] }, reports());

    expect(await inOwnProcess({ cassettePath: path, dir: reports().dir, unused: ['b-1', 'c-1'] })).toBe(0);

    expect((await readUsageReport(path, reports()))?.unused).toEqual(['b-1', 'c-1']);
  });
});
