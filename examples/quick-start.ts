// Quick start: ask a model one question.
//
// `npm run example` runs this file. It needs no API key and no network: the call is answered
// from fixtures/cassettes/examples/quick-start.yaml, a recording of the real exchange.
import { OpenAIModel } from 'spark-models';
import { withCassette } from 'spark-models/cassette';

// The key comes from `apiKey` or OPENAI_API_KEY; while a cassette replays, none is needed.
const model = new OpenAIModel({ modelId: 'gpt-4o-mini' });

// withCassette starts the cassette, runs the function, and stops the cassette again.
const response = await withCassette('quick-start', { dir: 'fixtures/cassettes/examples' }, () =>
  model.getText({
    messages: [{ role: 'user', content: [{ text: 'Return the name of a random city in the world.' }] }],
  }),
);

console.log(response.text);
console.log(`stop reason: ${response.stopReason}, tokens: ${response.usage.totalTokens}`);
