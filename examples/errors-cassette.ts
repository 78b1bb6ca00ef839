// Rate limits and context-window errors, replayed from recorded OpenAI error responses.
//
// `npm run example -- errors-cassette`. The same recovery code as errors-scripted.ts, now
// against OpenAIModel: fixtures/cassettes/examples/errors-cassette.yaml holds a 429 with a
// `retry-after-ms` header and a 400 `context_length_exceeded`, each followed by the answer to
// the retry. Edit a response's `status` and `body` in such a file to test any other error.
import { OpenAIModel } from 'spark-models';
import { withCassette } from 'spark-models/cassette';
import { ask, askWithRecovery, longConversation } from './support/ask-with-recovery.js';

// maxRetries: 0, so that this code sees the 429 itself. By default the SDK retries a 429
// twice, waiting as the server asks, before OpenAIModel throws ModelRateLimitError.
const model = new OpenAIModel({ modelId: 'gpt-4', maxRetries: 0 });

// keepRetryAfter: replay the server's requested wait as recorded. By default a replayed
// `retry-after` becomes 0, so tests do not sleep.
await withCassette('errors-cassette', { dir: 'fixtures/cassettes/examples', keepRetryAfter: true }, async () => {
  console.log('1. a rate limit');
  const hello = await askWithRecovery(model, 'gpt-4', ask('Hello'));
  console.log(`  answer: ${hello.text}`);

  console.log('2. a conversation too long for the model');
  const summary = await askWithRecovery(model, 'gpt-4', longConversation());
  console.log(`  answer: ${summary.text}`);
});
