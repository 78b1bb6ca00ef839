import { Agent, tool, type Model } from 'spark-models';

// Your code under test: an agent with one tool. It takes any Model, so tests can hand it an
// OpenAIModel (replayed from a cassette) or a ScriptedModel.
export const getCurrentWeather = tool<{ location: string }>({
  name: 'get_current_weather',
  description: 'Get the current weather',
  inputSchema: {
    type: 'object',
    properties: { location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' } },
    required: ['location'],
  },
  execute: ({ location }) => (location === 'Boston' ? '3°C with light snow' : '14°C and foggy'),
});

export function weatherAgent(model: Model): Agent {
  return new Agent({ model, tools: [getCurrentWeather] });
}
