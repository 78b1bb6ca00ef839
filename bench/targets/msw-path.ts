// Any other client through MSW: the raw openai SDK replaying from a cassette via the cassette
// interceptor, against a bare MSW handler (same MSW) returning the same stored Response.
// Run alone: node_modules/.bin/node --expose-gc --import tsx bench/targets/msw-path.ts
import { http } from 'msw';
import { setupServer } from 'msw/node';
import OpenAI from 'openai';
import { startCassette, type Cassette } from '../../src/cassette/index.js';
import { writeSmallCassette } from '../lib/cassettes.js';
import { CHAT_URL, smallRequestBody, storedResponseFactory } from '../lib/fixtures.js';
import { compare } from '../lib/measure.js';
import { phases } from '../lib/phases.js';
import { emit } from '../lib/report.js';

const body = smallRequestBody();
const storedResponse = storedResponseFactory();
const bare = setupServer(http.post(CHAT_URL, () => storedResponse()));
// Looks up the global fetch at call time, so it goes through whichever MSW server listens.
// Each round gets its own connection pool, so no socket of one MSW server serves the other's round.
const guard = phases();
const client = new OpenAI({ apiKey: 'sk-bench-not-a-real-key', maxRetries: 0, fetch: guard.fetch });
const { dir, name } = writeSmallCassette('msw', body);

let cassette: Cassette | undefined;
const [bareMs, cassetteMs] = await compare(
  [
    guard.mocked({
      name: 'bare MSW handler',
      run: () => client.chat.completions.create(body as never),
      setup: () => bare.listen({ onUnhandledFrame: 'error' }),
      teardown: () => bare.close(),
    }),
    guard.mocked({
      name: 'cassette interceptor',
      run: () => client.chat.completions.create(body as never),
      setup: async () => void (cassette = await startCassette(name, { dir, mode: 'replay', allowRepeats: true })),
      teardown: async () => void (await cassette?.stop({ failed: true })),
    }),
  ],
  { rounds: 10, perRound: 150, warmup: 150 },
);
emit({
  target: 'MSW path (raw SDK)',
  subject: 'cassette via MSW',
  subjectValue: cassetteMs as number,
  baseline: 'bare MSW handler',
  baselineValue: bareMs as number,
  unit: 'ms',
  limit: 1.1,
});
