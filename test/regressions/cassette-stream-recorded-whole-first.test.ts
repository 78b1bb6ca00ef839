import { describe, expect, test } from 'vitest';
import { parseCassette, startCassette } from '../../src/cassette/index.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { readFile } from 'node:fs/promises';

// Bug: recording read a streamed (SSE) response to its end before the client saw any of it,
// so in record mode a stream arrived all at once, at the end, and a stream the server holds
// open until the client has read the first events never arrived at all. Each event now
// reaches the client as it arrives, and is recorded as it goes.

const dir = useTempDir('spark-regression-stream-');

const event = (n: number): string =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: `t${n}` } }] })}\n\n`;

describe('a stream being recorded', () => {
  test.each(['direct', 'msw'] as const)(
    'reaches the client event by event, before the server has sent the rest (%s path)',
    async (path) => {
      let release: () => void = () => undefined;
      const released = new Promise<void>((resolve) => (release = resolve));
      const server = await startOpenAIServer(async (_request, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(event(1));
        res.write(event(2));
        // The rest only once the client has read the first two events.
        await released;
        res.end(`${event(3)}data: [DONE]\n\n`);
      });
      try {
        const cassette = await startCassette(`stream-${path}`, { dir: dir.path, mode: 'record' });
        const fetch = path === 'direct' ? cassette.fetch : globalThis.fetch;
        const response = await fetch(`${server.baseUrl}/chat/completions`, { method: 'POST', body: '{"stream":true}' });
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        let text = '';
        while (!text.includes('t2')) {
          text += decoder.decode((await reader.read()).value, { stream: true });
        }
        expect(text).toBe(event(1) + event(2));
        release();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          text += decoder.decode(read.value, { stream: true });
        }
        expect(text).toBe(`${event(1)}${event(2)}${event(3)}data: [DONE]\n\n`);
        await cassette.stop();
        const body = parseCassette(await readFile(cassette.path, 'utf8'), cassette.path).interactions[0]?.response.body;
        expect(body && 'events' in body ? body.events.length : 0).toBe(4);
      } finally {
        release();
        await server.close();
      }
    },
  );
});
