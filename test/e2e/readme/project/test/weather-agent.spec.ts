import { ModelRateLimitError, OpenAIModel } from 'spark-models';
import { ScriptedModel, reply } from 'spark-models/testing';
import { test } from 'spark-models/vitest';
import { describe } from 'vitest';
import { weatherAgent } from '../src/weather.js';

const question = "What's the weather like in San Francisco and Boston?";

describe('the weather agent', () => {
  // A name of your own for this block's cassette: fixtures/cassettes/weather/two-cities.yaml.
  test.override({ cassetteOptions: { name: 'weather/two-cities' } });

  test('looks up both cities', async ({ cassette, expect }) => {
    const agent = weatherAgent(new OpenAIModel({ modelId: 'gpt-3.5-turbo' }));
    const result = await agent.process(question);

    expect(result.text).toContain('Boston');
    expect(agent).toHaveToolCallSequence([
      { name: 'get_current_weather', input: { location: 'San Francisco' } },
      { name: 'get_current_weather', input: { location: 'Boston' } },
    ]);
    expect(agent).toHaveModelCallCount(2);

    // The cassette answers the same questions about what it served.
    expect(cassette).toHaveCalledTool('get_current_weather', { location: 'Boston' });
  });

  test('fails cleanly on a rate limit at the second model call', async ({ expect }) => {
    // The session the test above recorded, as a script you can edit: one step per model call.
    const model = await ScriptedModel.fromCassette('weather/two-cities');
    model.script[1] = reply.error.rateLimit({ retryAfterMs: 1000 });

    await expect(weatherAgent(model).process(question)).rejects.toThrow(ModelRateLimitError);
    expect(model).toHaveToolCallSequence(['get_current_weather', 'get_current_weather']);
  });
});

test('with a scripted model there is no HTTP at all', async ({ expect }) => {
  const model = new ScriptedModel([
    reply.toolUses([
      { name: 'get_current_weather', input: { location: 'San Francisco' } },
      { name: 'get_current_weather', input: { location: 'Boston' } },
    ]),
    reply.text('Foggy in San Francisco, snowy in Boston.'),
  ]);

  const result = await weatherAgent(model).process(question);

  expect(result.text).toBe('Foggy in San Francisco, snowy in Boston.');
  expect(model).toHaveToolCallSequence(['get_current_weather', 'get_current_weather']);
  expect(model.calls[1]?.toolResults.map((result) => result.content)).toEqual([
    [{ text: '14°C and foggy' }],
    [{ text: '3°C with light snow' }],
  ]);
  model.assertDone();
});
