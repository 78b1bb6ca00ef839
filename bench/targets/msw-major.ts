// The cost of MSW's interception itself, by major (3, which the cassettes use, against 2.15,
// installed as the `msw2` alias for this comparison only): the raw SDK through a bare handler
// returning the stored Response, against a loopback server sending it. For the README's
// choice of MSW major. Run alone: node_modules/.bin/node --expose-gc --import tsx bench/targets/msw-major.ts
import { http as http3 } from 'msw';
import { setupServer as setupServer3 } from 'msw/node';
import { http as http2 } from 'msw2';
import { setupServer as setupServer2 } from 'msw2/node';
import OpenAI from 'openai';
import { startOpenAIServer } from '../../test/helpers/openai-server.js';
import { CHAT_URL, chatResponse, smallRequestBody, storedResponseFactory } from '../lib/fixtures.js';
import { compare } from '../lib/measure.js';
import { phases } from '../lib/phases.js';
import { emit } from '../lib/report.js';

const body = smallRequestBody();
const storedResponse = storedResponseFactory();
const { text, headers } = chatResponse();
const loopback = await startOpenAIServer((_request, res) => {
  res.writeHead(200, { ...headers, 'content-type': 'application/json' });
  res.end(text);
});
const url = `${loopback.baseUrl}/chat/completions`;
const major3 = setupServer3(...[url, CHAT_URL].map((u) => http3.post(u, () => storedResponse())));
const major2 = setupServer2(...[url, CHAT_URL].map((u) => http2.post(u, () => storedResponse())));
// Looks up the global fetch at call time, so it goes through whichever MSW server listens.
const guard = phases(loopback);
const client = new OpenAI({
  apiKey: 'sk-bench-not-a-real-key',
  baseURL: loopback.baseUrl,
  maxRetries: 0,
  fetch: guard.fetch,
});
const ask = () => client.chat.completions.create(body as never);
// The real host: MSW 3 then emulates a TLS connection for every request.
const tlsClient = new OpenAI({
  apiKey: 'sk-bench-not-a-real-key',
  maxRetries: 0,
  fetch: (input, init) => globalThis.fetch(input, init),
});
const askTls = () => tlsClient.chat.completions.create(body as never);

const listen3 = { setup: () => major3.listen({ onUnhandledFrame: 'error' }), teardown: () => major3.close() };
const listen2 = { setup: () => major2.listen({ onUnhandledRequest: 'error' }), teardown: () => major2.close() };
const [loopbackMs, msw3Ms, msw2Ms, msw3TlsMs, msw2TlsMs] = await compare(
  [
    guard.live({ name: 'loopback', run: ask }),
    guard.mocked({ name: 'msw 3', run: ask, ...listen3 }),
    guard.mocked({ name: 'msw 2', run: ask, ...listen2 }),
    guard.mocked({ name: 'msw 3 https', run: askTls, ...listen3 }),
    guard.mocked({ name: 'msw 2 https', run: askTls, ...listen2 }),
  ],
  { rounds: 8, perRound: 150, warmup: 150 },
);
await loopback.close();
const target = 'MSW major (info)';
const row = (subject: string, value: number | undefined): void =>
  emit({
    target,
    subject,
    subjectValue: value as number,
    baseline: 'loopback server',
    baselineValue: loopbackMs as number,
    unit: 'ms',
  });
row('bare MSW 3.0 handler, http', msw3Ms);
row('bare MSW 2.15 handler, http', msw2Ms);
row('bare MSW 3.0 handler, https', msw3TlsMs);
row('bare MSW 2.15 handler, https', msw2TlsMs);
