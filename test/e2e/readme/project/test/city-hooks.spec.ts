import { OpenAIModel } from 'spark-models';
import { useCassette } from 'spark-models/vitest';
import { expect, test } from 'vitest';

// Every test of this file gets its own cassette, started before it and stopped after it.
const cassette = useCassette();

test('names a city, with the plain vitest test', async () => {
  const model = new OpenAIModel({ modelId: 'gpt-4o-mini' });
  const response = await model.getText({
    messages: [{ role: 'user', content: [{ text: 'Return the name of a random city in the world.' }] }],
  });

  expect(response.text).toContain('Lisbon');
  expect(cassette.current.name).toBe('test/city-hooks.spec/names-a-city-with-the-plain-vitest-test-89f316');
});
