import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { describe, expect, test } from 'vitest';
import { parseCassette, startCassette, type SseEvent } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { startOpenAIServer, type ReceivedRequest } from '../helpers/openai-server.js';
import { bytesUnder, formsIn, secretForms } from '../helpers/secret-forms.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { useEnv } from './helpers/env.js';

const dir = useTempDir('spark-cassette-secrets-');
const env = useEnv();

/** A key with the characters encoders treat differently: `~`, `/`, `+`, `=`. */
const canary = (tag: string): string => `sk-${tag}~${randomBytes(12).toString('hex')}/+=`;

/**
 * A server that echoes the secret `extract` finds in each request everywhere it can, in every
 * form `secretForms` knows: a header, a cookie, a JSON error body (as a 429 names an
 * organization), a stream (whole in one event, then token by token across deltas), and binary
 * bodies that are not UTF-8 (raw bytes and base64 inside them).
 */
function echoing(extract: (request: ReceivedRequest) => string) {
  return (request: ReceivedRequest, res: ServerResponse): void => {
    const secret = extract(request);
    const forms = secretForms(secret);
    res.setHeader('x-echo', secret);
    res.setHeader('set-cookie', `echo=${encodeURIComponent(secret)}; Path=/`);
    if (new URL(request.url, 'http://loopback').pathname.endsWith('/audio/speech')) {
      res.setHeader('content-type', 'audio/mpeg');
      res.end(
        Buffer.concat([
          Buffer.from([0xff, 0xfb]),
          Buffer.from(secret),
          Buffer.from([0x80]),
          Buffer.from(forms.join('\u0000')),
        ]),
      );
      return;
    }
    if (request.body?.stream) {
      res.setHeader('content-type', 'text/event-stream');
      const chunk = (content: string) =>
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
      const tokens = secret.match(/.{1,3}/gs) ?? [];
      res.end(
        [chunk(forms.join(' ')), chunk('your key: '), ...tokens.map(chunk), chunk('.'), 'data: [DONE]\n\n'].join(''),
      );
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.statusCode = 429;
    res.setHeader('x-should-retry', 'false');
    res.end(
      JSON.stringify({
        error: {
          message: `Rate limit reached for gpt-4o-mini in organization ${secret} on requests per min. Key: ${secret}.`,
          type: 'requests',
        },
        echo: forms,
        url: request.url,
      }),
    );
  };
}

/** Every request a client makes in these tests: JSON (a 429), a stream, and binary both ways. */
async function useEveryEndpoint(client: OpenAI): Promise<void> {
  await client.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
    .catch(() => undefined);
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'stream' }],
    stream: true,
  });
  for await (const _chunk of stream) {
    // read to the end
  }
  await (await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'hi' })).arrayBuffer();
}

/** What a client reading the stored stream would assemble from its deltas. */
function joinedDeltas(events: readonly SseEvent[]): string {
  return events
    .map(
      (event) =>
        (event.json as { choices?: { delta?: { content?: string } }[] } | undefined)?.choices?.[0]?.delta?.content ??
        '',
    )
    .join('');
}

async function recordWith(
  name: string,
  client: (baseURL: string) => OpenAI,
  extract: (request: ReceivedRequest) => string,
) {
  const server = await startOpenAIServer(echoing(extract));
  try {
    const cassette = await startCassette(name, { dir: dir.path, mode: 'record' });
    try {
      await useEveryEndpoint(client(server.baseUrl));
    } finally {
      await cassette.stop();
    }
  } finally {
    await server.close();
  }
  const file = parseCassette(await readFile(join(dir.path, `${name}.yaml`), 'utf8'), name);
  const stream = file.interactions.find((i) => i.response.body && 'events' in i.response.body)?.response.body;
  return { requests: server.requests, events: stream && 'events' in stream ? stream.events : [] };
}

describe('no form of a secret reaches disk', () => {
  test.each([
    [
      'the bearer key',
      (key: string) => ({ apiKey: key }),
      (r: ReceivedRequest) => String(r.headers.authorization).slice(7),
    ],
    [
      'a key sent only inside Basic auth',
      (key: string) => ({
        apiKey: 'short',
        defaultHeaders: { authorization: `Basic ${Buffer.from(`user:${key}`).toString('base64')}` },
      }),
      (r: ReceivedRequest) => Buffer.from(String(r.headers.authorization).slice(6), 'base64').toString().slice(5),
    ],
    [
      'a key sent only as a cookie',
      (key: string) => ({ apiKey: 'short', defaultHeaders: { cookie: `theme=dark; session=${key}` } }),
      (r: ReceivedRequest) => String(r.headers.cookie).split('session=')[1] as string,
    ],
    [
      'an api-key header',
      (key: string) => ({ apiKey: 'short', defaultHeaders: { 'api-key': key } }),
      (r: ReceivedRequest) => String(r.headers['api-key']),
    ],
    [
      'an x-api-key header',
      (key: string) => ({ apiKey: 'short', defaultHeaders: { 'x-api-key': key } }),
      (r: ReceivedRequest) => String(r.headers['x-api-key']),
    ],
    [
      'the organization and project headers',
      (key: string) => ({ apiKey: 'short', organization: `org-${key}`, project: `proj_${key}` }),
      (r: ReceivedRequest) => String(r.headers['openai-organization']).slice(4),
    ],
    [
      'a key in the query string, with a space (sent as +)',
      (key: string) => ({ apiKey: 'short', defaultQuery: { api_key: `${key} two` } }),
      (r: ReceivedRequest) => new URL(r.url, 'http://x').searchParams.get('api_key') as string,
    ],
  ])(
    'from %s, echoed in every encoding, in headers, JSON, streams and binary bodies',
    async (_place, options, extract) => {
      const key = canary('canary');
      const { requests, events } = await recordWith(
        'planted',
        (baseURL) => new OpenAI({ baseURL, maxRetries: 0, ...options(key) }),
        extract,
      );

      // The key really went out, and came back.
      expect(requests.map(extract)).toEqual(Array(3).fill(expect.stringContaining(key)));
      const secret = extract(requests[0] as ReceivedRequest);
      expect(formsIn(await bytesUnder(dir.path), secret), secret).toEqual([]);
      // Joined as a client joins them, the deltas read REDACTED where the key was.
      expect(formsIn(Buffer.from(joinedDeltas(events)), secret)).toEqual([]);
      expect(joinedDeltas(events)).toContain('your key: REDACTED.');
    },
  );

  test('from OPENAI_API_KEY, OPENAI_ORG_ID and OPENAI_PROJECT_ID, through OpenAIModel and the raw SDK', async () => {
    const [apiKey, org, project] = [
      canary('env'),
      `org-${randomBytes(10).toString('hex')}`,
      `proj_${randomBytes(10).toString('hex')}`,
    ];
    env.set({ OPENAI_API_KEY: apiKey, OPENAI_ORG_ID: org, OPENAI_PROJECT_ID: project });
    const server = await startOpenAIServer(echoing(() => `${apiKey} ${org} ${project}`));
    try {
      const cassette = await startCassette('environment', { dir: dir.path, mode: 'record' });
      await new OpenAIModel({ modelId: 'gpt-4o-mini', baseUrl: server.baseUrl, maxRetries: 0 })
        .getText({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] })
        .catch(() => undefined);
      await useEveryEndpoint(new OpenAI({ baseURL: server.baseUrl, maxRetries: 0 }));
      await cassette.stop();
    } finally {
      await server.close();
    }
    // The raw SDK read all three from the environment.
    expect(server.requests.at(-1)?.headers).toMatchObject({
      authorization: `Bearer ${apiKey}`,
      'openai-organization': org,
      'openai-project': project,
    });
    const disk = await bytesUnder(dir.path);
    for (const secret of [apiKey, org, project]) {
      expect(formsIn(disk, secret), secret).toEqual([]);
    }
    expect(disk.toString()).toMatch(/in organization (REDACTED ?)+ on requests per min/);
  });

  test('from a request body that is not UTF-8 (a file upload), scrubbed in its bytes before base64', async () => {
    const key = canary('upload');
    const upload = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0x00]),
      Buffer.from(`key=${key};`),
      Buffer.from([0x80, 0x81]),
    ]);
    const server = await startOpenAIServer((request, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'file-1',
          object: 'file',
          bytes: request.bodyText.length,
          filename: 'a.bin',
          purpose: 'batch',
        }),
      );
    });
    try {
      const cassette = await startCassette('upload', { dir: dir.path, mode: 'record' });
      await new OpenAI({ apiKey: key, baseURL: server.baseUrl, maxRetries: 0 }).files.create({
        file: await toFile(upload, 'a.bin'),
        purpose: 'batch',
      });
      await cassette.stop();
    } finally {
      await server.close();
    }
    const raw = await readFile(join(dir.path, 'upload.yaml'), 'utf8');
    expect(raw).toContain('base64:');
    const stored = parseCassette(raw, 'upload').interactions[0]?.request.body as { base64: string };
    const bytes = Buffer.from(stored.base64, 'base64');
    expect(bytes.includes(Buffer.from([0xff, 0xfe, 0x00]))).toBe(true);
    expect(bytes.includes(Buffer.from('key=REDACTED;'))).toBe(true);
    expect(formsIn(Buffer.concat([await bytesUnder(dir.path), bytes]), key)).toEqual([]);
  });
});
