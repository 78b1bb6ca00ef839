import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { parseCassette, startCassette, type SseEvent } from '../../src/cassette/index.js';
import { startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-cassette-sse-record-');

const event = (n: number): string =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: `t${n}` } }] })}\n\n`;

async function storedEvents(path: string): Promise<SseEvent[]> {
  const body = parseCassette(await readFile(path, 'utf8'), path).interactions[0]?.response.body;
  return body && 'events' in body ? body.events : [];
}

async function drain(response: Response): Promise<string> {
  return response.text();
}

describe('recording a stream', () => {
  test('keeps what came of a stream the client cancelled, closes the connection, and stop() resolves', async () => {
    let closed = false;
    const server: OpenAIServer = await startOpenAIServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let n = 0;
      const timer = setInterval(() => res.write(event(n++)), 5);
      res.on('close', () => {
        clearInterval(timer);
        closed = true;
      });
    });
    try {
      const cassette = await startCassette('cancelled', { dir: dir.path, mode: 'record' });
      const response = await cassette.fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', body: '{}' });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      for (let i = 0; i < 3; i++) {
        await reader.read();
      }
      await reader.cancel();
      await cassette.stop();
      await expect.poll(() => closed).toBe(true);
      const events = await storedEvents(cassette.path);
      expect(events.length).toBeGreaterThanOrEqual(3);
      expect(
        events
          .slice(0, 3)
          .map((e) => (e.json as { choices: { delta: { content: string } }[] }).choices[0]?.delta.content),
      ).toEqual(['t0', 't1', 't2']);
    } finally {
      await server.close();
    }
  });

  test("stores each event's time only with `streamTiming`, so files stay free of timing noise", async () => {
    const server = await startOpenAIServer('07');
    try {
      for (const streamTiming of [false, true]) {
        const cassette = await startCassette(`timing-${streamTiming}`, { dir: dir.path, mode: 'record', streamTiming });
        await drain(
          await cassette.fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', body: '{"stream":true}' }),
        );
        await cassette.stop();
        const text = await readFile(cassette.path, 'utf8');
        const offsets = (await storedEvents(cassette.path)).map((e) => e.offsetMs);
        if (streamTiming) {
          expect(offsets.every((offset) => Number.isInteger(offset) && (offset as number) >= 0)).toBe(true);
          expect(offsets).toEqual([...offsets].sort((a, b) => (a as number) - (b as number)));
          expect(text).toMatch(/\n {12}offsetMs: \d+\n/);
        } else {
          expect(offsets.every((offset) => offset === undefined)).toBe(true);
          expect(text).not.toContain('offsetMs');
        }
      }
    } finally {
      await server.close();
    }
  });

  test('keeps a stream that is not exact events as text, and gives the client all of it', async () => {
    const body = 'data: one\r\n\r\ndata: two\r\n\r\n';
    const server = await startOpenAIServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(event(1));
      res.end(body);
    });
    try {
      const cassette = await startCassette('crlf', { dir: dir.path, mode: 'record' });
      const text = await drain(
        await cassette.fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', body: '{}' }),
      );
      await cassette.stop();
      expect(text).toBe(event(1) + body);
      const stored = parseCassette(await readFile(cassette.path, 'utf8'), cassette.path).interactions[0]?.response.body;
      expect(stored).toEqual({ text: event(1) + body });
      const replay = await startCassette('crlf', { dir: dir.path, mode: 'replay' });
      expect(
        await drain(await replay.fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', body: '{}' })),
      ).toBe(text);
      await replay.stop();
    } finally {
      await server.close();
    }
  });
});
