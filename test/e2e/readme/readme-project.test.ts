import { execFileSync } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openaiResponseData } from '../../../src/testing/index.js';
import { listFiles } from '../../helpers/temp-dir.js';
import { sendExchange, startOpenAIServer, type ReceivedRequest } from '../../helpers/openai-server.js';
import { loadCorpus } from '../../helpers/corpus.js';
import { createUserProject, rerouteTo, type CommandRun, type UserProject } from './helpers/user-project.js';

// The README, followed step by step in a fresh project that installed the packed tarball:
// its vitest config and spec files (test/e2e/readme/project/, which the README quotes) are
// recorded once against a stand-in for api.openai.com, replayed on CI with no key and no
// network, checked with spark-cassette verify, and broken on purpose for the troubleshooting
// section, whose messages are quoted below.

/** Answers by content: the spec files run in parallel workers. */
function answer(request: ReceivedRequest, res: ServerResponse): void {
  const messages = request.body.messages as { role: string }[];
  if (!request.body.tools) {
    sendExchange(res, loadCorpus('01'));
  } else if (messages.at(-1)?.role !== 'tool') {
    sendExchange(res, loadCorpus('21'));
  } else {
    const data = openaiResponseData.chatCompletion({
      text: 'It is 14°C and foggy in San Francisco, and 3°C with light snow in Boston.',
      model: 'gpt-3.5-turbo-0125',
    });
    res.writeHead(data.status, data.headers).end(data.body);
  }
}

const CASSETTES = [
  'fixtures/cassettes/test/city-hooks.spec/names-a-city-with-the-plain-vitest-test-89f316.yaml',
  'fixtures/cassettes/test/city.spec/names-a-city-349e47.yaml',
  'fixtures/cassettes/weather/two-cities.yaml',
];

// The troubleshooting section of the README quotes these outputs.
const MISS = `
CassetteMissError: Cassette miss in fixtures/cassettes/test/city.spec/names-a-city-349e47.yaml: no recording matches POST https://api.openai.com/v1/chat/completions.
Closest recording: 1d58f9e4075b-1 (POST https://api.openai.com/v1/chat/completions), which differs at:
  body.messages[0].content: "Return the name of a random city in the world." -> "Return the name of a random city in Europe."
If the request changed on purpose, record the cassette again with:
  SPARK_CASSETTE_MODE=record npx vitest run test/city.spec.ts
`.trim();

const UNUSED = `
[spark-models] Cassette fixtures/cassettes/test/city.spec/names-a-city-349e47.yaml: 1 recording was not used in this run: f6ce057e4ee0-1 (POST https://api.openai.com/v1/chat/completions). Remove them (\`spark-cassette prune\`) or record the cassette again.
`.trim();

const PRUNE_DRY_RUN = `
fixtures/cassettes/test/city.spec/names-a-city-349e47.yaml: would remove 1 interaction, 1 left
  - #2 f6ce057e4ee0-1  POST https://api.openai.com/v1/chat/completions
`.trim();

const SECRET_FOUND = `
fixtures/cassettes/weather/two-cities.yaml:68  secret
  Secret in fixtures/cassettes/weather/two-cities.yaml: interaction #1 (9e4c9699c6ad-1) \`response.headers.x-debug-key\` holds an OpenAI API key (sk-pro…, 48 characters).
  fix: Run \`spark-cassette redact --write fixtures/cassettes/weather/two-cities.yaml\`, then rotate the credential if it was real: it may already be in git history.

✗ 1 problem in 1 cassette (3 cassettes, 4 interactions checked).
`.slice(1);

const REVIEW_DIFF = `
fixtures/cassettes/test/city.spec/names-a-city-349e47.yaml  against HEAD:fixtures/cassettes/test/city.spec/names-a-city-349e47.yaml: 1 changed, 0 added, 0 removed, 0 same
  #1  POST https://api.openai.com/v1/chat/completions  ·  gpt-4o-mini  changed
    request    body.messages[0].content: "Return the name of a random city in the world." -> "Return the name of a random city in Europe."

✗ 1 cassette differs: 1 interaction changed, 0 added, 0 removed (3 cassettes compared).
`.slice(1);

/** Commits the project as it is, as a user's repository holds the recorded cassettes. */
function commitAll(dir: string): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'r',
    GIT_AUTHOR_EMAIL: 'r@r',
    GIT_COMMITTER_NAME: 'r',
    GIT_COMMITTER_EMAIL: 'r@r',
  };
  for (const args of [
    ['init', '-q'],
    ['add', 'fixtures', 'test'],
    ['commit', '-qm', 'recorded'],
  ]) {
    execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  }
}

const summaryOf = (run: CommandRun): string => run.output.match(/Tests\s+(.*)/)?.[1] ?? run.output;

describe('the README, in a project of its own', () => {
  let project: UserProject;

  beforeAll(async () => {
    project = await createUserProject();
  });

  afterAll(async () => {
    await project?.remove();
  });

  test('the first run records each cassette (a key, not on CI)', async () => {
    const server = await startOpenAIServer(answer);
    let run: CommandRun;
    try {
      run = await project.npx(['vitest', 'run'], {
        OPENAI_API_KEY: 'readme-e2e-key-0123456789',
        ...rerouteTo(server.origin),
      });
    } finally {
      await server.close();
    }
    expect(summaryOf(run), run.output).toBe('9 passed (9)');
    expect(server.requests).toHaveLength(4);
    const files = (await listFiles(`${project.dir}/fixtures/cassettes`)).map((file) => `fixtures/cassettes/${file}`);
    expect(files.sort()).toEqual(CASSETTES);
  });

  test('CI replays them with no key and no network', async () => {
    // Nothing answers for api.openai.com any more, and every other host is refused.
    const run = await project.npx(['vitest', 'run'], { CI: 'true', ...rerouteTo('http://127.0.0.1:9') });
    expect(summaryOf(run), run.output).toBe('9 passed (9)');
    expect(run.code).toBe(0);
  });

  test('spark-cassette verify passes on the recordings', async () => {
    const run = await project.npx(['spark-cassette', 'verify']);
    expect(run.stdout).toBe(
      '✓ 3 cassettes, 4 interactions verified: they parse, hold no secrets and their hashes match.\n',
    );
    expect(run.code).toBe(0);
  });

  test('a request that changed misses, with a message that says what differs and how to re-record', async () => {
    const cassette = CASSETTES[1] as string;
    const [spec, recorded] = [await project.read('test/city.spec.ts'), await project.read(cassette)];
    commitAll(project.dir);
    await project.write('test/city.spec.ts', spec.replace('in the world', 'in Europe'));
    const server = await startOpenAIServer(answer);
    try {
      const miss = await project.npx(['vitest', 'run', 'test/city.spec.ts'], { CI: 'true' });
      expect(miss.code).toBe(1);
      expect(miss.output).toContain(MISS);

      // The command the message gives, with a key.
      const again = await project.npx(['vitest', 'run', 'test/city.spec.ts'], {
        SPARK_CASSETTE_MODE: 'record',
        OPENAI_API_KEY: 'readme-e2e-key-0123456789',
        ...rerouteTo(server.origin),
      });
      expect(summaryOf(again), again.output).toBe('1 passed (1)');
      expect(await project.read(cassette)).toContain('content: Return the name of a random city in Europe.');
      // The review step: what the re-recording changed, against the committed cassettes.
      const review = await project.npx(['spark-cassette', 'diff', '--git', 'HEAD', 'fixtures/cassettes']);
      expect(review.stdout).toBe(REVIEW_DIFF);
      expect(review.code).toBe(1);
      const replayed = await project.npx(['vitest', 'run', 'test/city.spec.ts'], { CI: 'true' });
      expect(summaryOf(replayed), replayed.output).toBe('1 passed (1)');
    } finally {
      await server.close();
      await project.write('test/city.spec.ts', spec);
      await project.write(cassette, recorded);
    }
  });

  test('a request the test no longer makes is reported unused, and prune --write removes it', async () => {
    const spec = await project.read('test/city.spec.ts');
    // Record a second question into the cassette (auto mode records only what is missing)...
    const asksTwice = spec.replace(
      "  expect(response.text).toContain('Lisbon');",
      "  await model.getText({ messages: [{ role: 'user', content: [{ text: 'Return the name of a random city in Europe.' }] }] });\n  expect(response.text).toContain('Lisbon');",
    );
    await project.write('test/city.spec.ts', asksTwice);
    const server = await startOpenAIServer(answer);
    try {
      const auto = await project.npx(['vitest', 'run', 'test/city.spec.ts'], {
        SPARK_CASSETTE_MODE: 'auto',
        OPENAI_API_KEY: 'readme-e2e-key-0123456789',
        ...rerouteTo(server.origin),
      });
      expect(summaryOf(auto), auto.output).toBe('1 passed (1)');
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
      await project.write('test/city.spec.ts', spec);
    }
    // ...then the test goes back to one question: its replay leaves that recording unused.
    const replay = await project.npx(['vitest', 'run', 'test/city.spec.ts'], { CI: 'true' });
    expect(summaryOf(replay), replay.output).toBe('1 passed (1)');
    expect(replay.output).toContain(UNUSED);

    const dryRun = await project.npx(['spark-cassette', 'prune']);
    expect(dryRun.stdout).toContain(PRUNE_DRY_RUN);
    expect(dryRun.code).toBe(0);
    const pruned = await project.npx(['spark-cassette', 'prune', '--write']);
    expect(pruned.stdout).toContain(
      'fixtures/cassettes/test/city.spec/names-a-city-349e47.yaml: removed 1 interaction, 1 left',
    );
    const clean = await project.npx(['vitest', 'run', 'test/city.spec.ts'], { CI: 'true' });
    expect(summaryOf(clean), clean.output).toBe('1 passed (1)');
    expect(clean.output).not.toContain('[spark-models]');
  });

  test('verify finds a secret that slipped into a cassette, and redact --write removes it', async () => {
    const file = 'fixtures/cassettes/weather/two-cities.yaml';
    const recorded = await project.read(file);
    // A key-shaped value in a header the redaction rules do not know.
    const key = ['sk', 'proj', 'Ab3dEf6hIj9kLm2nOp5q'.repeat(2)].join('-');
    await project.write(file, recorded.replace('x-request-id: ', `x-debug-key: ${key}\n        x-request-id: `));

    const found = await project.npx(['spark-cassette', 'verify']);
    expect(found.stdout).toBe(SECRET_FOUND);
    expect(found.code).toBe(1);

    const redact = await project.npx(['spark-cassette', 'redact', '--write', file]);
    expect(redact.code).toBe(0);
    expect(await project.read(file)).not.toContain(key);
    const clean = await project.npx(['spark-cassette', 'verify']);
    expect(clean.code).toBe(0);
  });
});
