import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCassette } from '../../../src/cassette/index.js';
import { parseCassette } from '../../../src/cassette/format.js';
import { loadCorpus } from '../../helpers/corpus.js';
import { startOpenAIServer, type OpenAIServer, type ReceivedRequest } from '../../helpers/openai-server.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { buildCli, runBin } from './helpers/cli.js';

// `spark-cassette drift` as a subprocess, against a loopback "live API" whose answers changed
// shape since the cassettes were recorded. The key is a canary: it must reach the server and
// nothing else (output, files), in any encoding.

const project = useTempDir('spark-cli-drift-');
const CANARY = 'sk-canary-drift-9f8e7d6c5b4a3210';
const RECORD_KEY = 'sk-test-recording-key-0123456789';
let build: ReturnType<typeof buildCli>;
let live: OpenAIServer;

beforeAll(async () => {
  build = buildCli();
  live = await startOpenAIServer(changedApi);
});

afterAll(async () => {
  build.remove();
  await live.close();
});

const cassettes = (): string => join(project.path, 'fixtures/cassettes');
const drift = (args: string[], env: Record<string, string | undefined> = { OPENAI_API_KEY: CANARY }) =>
  runBin(build.bin, ['drift', ...args], { cwd: project.path, env: { OPENAI_API_KEY: undefined, ...env } });

/**
 * Records `chat` (corpus 01, then 15's 429), `stream` (06) and `responses` (24, 30), each from
 * its own loopback server that then goes away. (A server per cassette: a kept-alive connection
 * that recording opened would otherwise carry the next cassette's first request past MSW.)
 */
async function recordAll(): Promise<void> {
  const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Tell me a joke' }] };
  await record('chat', ['01', '15'], async (sdk) => {
    await sdk.chat.completions.create(chat);
    await sdk.chat.completions.create({ ...chat, max_tokens: 5 }).catch(() => undefined);
  });
  await record('stream', ['06'], async (sdk) => {
    for await (const _ of await sdk.chat.completions.create({ ...chat, stream: true })) {
      // read it all
    }
  });
  await record('responses', ['24', '30'], async (sdk) => {
    await sdk.responses.create({ model: 'gpt-4o-mini', input: 'What is 2 + 2?' });
    for await (const _ of await sdk.responses.create({ model: 'gpt-4.1-nano', input: 'A story', stream: true })) {
      // read it all
    }
  });
}

async function record(name: string, replies: string[], session: (sdk: OpenAI) => Promise<void>): Promise<void> {
  const server = await startOpenAIServer(...replies);
  try {
    const cassette = await startCassette(name, { dir: cassettes(), mode: 'record' });
    // Built once interception is on: the SDK keeps the `fetch` it saw when it was built.
    await session(new OpenAI({ apiKey: RECORD_KEY, baseURL: server.baseUrl, maxRetries: 0 }));
    await cassette.stop();
  } finally {
    await server.close();
  }
}

/**
 * The live API, changed: a chat answer with `usage.prompt_tokens` now a string, no
 * `system_fingerprint`, a new `service_tier_details` and the caller's key echoed back; chat
 * chunks with a new field; Responses streams with two event types swapped; the Responses text
 * answer as recorded.
 */
function changedApi(request: ReceivedRequest, res: ServerResponse): void {
  const key = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
  const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_live', ...headers });
    res.end(JSON.stringify(body));
  };
  const sse = (events: string[]): void => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'x-request-id': 'req_live' });
    res.end(events.map((event) => `${event}\n\n`).join(''));
  };
  if (request.url.endsWith('/chat/completions') && request.body.stream) {
    const events = loadCorpus('06').response.body.trim().split('\n\n');
    sse(
      events.map((event) =>
        event === 'data: [DONE]'
          ? event
          : `data: ${JSON.stringify({ ...JSON.parse(event.slice(6)), obfuscation: 'x' })}`,
      ),
    );
  } else if (request.url.endsWith('/chat/completions')) {
    const body = JSON.parse(loadCorpus('01').response.body);
    delete body.system_fingerprint;
    body.usage.prompt_tokens = String(body.usage.prompt_tokens);
    body.service_tier_details = { tier: 'default', echo: key };
    json(200, body, { 'x-echo': key });
  } else if (request.body.stream) {
    const events = loadCorpus('30').response.body.trim().split('\n\n');
    [events[0], events[1]] = [events[1] as string, events[0] as string];
    sse(events);
  } else {
    json(200, JSON.parse(loadCorpus('24').response.body));
  }
}

function expectNoKey(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(Buffer.from(CANARY).toString('base64'));
    expect(text).not.toContain(CANARY.slice(3, -3)); // nor a part of it
  }
}

describe('spark-cassette drift', () => {
  test('reports added, removed and retyped paths per cassette, and exits 1 on breaking drift', async () => {
    await recordAll();
    const run = await drift(['--base-url', live.baseUrl]);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('fixtures/cassettes/chat.yaml');
    expect(run.stdout).toMatch(
      /POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions \(sent to http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions\): breaking/,
    );
    expect(run.stdout).toContain('~ retyped body.usage.prompt_tokens: number -> string');
    expect(run.stdout).toContain('- removed body.system_fingerprint (string)');
    expect(run.stdout).toContain('+ added   body.service_tier_details (object)');
    expect(run.stdout).toContain('+ added   body.service_tier_details.tier (string)');
    // The recorded 429 is not sent.
    expect(run.stdout).toContain('a recorded 429 is a passing condition, not a shape; not sent');
    // Chunks with a new field: additions only.
    expect(run.stdout).toMatch(
      /stream\.yaml\n {2}\S+ {2}POST [^\n]*: added\n {4}\+ added {3}events\[chat\.completion\.chunk\]\.obfuscation \(string\)/,
    );
    // Responses: the text answer is unchanged, the stream's first two event types swapped.
    expect(run.stdout).toMatch(/responses\/?[^\n]*: unchanged/);
    expect(run.stdout).toContain('! order   events: response.created, response.in_progress');
    expect(run.stdout).toContain('4 interactions checked: 2 with breaking drift, 1 with additions only.');
    expect(live.requests.every((request) => request.headers.authorization === `Bearer ${CANARY}`)).toBe(true);
    expectNoKey(run.stdout, run.stderr);
  });

  test('exits 0 on additions only (--only), and --json gives the same as data', async () => {
    await recordAll();
    const run = await drift(['--base-url', live.baseUrl, '--only', 'str*', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ command: 'drift', checked: 1, breaking: 0, added: 1, failed: 0 });
    expect(result.cassettes).toEqual([
      {
        file: 'fixtures/cassettes/stream.yaml',
        interactions: [
          expect.objectContaining({
            verdict: 'added',
            changes: [{ kind: 'added', path: 'events[chat.completion.chunk].obfuscation', live: 'string' }],
          }),
        ],
      },
    ]);
    expectNoKey(run.stdout);
  });

  test('--write re-records only the drifted answers, redacted as a recording is; a second run finds no drift', async () => {
    await recordAll();
    const before = parseCassette(await readFile(join(cassettes(), 'responses.yaml'), 'utf8'), 'responses.yaml');
    const chatBefore = parseCassette(await readFile(join(cassettes(), 'chat.yaml'), 'utf8'), 'chat.yaml');
    const run = await drift(['--base-url', live.baseUrl, '--write']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(': breaking, re-recorded');
    const files = await Promise.all(
      ['chat', 'stream', 'responses'].map((name) => readFile(join(cassettes(), `${name}.yaml`), 'utf8')),
    );
    expectNoKey(run.stdout, run.stderr, ...files);
    const chat = parseCassette(files[0] as string, 'chat.yaml');
    // The changed answer is the live one, key scrubbed; the request, id, hash and the 429 are as they were.
    expect(chat.interactions[0]?.response.body).toMatchObject({ json: { service_tier_details: { echo: 'REDACTED' } } });
    expect(chat.interactions[0]?.response.headers['x-echo']).toBe('REDACTED');
    expect(chat.interactions.map((i) => [i.id, i.hash, i.request])).toEqual(
      chatBefore.interactions.map((i) => [i.id, i.hash, i.request]),
    );
    expect(chat.interactions[1]).toEqual(chatBefore.interactions[1]);
    // The unchanged Responses answer is kept as recorded.
    const responses = parseCassette(files[2] as string, 'responses.yaml');
    expect(responses.interactions[0]).toEqual(before.interactions[0]);
    expect(responses.interactions[1]?.recordedAt).not.toBe(before.interactions[1]?.recordedAt);
    const again = await drift(['--base-url', live.baseUrl]);
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('4 interactions checked: 0 with breaking drift, 0 with additions only.');
    const verify = await runBin(build.bin, ['verify'], { cwd: project.path, env: { OPENAI_API_KEY: CANARY } });
    expect(verify.code, verify.stdout).toBe(0);
  });

  test('needs a key from the environment: without one it exits 2 and sends nothing', async () => {
    await recordAll();
    const sent = live.requests.length;
    const run = await drift(['--base-url', live.baseUrl], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('needs a key: OPENAI_API_KEY is not set');
    const named = await drift(['--base-url', live.baseUrl, '--key-env', 'MY_PROXY_KEY'], { MY_PROXY_KEY: CANARY });
    expect(named.code).toBe(1);
    expect(live.requests.length).toBe(sent + 4);
    for (const args of [
      ['--max-requests', '0'],
      ['--concurrency', 'many'],
      ['--base-url', 'localhost:8080'],
      ['--api-key', 'sk-x'],
    ]) {
      const bad = await drift(args);
      expect(bad.code, args.join(' ')).toBe(2);
      expect(bad.stderr).not.toContain('sk-x');
    }
  });

  test('--max-requests caps the live requests; the rest are reported as not sent', async () => {
    await recordAll();
    const sent = live.requests.length;
    const run = await drift(['--base-url', live.baseUrl, '--max-requests', '2', '--concurrency', '1']);
    expect(live.requests.length).toBe(sent + 2);
    expect(run.stdout.match(/over --max-requests 2; not sent/g)).toHaveLength(2);
  });

  test('a live request that fails is reported without the key, and exits 1', async () => {
    await recordAll();
    const closed = await startOpenAIServer('01');
    const gone = closed.baseUrl;
    await closed.close();
    const run = await drift(['--base-url', gone, '--only', 'stream']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(': failed');
    expect(run.stdout).toContain('fetch failed');
    expectNoKey(run.stdout, run.stderr);
  });
});
