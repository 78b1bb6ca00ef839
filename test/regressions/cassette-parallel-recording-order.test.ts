import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { startOpenAIServer, type ReceivedRequest } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { chat, rawClient } from '../cassette/helpers/clients.js';

// Bug: recordings were written in the order requests reached the MSW resolver, which for
// parallel requests varies from run to run, so recording the same session twice gave files
// that differed in order and ids. Requests in flight together are now written by hash.

const dir = useTempDir('spark-regression-order-');

// Later prompts answer sooner, so completion order is the reverse of request order; every
// answer takes long enough (as real API calls do) that the batch is in flight together.
async function reversed(request: ReceivedRequest, res: ServerResponse): Promise<void> {
  const n = Number(String(request.body?.messages?.[0]?.content).split(' ')[1]);
  await sleep(150 - n * 20);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ id: `c${n}`, choices: [] }));
}

describe('parallel recordings', () => {
  test('are written in the same order on every run, whatever order they complete in', async () => {
    const server = await startOpenAIServer(reversed);
    try {
      const texts: string[] = [];
      for (const run of [1, 2, 3]) {
        const cassette = await startCassette(`order-${run}`, { dir: dir.path, mode: 'record' });
        const client = rawClient(server.baseUrl);
        const order = run === 2 ? [5, 4, 3, 2, 1, 0] : [0, 1, 2, 3, 4, 5];
        await Promise.all(order.map((n) => client.chat.completions.create(chat(`prompt ${n}`))));
        await cassette.stop();
        // Times may differ (the recording time, and the Date header node:http adds); nothing else.
        texts.push(
          (await readFile(join(dir.path, `order-${run}.yaml`), 'utf8')).replaceAll(/(recordedAt|date): .*/g, '$1'),
        );
      }
      expect(texts[1]).toBe(texts[0]);
      expect(texts[2]).toBe(texts[0]);
    } finally {
      await server.close();
    }
  });
});
