// A streamed reply of 200 SSE events replayed from a cassette, against the same stream from a
// loopback server (one write per event), read to the end through OpenAIModel.stream (direct
// path) and through the raw SDK (MSW path). Run alone:
// node_modules/.bin/node --expose-gc --import tsx bench/targets/sse-stream.ts
import { http } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { startCassette, type Cassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { startOpenAIServer } from '../../test/helpers/openai-server.js';
import { benchDir } from '../lib/large-file.js';
import { sseBody } from '../lib/fixtures.js';
import { compare } from '../lib/measure.js';
import { phases } from '../lib/phases.js';
import { emit } from '../lib/report.js';

const events = sseBody(200).split(/(?<=\n\n)/);
const server = await startOpenAIServer((_request, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
  for (const event of events) {
    res.write(event);
  }
  res.end();
});
const dir = benchDir();
const apiKey = 'sk-bench-not-a-real-key';
const model = new OpenAIModel({ modelId: 'gpt-4o-mini', apiKey, baseUrl: server.baseUrl, maxRetries: 0 });
const guard = phases(server);
const client = new OpenAI({ apiKey, baseURL: server.baseUrl, maxRetries: 0, fetch: guard.fetch });
const messages = [{ role: 'user' as const, content: [{ text: 'Tell me a story' }] }];
const params = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Tell me a story' }],
  stream: true as const,
};

async function viaModel(): Promise<number> {
  let count = 0;
  for await (const _event of model.stream({ messages })) {
    count++;
  }
  return count;
}
async function viaSdk(): Promise<number> {
  let count = 0;
  for await (const _chunk of await client.chat.completions.create(params)) {
    count++;
  }
  return count;
}

// Record both requests once from the loopback server.
const recording = await startCassette('sse', { dir, mode: 'record' });
await viaModel();
await viaSdk();
await recording.stop();

let cassette: Cassette | undefined;
const replay = {
  setup: async () => void (cassette = await startCassette('sse', { dir, mode: 'replay', allowRepeats: true })),
  teardown: async () => void (await cassette?.stop({ failed: true })),
};
// A bare MSW handler sending the same events, one chunk per event as a replay does.
const encoded = events.map((event) => new TextEncoder().encode(event));
const bare = setupServer(
  http.post(`${server.baseUrl}/chat/completions`, () => {
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) =>
        next < encoded.length ? controller.enqueue(encoded[next++] as Uint8Array) : controller.close(),
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
  }),
);
const [modelLive, modelReplay, sdkLive, sdkReplay, sdkBare] = await compare(
  [
    guard.live({ name: 'model, loopback', run: viaModel }),
    { name: 'model, replay', run: viaModel, ...replay },
    guard.live({ name: 'sdk, loopback', run: viaSdk }),
    guard.mocked({ name: 'sdk via MSW, replay', run: viaSdk, ...replay }),
    guard.mocked({
      name: 'sdk, bare MSW handler',
      run: viaSdk,
      setup: () => bare.listen({ onUnhandledFrame: 'error' }),
      teardown: () => bare.close(),
    }),
  ],
  { rounds: 10, perRound: 40, warmup: 40 },
);
await server.close();
const target = 'SSE stream, 200 events';
emit({
  target,
  subject: 'OpenAIModel.stream replay',
  subjectValue: modelReplay as number,
  baseline: 'loopback server',
  baselineValue: modelLive as number,
  unit: 'ms',
  limit: 1,
});
emit({
  target,
  subject: 'raw SDK replay via MSW',
  subjectValue: sdkReplay as number,
  baseline: 'bare MSW handler, same events',
  baselineValue: sdkBare as number,
  unit: 'ms',
  limit: 1.1,
});
emit({
  target,
  subject: 'raw SDK replay via MSW (info)',
  subjectValue: sdkReplay as number,
  baseline: 'loopback server',
  baselineValue: sdkLive as number,
  unit: 'ms',
});
