/**
 * Regression: secrets that reached the cassette file. A non-UTF-8 response body holding the key
 * was stored as unscrubbed base64; organization and project values were scrubbed in headers
 * only, so a 429 body's "in organization org-..." stayed; a key sent only as a cookie or inside
 * Basic auth was never learned, then stored raw where the server echoed it; URL-encoded forms
 * (`%7E`, `%2F`, `+`) stayed; a key echoed token by token across SSE deltas was readable by
 * joining them. Each is recorded here through the raw SDK against a loopback server.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, test } from 'vitest';
import { parseCassette, startCassette, type SseEvent } from '../../src/cassette/index.js';
import { startOpenAIServer, type Reply } from '../helpers/openai-server.js';
import { bytesUnder, formsIn } from '../helpers/secret-forms.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-regression-secret-leaks-');
const KEY = 'sk-leak~0123456789abcdef/+';

async function record(reply: Reply, options: ConstructorParameters<typeof OpenAI>[0], stream = false): Promise<Buffer> {
  const server = await startOpenAIServer(reply);
  try {
    const cassette = await startCassette('leak', { dir: dir.path, mode: 'record' });
    const client = new OpenAI({ baseURL: server.baseUrl, maxRetries: 0, ...options });
    try {
      const created = await client.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        stream,
      });
      if (stream) {
        for await (const _ of created as AsyncIterable<unknown>) {
          // read to the end
        }
      }
    } catch {
      // error responses are recorded too
    } finally {
      await cassette.stop();
    }
  } finally {
    await server.close();
  }
  return bytesUnder(dir.path);
}

describe('secrets that used to reach the cassette', () => {
  test('a key inside a response body that is not UTF-8', async () => {
    const disk = await record(
      (_request, res) => {
        res.setHeader('content-type', 'application/octet-stream');
        res.end(Buffer.concat([Buffer.from([0xff]), Buffer.from(KEY), Buffer.from([0xfe])]));
      },
      { apiKey: KEY },
    );
    expect(await readFile(join(dir.path, 'leak.yaml'), 'utf8')).toContain('base64:');
    expect(formsIn(disk, KEY)).toEqual([]);
  });

  test('the organization named in a 429 body', async () => {
    const org = 'org-0123456789abcdef';
    const disk = await record(
      (_request, res) => {
        res.writeHead(429, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { message: `Rate limit reached in organization ${org} on requests per min.` } }),
        );
      },
      { apiKey: KEY, organization: org },
    );
    expect(formsIn(disk, org)).toEqual([]);
  });

  test.each([
    ['a cookie', { cookie: `session=${KEY}` }],
    ['Basic auth', { authorization: `Basic ${Buffer.from(`me:${KEY}`).toString('base64')}` }],
  ])('a key sent only as %s, echoed by the server', async (_how, defaultHeaders) => {
    const disk = await record(
      (_request, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ echo: KEY }));
      },
      { apiKey: 'x', defaultHeaders },
    );
    expect(formsIn(disk, KEY)).toEqual([]);
  });

  test('URL-encoded forms of the key: %7E, %2F and +', async () => {
    const disk = await record(
      (_request, res) => {
        res.setHeader('content-type', 'text/plain');
        res.end(`${new URLSearchParams({ k: KEY })} ${encodeURIComponent(KEY).toLowerCase()}`);
      },
      { apiKey: KEY },
    );
    expect(formsIn(disk, KEY)).toEqual([]);
  });

  test('a key echoed token by token across stream deltas', async () => {
    await record(
      (_request, res) => {
        res.setHeader('content-type', 'text/event-stream');
        const events = (KEY.match(/.{1,3}/g) ?? []).map(
          (content) =>
            `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content } }] })}\n\n`,
        );
        res.end(`${events.join('')}data: [DONE]\n\n`);
      },
      { apiKey: KEY },
      true,
    );
    const file = parseCassette(await readFile(join(dir.path, 'leak.yaml'), 'utf8'), 'leak.yaml');
    const body = file.interactions[0]?.response.body as { events: SseEvent[] };
    const deltas = body.events.map(
      (event) =>
        (event.json as { choices?: { delta: { content: string } }[] } | undefined)?.choices?.[0]?.delta.content ?? '',
    );
    expect(deltas.join('')).toBe('REDACTED');
  });
});
