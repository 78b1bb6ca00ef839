// OpenAIModel replaying from a cassette (the cassette's own fetch, no interception) against the
// SDK's floor: the raw openai SDK given a fetch that returns a stored Response.
// Run alone: node_modules/.bin/node --expose-gc --import tsx bench/targets/direct-path.ts
import OpenAI from 'openai';
import { startCassette } from '../../src/cassette/index.js';
import { activeCassette, type ActiveCassette } from '../../src/internal/active-cassette.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { writeSmallCassette } from '../lib/cassettes.js';
import { smallRequestBody, storedResponseFactory } from '../lib/fixtures.js';
import { compare } from '../lib/measure.js';
import { emit } from '../lib/report.js';

const body = smallRequestBody();
const storedResponse = storedResponseFactory();
const storedFetch = async (): Promise<Response> => storedResponse();
const floor = new OpenAI({ apiKey: 'sk-bench-not-a-real-key', maxRetries: 0, fetch: storedFetch });

const { dir, name } = writeSmallCassette('direct', body);
const cassette = await startCassette(name, { dir, mode: 'replay', allowRepeats: true });
const model = new OpenAIModel({ modelId: 'gpt-4o-mini', maxRetries: 0 });
const question = (body['messages'] as { content: string }[])[0]?.content ?? '';
const messages = [{ role: 'user' as const, content: [{ text: question }] }];
const raw = new OpenAI({ apiKey: 'sk-bench-not-a-real-key', maxRetries: 0, fetch: cassette.fetch });

// OpenAIModel on a stored Response: what the model itself adds to the SDK (for information).
const cassetteEntry = activeCassette.current as ActiveCassette;
const storedEntry: ActiveCassette = { ...cassetteEntry, enter: () => ({ fetch: storedFetch, end: () => undefined }) };
let detach: (() => void) | undefined;
const [floorMs, modelMs, rawMs, modelFloorMs] = await compare(
  [
    { name: 'sdk floor', run: () => floor.chat.completions.create(body as never) },
    { name: 'model + cassette', run: () => model.getText({ messages }) },
    { name: 'sdk + cassette.fetch', run: () => raw.chat.completions.create(body as never) },
    {
      name: 'model + stored Response',
      run: () => model.getText({ messages }),
      setup: () => void (detach = activeCassette.activate(storedEntry)),
      teardown: () => {
        detach?.();
        // Hands the model back to the cassette, as the cassette's constructor does.
        activeCassette.activate(cassetteEntry);
      },
    },
  ],
  { rounds: 20, perRound: 400, warmup: 500 },
);
await cassette.stop({ failed: true });
const target = 'direct path (OpenAIModel)';
emit({
  target,
  subject: 'OpenAIModel + cassette',
  subjectValue: modelMs as number,
  baseline: 'SDK floor',
  baselineValue: floorMs as number,
  unit: 'ms',
  limit: 1.3,
});
emit({
  target,
  subject: 'raw SDK + cassette.fetch (info)',
  subjectValue: rawMs as number,
  baseline: 'SDK floor',
  baselineValue: floorMs as number,
  unit: 'ms',
});
emit({
  target,
  subject: 'OpenAIModel + stored Response (info)',
  subjectValue: modelFloorMs as number,
  baseline: 'SDK floor',
  baselineValue: floorMs as number,
  unit: 'ms',
});
