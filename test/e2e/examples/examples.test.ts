import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startOpenAIServer } from '../../helpers/openai-server.js';
import { buildCli, runBin } from '../cli/helpers/cli.js';
import { ciEnv, ROOT, runExample, runExampleAgainst } from './helpers/run-example.js';

// What each example prints when it replays its cassette on CI with no key. The README quotes
// some of these outputs; test/readme.test.ts finds them here.
const OUTPUTS: Record<string, string> = {
  'quick-start': `
How about "Lisbon"? It’s the capital city of Portugal, known for its rich history and vibrant culture.
stop reason: end_turn, tokens: 42
`,
  'multi-turn': `
guide: How about "Lisbon"? It’s the capital city of Portugal, known for its rich history and vibrant culture.
guide: Try pastéis de nata, Lisbon's custard tarts, still warm and dusted with cinnamon.
(replay mode: 2 calls replayed, 0 recorded)
`,
  'json-schema': `
{"answer":"Paris","confidence":0.99}
answer: Paris (confidence 0.99)
`,
  agent: `
step 1: get_current_weather({"location":"San Francisco"}) -> 14°C and foggy
step 1: get_current_weather({"location":"Boston"}) -> 3°C with light snow
answer after 2 model calls: It is 14°C and foggy in San Francisco, and 3°C with light snow in Boston.
`,
  streaming: `
Why couldn't the bicycle stand up by itself? Because it was two-tired!
(17 text events, stop reason: end_turn)
`,
  responses: `
step 1: weather({"latitude":"52.5200","longitude":"13.4050"}) -> Current weather at 52.5200, 13.4050: 15°C, Wind: 10 km/h
reasoning items sent back with the tool result: 1
answer after 2 model calls: Current weather in Berlin (52.5200, 13.4050): 15°C, wind 10 km/h. 

Want a full forecast or humidity/precipitation details?
tokens: 887, of which reasoning: 320
`,
  'errors-scripted': `
1. a rate limit
  rate limited: waiting 200 ms, as the server asked, then retrying
  answer: Hello! How can I help you today?
2. a conversation too long for the model
  too long for gpt-4: kept the newest 52 of 61 messages, retrying
  answer: The team agreed to finish the launch checklist and ship on schedule.
call 1: 1 messages -> ModelRateLimitError
call 2: 1 messages -> answered
call 3: 61 messages -> ModelContextWindowError
call 4: 52 messages -> answered
`,
  'errors-cassette': `
1. a rate limit
  rate limited: waiting 200 ms, as the server asked, then retrying
  answer: Hello! How can I help you today?
2. a conversation too long for the model
  too long for gpt-4: kept the newest 52 of 61 messages, retrying
  answer: The team agreed to finish the launch checklist and ship on schedule.
`,
  'record-session': `
No OPENAI_API_KEY is set, so nothing was sent and nothing was written.

How recording works:
- Each cassette runs in a mode. SPARK_CASSETTE_MODE sets it for a whole run:
    replay       answer from the file, never touch the network (the default on CI)
    record       send every request for real and overwrite the file
    auto         replay what matches, record the rest (the default while the file is missing)
    passthrough  send every request for real, record nothing
- Off CI, a test whose cassette file is missing records it on its first run (auto), and
  replays it from then on. To record again: SPARK_CASSETTE_MODE=record npx vitest run <test file>
- A cassette is one YAML file, fixtures/cassettes/<name>.yaml under the working directory.
  Commit it: CI replays it with no key.
- The key never reaches the file: authorization and cookie headers are written as REDACTED,
  and the key's value is scrubbed wherever else it appears.

To record this example for real (one small request to gpt-4o-mini), run:
  OPENAI_API_KEY=sk-... npm run example -- record-session
`,
};

const LIST = `
  quick-start      ask one question (getText)
  multi-turn       a system prompt and a follow-up question
  json-schema      a JSON reply that follows a schema (getJson)
  agent            an Agent that calls a tool, two calls at once
  streaming        print a reply while it arrives (stream)
  responses        an Agent on OpenAI's Responses API, a reasoning model's reasoning carried
  errors-scripted  recover from a rate limit and a too-long conversation, with ScriptedModel
  errors-cassette  the same recovery, against recorded OpenAI error responses
  record-session   record a real session of your own (needs OPENAI_API_KEY)

Run one with: npm run example -- <name>
`;

const printed = (output: string | undefined): string => (output ?? '').slice(1);

describe('npm run example, on CI with no API key', () => {
  test.each(Object.keys(OUTPUTS))('runs %s and prints its real output', async (name) => {
    const run = await runExample([name]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(printed(OUTPUTS[name]));
    expect(run.code).toBe(0);
  });

  test('runs the quick start when no name is given', async () => {
    const run = await runExample([]);
    expect(run.stdout).toBe(printed(OUTPUTS['quick-start']));
    expect(run.code).toBe(0);
  });

  test('lists the examples and exits with 2 for an unknown name', async () => {
    const run = await runExample(['no-such-example']);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Unknown example "no-such-example". The examples are:${LIST}`);
    expect(run.code).toBe(2);
  });

  test('lists the examples and exits with 0 for --help', async () => {
    const run = await runExample(['--help']);
    expect(run.stderr).toBe(`Examples:${LIST}`);
    expect(run.code).toBe(0);
  });

  test('lists every example file it can run', async () => {
    const files = (await readdir(join(ROOT, 'examples'))).filter((file) => file.endsWith('.ts') && file !== 'run.ts');
    expect(files.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual(Object.keys(OUTPUTS).sort());
  });
});

describe('the record-session example with a key', () => {
  const KEY = 'examples-e2e-canary-key-0123456789';
  let tmp: string;
  let cli: ReturnType<typeof buildCli>;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'spark-record-session-'));
    cli = buildCli();
  });

  afterAll(async () => {
    cli.remove();
    await rm(tmp, { recursive: true, force: true });
  });

  test('records for real into a new temporary directory, with the key redacted', async () => {
    // The stand-in for api.openai.com answers with the corpus's real exchange for this question.
    const server = await startOpenAIServer('01');
    let run;
    try {
      run = await runExampleAgainst(
        server.origin,
        'record-session',
        ciEnv({ CI: undefined, OPENAI_API_KEY: KEY, TMPDIR: tmp }),
      );
    } finally {
      await server.close();
    }
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [answer, recorded, hint] = run.stdout.trimEnd().split('\n');
    expect(answer).toBe(
      'How about "Lisbon"? It’s the capital city of Portugal, known for its rich history and vibrant culture.',
    );
    const path = /^Recorded 1 request into (\S+my-session\.yaml)$/.exec(recorded ?? '')?.[1] ?? '';
    expect(path.startsWith(tmp)).toBe(true);
    expect(hint).toBe(`Read it as a transcript with: npx spark-cassette show ${path}`);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);

    const text = await readFile(path, 'utf8');
    expect(text).toContain('url: https://api.openai.com/v1/chat/completions');
    expect(text).toContain('authorization: REDACTED');
    expect(text).not.toContain(KEY);

    // The command the example suggests works on the file it wrote.
    const show = await runBin(cli.bin, ['show', path], { cwd: ROOT });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Lisbon');
  });
});
