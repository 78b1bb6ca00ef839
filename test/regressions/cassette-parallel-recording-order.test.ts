import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { startCassette } from '../../src/cassette/index.js';
import { startOpenAIServer, type ReceivedRequest } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { chat, rawClient } from '../cassette/helpers/clients.js';

// Bug: recordings were written in the order requests reached the MSW resolver, which for
// parallel requests varies from run to run, so recording the same session twice gave files
// that differed in order and ids. Requests in flight together are now written by hash.
//
// This test itself was flaky (1 run in 3): it compared the files with only `recordedAt`
// masked, but node:http adds a `date` header to every response, so whenever the three runs
// straddled a second the files differed. It also relied on sleeps (10 to 60 ms) being long
// enough for the whole batch to be in flight together, which a loaded machine need not honour.
// Now the date is masked and the server holds every answer until the whole batch has arrived.

const dir = useTempDir('spark-regression-order-');
const BATCH = 6;

/**
 * Holds each answer until all `BATCH` requests have arrived (so they are in flight together,
 * whatever the machine's load), then answers the last prompt first: completion order is the
 * reverse of request order.
 */
function answerBatchReversed(): (request: ReceivedRequest, res: ServerResponse) => Promise<void> {
  let held: { n: number; res: ServerResponse }[] = [];
  return async (request, res) => {
    held.push({ n: Number(String(request.body?.messages?.[0]?.content).split(' ')[1]), res });
    if (held.length < BATCH) {
      return;
    }
    const batch = held.sort((a, b) => b.n - a.n);
    held = [];
    for (const { n, res: waiting } of batch) {
      waiting.setHeader('content-type', 'application/json');
      waiting.end(JSON.stringify({ id: `c${n}`, choices: [] }));
      await nextTurn();
    }
  };
}

describe('parallel recordings', () => {
  test('are written in the same order on every run, whatever order they complete in', async () => {
    const server = await startOpenAIServer(answerBatchReversed());
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
