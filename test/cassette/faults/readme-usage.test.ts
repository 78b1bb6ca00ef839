import { describe } from 'vitest';
import { OpenAIModel } from '../../../src/model/openai-model.js';
import { test } from '../../../src/vitest/index.js';
import '../../../src/vitest/setup.js';

// The README's fault injection example, run as written: its cassette (recorded once) is in
// fixtures/cassettes, named from this file and the test's title.

describe('under rate limits', () => {
  // The first request gets a 429; the SDK retries it, and the recording answers the retry.
  test.override({
    cassetteOptions: { mode: 'replay', faults: { seed: 42, rules: [{ kind: 'rate_limit', on: [1] }] } },
  });

  test('still answers', async ({ cassette, expect }) => {
    const model = new OpenAIModel({ modelId: 'gpt-4o-mini', maxRetries: 2 });
    const reply = await model.getText({
      messages: [{ role: 'user', content: [{ text: 'Suggest a city to visit.' }] }],
    });

    expect(reply.text).toContain('Lisbon');
    expect(cassette).toHaveInjectedFault('rate_limit');
  });
});
