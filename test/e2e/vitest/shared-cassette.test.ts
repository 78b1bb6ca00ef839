import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { parseCassette } from '../../../src/cassette/index.js';
import { readUsageReport } from '../../../src/cassette/usage-report.js';
import { openaiResponseData } from '../../../src/testing/index.js';
import { startOpenAIServer } from '../../helpers/openai-server.js';
import { runVitest, type FixtureRun } from './helpers/run-vitest.js';

const PROJECT = fileURLToPath(new URL('./fixtures/shared-cassette-project/', import.meta.url));
const PROMPTS = ['a', 'b', 'c', 'd'].flatMap((tag) => [0, 1, 2, 3, 4].map((i) => `${tag} ${i}`));
const ROUNDS = 2;

/** Echoes the prompt after a random delay, so that the workers' recordings overlap. */
async function echoServer() {
  return startOpenAIServer(async (request, res) => {
    await sleep(Math.random() * 25);
    const prompt = String((request.body.messages as { content: unknown }[]).at(-1)?.content);
    const data = openaiResponseData.chatCompletion({ text: `echo: ${prompt}` });
    res.writeHead(data.status, data.headers);
    res.end(data.body);
  });
}

function failures(run: FixtureRun): string[] {
  return [...run.tests].filter(([, result]) => result.status !== 'passed').map(([title]) => title);
}

describe.each(['threads', 'forks'])('one cassette recorded by 4 workers at once (--pool=%s)', (pool) => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const args = [`--pool=${pool}`, '--maxWorkers=4'];

  test(`keeps all 20 recordings, round after round (${ROUNDS} rounds), and merges the usage reports of the replay`, async () => {
    const cwds: string[] = [];
    const baseUrls: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const cwd = await mkdtemp(join(tmpdir(), 'spark-shared-cassette-'));
      dirs.push(cwd);
      cwds.push(cwd);
      const server = await echoServer();
      baseUrls.push(server.baseUrl);
      let run: FixtureRun;
      try {
        run = await runVitest(PROJECT, { cwd, env: { FIXTURE_BASE_URL: server.baseUrl }, args });
      } finally {
        await server.close();
      }
      expect(failures(run), run.output).toEqual([]);
      expect(run.tests.size).toBe(20);
      expect(server.requests).toHaveLength(20);
      const cassettes = join(cwd, 'fixtures/cassettes');
      const file = parseCassette(await readFile(join(cassettes, 'shared.yaml'), 'utf8'), 'shared.yaml');
      const prompts = file.interactions.map((interaction) => {
        const body = (interaction.request.body as { json: { messages: { content: unknown }[] } }).json;
        const content = body.messages[0]?.content;
        // OpenAIModel sends content as text parts, the raw SDK as a string.
        return typeof content === 'string' ? content : (content as { text: string }[])[0]?.text;
      });
      expect(prompts.sort(), `round ${round + 1}`).toEqual([...PROMPTS].sort());
      expect(new Set(file.interactions.map((interaction) => interaction.id)).size).toBe(20);
      // No lock or temp file is left behind.
      expect(await readdir(cassettes)).toEqual(['shared.yaml']);
    }

    // Replay, with the server gone: each test uses its own recording, in 4 workers at once.
    const cwd = cwds[0] as string;
    const replay = await runVitest(PROJECT, { cwd, env: { CI: '1', FIXTURE_BASE_URL: baseUrls[0] as string }, args });
    expect(failures(replay), replay.output).toEqual([]);
    const report = await readUsageReport(join(cwd, 'fixtures/cassettes/shared.yaml'), {
      dir: join(cwd, '.spark-cache/cassette-usage'),
    });
    // Every recording was used by some worker: the reports merged instead of the last one winning.
    expect(report?.unused).toEqual([]);
    // Each test's warning shows a few ids and the count, not all 19.
    expect(replay.output).toMatch(
      /Cassette fixtures\/cassettes\/shared\.yaml: 19 recordings were not used in this run: ([0-9a-f]{12}-1 \(POST [^)]+\), ){4}[0-9a-f]{12}-1 \(POST [^)]+\) and 14 more\. Remove them \(`spark-cassette prune`\)/,
    );
  });
});
