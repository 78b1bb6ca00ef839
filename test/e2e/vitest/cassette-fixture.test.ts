import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openaiResponseData, type HttpResponseData } from '../../../src/testing/index.js';
import { titleSegment } from '../../../src/vitest/cassette-name.js';
import { listFiles } from '../../helpers/temp-dir.js';
import { startOpenAIServer, type ReceivedRequest } from '../../helpers/openai-server.js';
import { printedCassettes, runVitest, type FixtureRun } from './helpers/run-vitest.js';

const PROJECT = fileURLToPath(new URL('./fixtures/cassette-project/', import.meta.url));
const MSW_PROJECT = fileURLToPath(new URL('./fixtures/msw-project/', import.meta.url));

/** Answers by content, not by arrival order: the fixture's files run in parallel workers. */
function answer(request: ReceivedRequest): HttpResponseData {
  const messages = request.body.messages as { role: string; content: unknown }[];
  const last = messages.at(-1);
  if (last?.role === 'tool') {
    return openaiResponseData.chatCompletion({ text: 'It is sunny in Paris.' });
  }
  if (request.body.tools) {
    return openaiResponseData.toolCalls([{ name: 'get_weather', arguments: { location: 'Paris' } }]);
  }
  return openaiResponseData.chatCompletion({ text: `You said: ${String(last?.content)}` });
}

/** The cassette files under a run's working directory. */
async function cassetteFiles(cwd: string): Promise<string[]> {
  const files = await listFiles(join(cwd, 'fixtures/cassettes')).catch(() => []);
  return files.filter((file) => file.endsWith('.yaml')).sort();
}

const statusOf = (run: FixtureRun, title: string): string | undefined => run.tests.get(title)?.status;

describe('the cassette fixture in a fixture project', () => {
  const dirs: string[] = [];
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'spark-cassette-fixture-'));
    dirs.push(dir);
    return dir;
  };
  let recordCwd: string;
  let shardCwd: string;
  let mswCwd: string;
  let requestsWhileRecording: number;
  let recorded: FixtureRun;
  let shards: FixtureRun[];
  let replayed: FixtureRun;
  let mswRuns: FixtureRun[];

  beforeAll(async () => {
    recordCwd = await tempDir();
    shardCwd = await tempDir();
    mswCwd = await tempDir();
    const server = await startOpenAIServer((request, res) => {
      const data = answer(request);
      res.writeHead(data.status, data.headers);
      res.end(data.body);
    });
    const env = { FIXTURE_BASE_URL: server.baseUrl, FIXTURE_PHASE: 'record' };
    try {
      recorded = await runVitest(PROJECT, { cwd: recordCwd, env });
      requestsWhileRecording = server.requests.length;
      shards = [];
      for (const shard of ['1/2', '2/2']) {
        shards.push(await runVitest(PROJECT, { cwd: shardCwd, env, args: [`--shard=${shard}`] }));
      }
      mswRuns = [await runVitest(MSW_PROJECT, { cwd: mswCwd, env })];
    } finally {
      await server.close();
    }
    // The server is gone: whatever is not in a cassette fails to connect.
    const replayEnv = { FIXTURE_BASE_URL: server.baseUrl, FIXTURE_PHASE: 'replay', CI: '1' };
    replayed = await runVitest(PROJECT, { cwd: recordCwd, env: replayEnv });
    mswRuns.push(await runVitest(MSW_PROJECT, { cwd: mswCwd, env: replayEnv }));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  test('records on the first run and replays with the server gone, module-scope clients included', () => {
    const passing = [
      'passes: answers with the weather tool',
      'passes: serves a raw SDK client built at module scope',
      'passes: records and replays through beforeEach and afterEach',
      'passes: gives each test its own cassette',
    ];
    for (const run of [recorded, replayed]) {
      for (const title of passing) {
        // On failure, show what the fixture run printed: its own error says why.
        expect(statusOf(run, title), `${title}\n${run.output}`).toBe('passed');
      }
    }
    expect(requestsWhileRecording).toBeGreaterThan(0);
    expect(new Set(printedCassettes(recorded).values())).toEqual(new Set(['auto']));
    expect(new Set(printedCassettes(replayed).values())).toEqual(new Set(['replay']));
  });

  test('names each cassette from the test file and the slugged, hashed title path', async () => {
    const expected = `weather.fixture/${titleSegment('weather agent')}/${titleSegment('passes: answers with the weather tool')}`;
    expect(printedCassettes(replayed).get(expected)).toBe('replay');
    expect(expected).toMatch(
      /^weather\.fixture\/weather-agent-[0-9a-f]{6}\/passes-answers-with-the-weather-tool-[0-9a-f]{6}$/,
    );
    const files = await cassetteFiles(recordCwd);
    expect(files).toContain(`${expected}.yaml`);
    expect(files).toContain(`hooks.fixture/${titleSegment('passes: gives each test its own cassette')}.yaml`);
    expect(new Set(printedCassettes(recorded).keys())).toEqual(new Set(printedCassettes(replayed).keys()));
  });

  test('gives --shard=1/2 and --shard=2/2 together the same cassette names as an unsharded run', async () => {
    const [first, second] = shards as [FixtureRun, FixtureRun];
    // Every "passes:" test passed in its shard (else its name is missing below); on failure,
    // the message holds what that shard printed.
    for (const [index, run] of shards.entries()) {
      for (const [title, result] of run.tests) {
        const expected = title.startsWith('passes: ') ? 'passed' : result.status;
        expect(result.status, `--shard=${index + 1}/2 > ${title}\n${run.output}`).toBe(expected);
      }
    }
    expect(first.tests.size).toBeGreaterThan(0);
    expect(second.tests.size).toBeGreaterThan(0);
    expect([...first.tests.keys()].filter((title) => second.tests.has(title))).toEqual([]);
    const sharded = new Map([...printedCassettes(first), ...printedCassettes(second)]);
    expect(new Set(sharded.keys())).toEqual(new Set(printedCassettes(recorded).keys()));
    expect(await cassetteFiles(shardCwd)).toEqual(await cassetteFiles(recordCwd));
  });

  test('fails a test whose code swallowed a cassette miss, with the miss message', () => {
    for (const run of [recorded, replayed]) {
      const swallowed = run.tests.get('fails: swallows a cassette miss');
      expect(swallowed?.status).toBe('failed');
      expect(swallowed?.printed).toContain(
        'CassetteMissError: Cassette miss in fixtures/cassettes/swallow/never-recorded.yaml',
      );
      expect(swallowed?.printed).toContain('POST');
      expect(statusOf(run, 'passes: makes no request at all')).toBe('passed');
    }
  });

  test('reports the recordings a replay did not use', () => {
    const test = `weather.fixture/${titleSegment('weather agent')}/${titleSegment('passes: reports recordings a replay left unused')}`;
    expect(statusOf(replayed, 'passes: reports recordings a replay left unused')).toBe('passed');
    expect(replayed.output).toMatch(
      new RegExp(
        `\\[spark-models\\] Cassette fixtures/cassettes/${test.replace(/[.]/g, '\\.')}\\.yaml: 1 recording was not used in this run: [0-9a-f]{12}-1 \\(POST http://127\\.0\\.0\\.1:\\d+/v1/chat/completions\\)`,
      ),
    );
    expect(recorded.output).not.toContain('recording was not used');
  });

  test('fails each matcher on a cassette that does not match, naming the Cassette', () => {
    const failure = (title: string): string => {
      const result = replayed.tests.get(title);
      expect(result?.status, title).toBe('failed');
      return result?.printed ?? '';
    };
    expect(failure('fails: toHaveCalledTool with a tool never called')).toContain(
      'expect(Cassette).toHaveCalledTool(name)\n\nExpected a call of: search_web\nReceived tool calls:\n  0: get_weather({"location":"Paris"})',
    );
    expect(failure('fails: not.toHaveCalledTool with a tool that was called')).toContain(
      'Expected no call of: get_weather\nReceived 1 matching call:',
    );
    expect(failure('fails: toHaveToolCallSequence with the wrong sequence')).toContain(
      'Expected 2 tool calls in this order, received 1:',
    );
    expect(failure('fails: toHaveModelCallCount with the wrong count')).toContain(
      'Expected model calls: 5\nReceived model calls: 2',
    );
  });

  test("runs beside a project's own MSW server: its handlers keep working and cassettes go through it", () => {
    const [record, replay] = mswRuns as [FixtureRun, FixtureRun];
    for (const run of [record, replay]) {
      expect(statusOf(run, "passes: keeps the project's own handlers and bypass() working")).toBe('passed');
      expect(statusOf(run, 'passes: serves the cassette through the server it is given')).toBe('passed');
    }
    expect([...printedCassettes(record).values(), ...printedCassettes(replay).values()]).toEqual(['auto', 'replay']);
  });
});
