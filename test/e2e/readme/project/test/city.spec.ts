import { OpenAIModel } from 'spark-models';
import { test } from 'spark-models/vitest';

const model = new OpenAIModel({ modelId: 'gpt-4o-mini' });

test('names a city', async ({ cassette, expect }) => {
  const response = await model.getText({
    messages: [{ role: 'user', content: [{ text: 'Return the name of a random city in the world.' }] }],
  });

  expect(response.text).toContain('Lisbon');
  expect(cassette.name).toBe('test/city.spec/names-a-city-349e47');
});
