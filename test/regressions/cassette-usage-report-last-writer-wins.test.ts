/**
 * Regression: two workers replaying one cassette each wrote the usage report, and the last
 * one won: it listed as unused the recordings only the other worker used, and
 * `spark-cassette prune --write` would have removed them. Each worker now appends to a log of
 * its own, and readers merge the logs of one run (threads of one process, or processes forked
 * by one runner).
 */
import { fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readUsageReport } from '../../src/cassette/usage-report.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-regression-usage-report-');
const CHILD = fileURLToPath(new URL('../cassette/fixtures/report-usage-child.ts', import.meta.url));

describe('usage reports of two workers replaying one cassette', () => {
  test('keep as unused only what neither worker used', async () => {
    const cassettePath = join(dir.path, 'shared.yaml');
    await mkdir(dir.path, { recursive: true });
    await writeFile(cassettePath, 'version: 1\ninteractions: []\n');
    const reportDir = join(dir.path, 'reports');
    const worker = (unused: string[]): Promise<number | null> =>
      new Promise((resolve) => {
        const child = fork(CHILD, [JSON.stringify({ cassettePath, dir: reportDir, unused })], {
          execArgv: ['--import', 'tsx'],
        });
        child.on('exit', resolve);
      });

    // Worker 1 used q1, worker 2 used q2; nobody used q3.
    expect(await Promise.all([worker(['q2-1', 'q3-1']), worker(['q1-1', 'q3-1'])])).toEqual([0, 0]);

    expect((await readUsageReport(cassettePath, { dir: reportDir }))?.unused).toEqual(['q3-1']);
  });
});
