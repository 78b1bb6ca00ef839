import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCassette } from '../../../src/cassette/format.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { buildCli, runBin } from './helpers/cli.js';
import { plainSession, recordCassette } from './helpers/record.js';

// The whole loop a user runs: the tests replay (Cassette.stop() leaves a usage report in the
// project), then `spark-cassette prune --write` removes what no test used. Nothing here writes
// a report by hand: the replay runs as its own process in the project directory, as vitest would.

const project = useTempDir('spark-prune-after-replay-');
const FILE = 'fixtures/cassettes/chat.yaml';
const node = resolve(import.meta.dirname, '../../../node_modules/.bin/node');
let build: ReturnType<typeof buildCli>;

beforeAll(() => {
  build = buildCli();
});

afterAll(() => {
  build.remove();
});

// Starts the built cassette layer in replay mode, asks the numbered questions through the raw
// openai SDK and stops; prints what stop() returned.
const REPLAY_SCRIPT = `
const { startCassette } = await import(process.env.CASSETTE_MODULE);
const { default: OpenAI } = await import(process.env.OPENAI_MODULE);
const cassette = await startCassette('chat', { mode: 'replay' });
const client = new OpenAI({ apiKey: 'sk-replay-key-not-the-recording-one', baseURL: process.env.BASE_URL, maxRetries: 0 });
for (const n of JSON.parse(process.env.QUESTIONS)) {
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'question ' + n }] });
}
const summary = await cassette.stop();
console.log(JSON.stringify({ replayed: summary.replayed, unused: summary.unused.map((u) => u.id) }));
`;

/** Replays questions `numbers` in a child process whose working directory is the project. */
function replayInProject(
  baseUrl: string,
  numbers: number[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    CI: 'true',
    OPENAI_API_KEY: '',
    SPARK_CASSETTE_MODE: '',
    CASSETTE_MODULE: join(dirname(dirname(build.bin)), 'cassette/index.js'),
    OPENAI_MODULE: import.meta.resolve('openai'),
    BASE_URL: baseUrl,
    QUESTIONS: JSON.stringify(numbers),
  };
  return new Promise((done) => {
    execFile(
      node,
      ['--input-type=module', '-e', REPLAY_SCRIPT],
      { cwd: project.path, env, encoding: 'utf8' },
      (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
      },
    );
  });
}

const ids = async (): Promise<string[]> =>
  parseCassette(await readFile(join(project.path, FILE), 'utf8'), FILE).interactions.map((i) => i.id);

describe('spark-cassette prune after a replay', () => {
  test('removes exactly the recording the replay left unused, and the cassette still replays the rest', async () => {
    const baseUrl = await recordCassette(join(project.path, 'fixtures/cassettes'), 'chat', plainSession(3));
    const all = await ids();

    const replay = await replayInProject(baseUrl, [1, 3]);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toEqual({ replayed: 2, unused: [all[1]] });
    expect(replay.stderr).toContain(
      '[spark-models] Cassette fixtures/cassettes/chat.yaml: 1 recording was not used in this run',
    );

    const pruned = await runBin(build.bin, ['prune', '--write'], { cwd: project.path });
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain(`${FILE}: removed 1 interaction, 2 left\n  - #2 ${all[1]}  POST `);
    expect(await ids()).toEqual([all[0], all[2]]);

    const again = await replayInProject(baseUrl, [1, 3]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ replayed: 2, unused: [] });
    expect(again.stderr).toBe('');
    expect((await runBin(build.bin, ['prune'], { cwd: project.path })).stdout).toBe(
      `${FILE}: every interaction used\n`,
    );
  });
});
