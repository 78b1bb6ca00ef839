import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCassette } from '../../../src/cassette/format.js';
import { DEFAULT_USAGE_REPORT_DIR, readUsageReport, writeUsageReport } from '../../../src/cassette/usage-report.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { buildCli, runBin } from './helpers/cli.js';
import { plainSession, recordCassette, replayAndReport } from './helpers/record.js';

const project = useTempDir('spark-cli-prune-');
let build: ReturnType<typeof buildCli>;
const FILE = 'fixtures/cassettes/chat.yaml';
const SESSION = plainSession(3);

beforeAll(() => {
  build = buildCli();
});

afterAll(() => {
  build.remove();
});

const cli = (...args: string[]) => runBin(build.bin, args, { cwd: project.path });
const cassetteDir = () => join(project.path, 'fixtures/cassettes');
const reportDir = () => join(project.path, DEFAULT_USAGE_REPORT_DIR);
const ids = async (): Promise<string[]> =>
  parseCassette(await readFile(join(project.path, FILE), 'utf8'), FILE).interactions.map((i) => i.id);

/** Records three questions, then replays only the first, as a test that stopped asking two would. */
async function recordThenReplayFirst(): Promise<{ baseUrl: string; all: string[]; unused: string[] }> {
  const baseUrl = await recordCassette(cassetteDir(), 'chat', SESSION);
  const unused = await replayAndReport(cassetteDir(), 'chat', baseUrl, SESSION.slice(0, 1), reportDir());
  return { baseUrl, all: await ids(), unused };
}

describe('spark-cassette prune', () => {
  test('lists what the last replay left unused and changes nothing without --write', async () => {
    const { all, unused } = await recordThenReplayFirst();
    expect(unused).toEqual(all.slice(1));
    const before = await readFile(join(project.path, FILE), 'utf8');

    const run = await cli('prune');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${FILE}: would remove 2 interactions, 1 left\n`);
    expect(run.stdout).toContain(`  - #2 ${all[1]}  POST `);
    expect(run.stdout).toContain(`  - #3 ${all[2]}  POST `);
    expect(run.stdout).toContain(
      'Dry run: nothing was changed. Run the same command with `--write` to remove 2 interactions.',
    );
    expect(await readFile(join(project.path, FILE), 'utf8')).toBe(before);
  });

  test('removes them with --write, keeps a file that still replays, and has nothing more to do after', async () => {
    const { baseUrl, all } = await recordThenReplayFirst();

    const run = await cli('prune', '--write');

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${FILE}: removed 2 interactions, 1 left\n`);
    expect(await ids()).toEqual(all.slice(0, 1));
    // The pruned cassette still serves the request that uses it, and nothing is unused now.
    expect(await replayAndReport(cassetteDir(), 'chat', baseUrl, SESSION.slice(0, 1), reportDir())).toEqual([]);
    expect((await cli('prune')).stdout).toBe(`${FILE}: every interaction used\n`);
  });

  test('reports what it did as JSON with --json', async () => {
    const { all } = await recordThenReplayFirst();

    const run = await cli('prune', '--write', '--json');

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      command: 'prune',
      ok: true,
      write: true,
      cassettes: [
        {
          file: FILE,
          status: 'pruned',
          removed: [
            { index: 1, id: all[1], method: 'POST', url: expect.stringMatching(/\/v1\/chat\/completions$/) },
            { index: 2, id: all[2], method: 'POST', url: expect.stringMatching(/\/v1\/chat\/completions$/) },
          ],
          remaining: 1,
          reportedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
      ],
      problems: [],
    });
  });

  test('skips a cassette re-recorded after its report, and says why', async () => {
    await recordThenReplayFirst();
    await recordCassette(cassetteDir(), 'chat', SESSION);
    const before = await readFile(join(project.path, FILE), 'utf8');

    const run = await cli('prune', '--write');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^fixtures\/cassettes\/chat\.yaml: skipped\n {2}stale: the file changed after the last replay reported on it \(report \S+, file modified \S+\); run the tests in replay mode again\n$/,
    );
    expect(await readFile(join(project.path, FILE), 'utf8')).toBe(before);
  });

  test('skips a hand-edited cassette too, even when the file is dated before its report', async () => {
    await recordThenReplayFirst();
    const path = join(project.path, FILE);
    await writeFile(path, (await readFile(path, 'utf8')).replace('question 3', 'question three'));
    // A checkout or a copy can leave any date on a file: the report's digest decides, not dates.
    const report = await readUsageReport(path, { dir: reportDir() });
    const hourBefore = new Date(Date.parse(report?.when ?? '') - 3_600_000);
    await utimes(path, hourBefore, hourBefore);

    const run = await cli('prune', '--json');

    expect(JSON.parse(run.stdout).cassettes).toEqual([
      expect.objectContaining({ status: 'stale', removed: [], reportedAt: report?.when }),
    ]);
  });

  test('skips cassettes no replay reported on', async () => {
    await recordCassette(cassetteDir(), 'chat', SESSION);

    const run = await cli('prune');

    expect(run).toEqual({
      code: 0,
      stdout: `${FILE}: skipped\n  no-report: no replay has reported on it (reports are read from ${DEFAULT_USAGE_REPORT_DIR})\n`,
      stderr: '',
    });
  });

  test('reads reports from --report-dir', async () => {
    const baseUrl = await recordCassette(cassetteDir(), 'chat', SESSION);
    await replayAndReport(cassetteDir(), 'chat', baseUrl, SESSION.slice(0, 2), join(project.path, 'elsewhere'));

    const run = await cli('prune', '--report-dir', 'elsewhere', '--json');

    expect(JSON.parse(run.stdout).cassettes).toEqual([
      expect.objectContaining({ status: 'would-prune', remaining: 2 }),
    ]);
  });

  test('never removes a recording that one test of a run used when another test of the same run did not', async () => {
    const baseUrl = await recordCassette(cassetteDir(), 'chat', SESSION);
    // Two tests share the cassette in one process: the first asks question 1, the second 2 and 3.
    await replayAndReport(cassetteDir(), 'chat', baseUrl, SESSION.slice(0, 1), reportDir());
    await replayAndReport(cassetteDir(), 'chat', baseUrl, SESSION.slice(1), reportDir());

    const run = await cli('prune', '--json');

    expect(JSON.parse(run.stdout).cassettes).toEqual([expect.objectContaining({ status: 'all-used', removed: [] })]);
  });

  test('exits 1 for a cassette it cannot read and still prunes the others', async () => {
    const { all } = await recordThenReplayFirst();
    await writeFile(join(cassetteDir(), 'broken.yaml'), 'version: 1\ninteractions: [\n');
    await writeUsageReport({ cassettePath: join(cassetteDir(), 'broken.yaml'), unused: ['x'] }, { dir: reportDir() });

    const run = await cli('prune', '--write');

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('fixtures/cassettes/broken.yaml:');
    expect(await ids()).toEqual(all.slice(0, 1));
  });
});
