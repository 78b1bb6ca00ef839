import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { describe, expect, test } from 'vitest';
import { compactUsageLogs } from '../../src/cassette/usage-compaction.js';
import { logName, type UsageReport } from '../../src/cassette/usage-log.js';
import { readUsageReport, usageLogDir, writeUsageReport } from '../../src/cassette/usage-report.js';
import { testRunId } from '../../src/internal/test-run.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-usage-compaction-');
const CHILD = fileURLToPath(new URL('./fixtures/report-usage-child.ts', import.meta.url));

// Above any pid_max (2^22): never a live process.
const DEAD_PID = 4_194_305;
const deadRun = (n = 0) => `${hostname()}:${DEAD_PID + n}`;

async function cassette(name: string): Promise<{ path: string; logDir: string; reportDir: string }> {
  const path = join(dir.path, `${name}.yaml`);
  await writeFile(path, `version: 1\ninteractions: []\n# ${name}\n`);
  const reportDir = join(dir.path, 'reports');
  return { path, logDir: usageLogDir(path, { dir: reportDir }), reportDir };
}

/** A log as a writer that is gone (pid `DEAD_PID + n`) left it. */
async function goneLog(logDir: string, n: number, run: string, lines: string[]): Promise<string> {
  const name = logName({ pid: DEAD_PID + n, threadId: 0, generation: 0, run });
  await mkdir(logDir, { recursive: true });
  await writeFile(join(logDir, name), lines.map((line) => `${line}\n`).join(''));
  return name;
}

function line(path: string, run: string, unused: string[], when: string): string {
  const report: UsageReport = { version: 1, cassettePath: path, cassetteSha256: 'abc', unused, when, pid: 1, run };
  return JSON.stringify(report);
}

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => child.on('exit', (code) => resolve(code)));

describe('compaction of usage logs', () => {
  test('absorbs the logs of exited writers and removes them, never a live writer’s, and the merged report stays the same', async () => {
    const { path, logDir, reportDir } = await cassette('shared');
    const input = (unused: string[], stay = false) =>
      JSON.stringify({ cassettePath: path, dir: reportDir, unused, stay });
    // An earlier run, in a process of its own (over once it exits)...
    const earlier = spawn(process.execPath, ['--import', 'tsx', CHILD, input(['a-1', 'b-1', 'c-1', 'd-1'])]);
    expect(await exited(earlier)).toBe(0);
    // ...then this run: three forks that exit, and one still running.
    const forks = [
      ['b-1', 'c-1', 'd-1'],
      ['a-1', 'c-1', 'd-1'],
      ['a-1', 'b-1', 'd-1'],
    ].map((unused) => exited(fork(CHILD, [input(unused)], { execArgv: ['--import', 'tsx'] })));
    expect(await Promise.all(forks)).toEqual([0, 0, 0]);
    const live = fork(CHILD, [input(['a-1', 'c-1', 'd-1'], true)], { execArgv: ['--import', 'tsx'], stdio: 'pipe' });
    try {
      await new Promise((resolve) => live.stdout?.once('data', resolve));
      const before = await readUsageReport(path, { dir: reportDir });
      expect(before?.unused).toEqual(['d-1']);
      const liveLog = (await readdir(logDir)).find((name) => name.startsWith(`${live.pid}-`));

      const result = compactUsageLogs(logDir);

      expect(result?.removed).toHaveLength(4);
      const left = await readdir(logDir);
      expect(left.sort()).toEqual(
        [liveLog, logName({ pid: process.pid, threadId, generation: 1, run: before?.run ?? '' })].sort(),
      );
      expect(await readUsageReport(path, { dir: reportDir })).toEqual(before);
    } finally {
      live.kill();
    }
  });

  test('leaves logs of other machines and of live processes alone', async () => {
    const { path, logDir } = await cassette('foreign');
    const when = new Date().toISOString();
    const elsewhere = await goneLog(logDir, 1, 'elsewhere:1', [line(path, 'elsewhere:1', ['a-1'], when)]);
    const alive = logName({ pid: process.pid, threadId: threadId + 1000, generation: 0, run: testRunId() });
    await writeFile(join(logDir, alive), `${line(path, testRunId(), ['a-1'], when)}\n`);

    compactUsageLogs(logDir);

    expect((await readdir(logDir)).sort()).toEqual([alive, elsewhere].sort());
  });

  test('keeps a damaged line of the latest run as a marker, so readers stay cautious', async () => {
    const { path, logDir, reportDir } = await cassette('damaged');
    const run = testRunId();
    await goneLog(logDir, 1, run, [
      line(path, run, ['a-1', 'b-1'], new Date().toISOString()),
      '{"version":1,"cassettePa',
    ]);
    await writeUsageReport({ cassettePath: path, unused: ['a-1'] }, { dir: reportDir });
    expect(await readUsageReport(path, { dir: reportDir })).toBeUndefined();

    compactUsageLogs(logDir);

    const left = await readdir(logDir);
    expect(left).toHaveLength(1);
    expect(await readFile(join(logDir, left[0] as string), 'utf8')).toMatch(/^\{"version":1,"damaged":true,"run":/);
    expect(await readUsageReport(path, { dir: reportDir })).toBeUndefined();
  });

  test('drops the logs of older runs that are over, damaged lines with them', async () => {
    const { path, logDir, reportDir } = await cassette('older');
    const hourAgo = new Date(Date.now() - 3_600_000);
    const old = await goneLog(logDir, 1, deadRun(1), [line(path, deadRun(1), ['b-1'], hourAgo.toISOString()), '{"ver']);
    await utimes(join(logDir, old), hourAgo, hourAgo);
    await goneLog(logDir, 2, deadRun(2), [line(path, deadRun(2), ['c-1'], hourAgo.toISOString())]);
    await writeUsageReport({ cassettePath: path, unused: ['a-1'] }, { dir: reportDir });
    const before = await readUsageReport(path, { dir: reportDir });
    expect(before?.unused).toEqual(['a-1']);

    compactUsageLogs(logDir);

    const left = await readdir(logDir);
    expect(left).toEqual([logName({ pid: process.pid, threadId, generation: 1, run: testRunId() })]);
    expect(await readFile(join(logDir, left[0] as string), 'utf8')).not.toContain(DEAD_PID.toString().slice(0, 4));
    expect(await readUsageReport(path, { dir: reportDir })).toEqual(before);
  });

  test('keeps a long-lived writer’s log short: one line per text, however many reports', async () => {
    const { path, logDir, reportDir } = await cassette('watch');
    const ids = Array.from({ length: 200 }, (_, n) => `q${n}-1`);
    for (let n = 0; n < 200; n++) {
      // Report n used q<n>-1 and every id before it.
      await writeUsageReport({ cassettePath: path, unused: ids.slice(n + 1) }, { dir: reportDir });
      await new Promise((resolve) => setImmediate(resolve));
    }

    const [log, ...others] = await readdir(logDir);
    expect(others).toEqual([]);
    expect(log).toMatch(new RegExp(`^${process.pid}-${threadId}-3-`));
    const lines = (await readFile(join(logDir, log as string), 'utf8')).trim().split('\n');
    expect(lines.length).toBe(1 + 200 - 3 * 64);
    expect((await readUsageReport(path, { dir: reportDir }))?.unused).toEqual([]);
  });

  test('starts when a thread first writes to a directory holding many logs', async () => {
    const { path, logDir, reportDir } = await cassette('piled');
    const when = new Date(Date.now() - 1_000).toISOString();
    for (let n = 0; n < 20; n++) {
      await goneLog(logDir, n, deadRun(n), [line(path, deadRun(n), ['a-1'], when)]);
    }

    await writeUsageReport({ cassettePath: path, unused: ['b-1'] }, { dir: reportDir });
    // Not on the write's path: right after it.
    expect(readdirSync(logDir)).toHaveLength(21);
    await new Promise((resolve) => setImmediate(resolve));

    expect(await readdir(logDir)).toEqual([logName({ pid: process.pid, threadId, generation: 1, run: testRunId() })]);
    expect((await readUsageReport(path, { dir: reportDir }))?.unused).toEqual(['b-1']);
  });
});
