// An Agent that calls a tool: the model asks for tool calls, the agent runs them and sends
// the results back, until the model answers in words.
//
// `npm run example -- agent`. Replays fixtures/cassettes/examples/agent.yaml.
import { Agent, OpenAIModel, tool } from 'spark-models';
import { withCassette } from 'spark-models/cassette';
import { z } from 'zod';

// Stand-in data: a real tool would call a weather service here.
const forecasts: Record<string, string> = { 'San Francisco': '14°C and foggy', Boston: '3°C with light snow' };

// A tool is a name, a description the model reads, an input schema (zod or JSON Schema),
// and the function to run. The input is checked against the schema before `execute` runs.
const getCurrentWeather = tool({
  name: 'get_current_weather',
  description: 'Get the current weather',
  inputSchema: z.object({ location: z.string().describe('The city and state, e.g. San Francisco, CA') }),
  execute: ({ location }) => forecasts[location] ?? `No forecast for ${location}.`,
});

const agent = new Agent({
  model: new OpenAIModel({ modelId: 'gpt-3.5-turbo' }),
  tools: [getCurrentWeather],
  // The model may ask for several tools in one turn; run them at the same time.
  parallelToolExecution: true,
});

const result = await withCassette('agent', { dir: 'fixtures/cassettes/examples' }, () =>
  agent.process("What's the weather like in San Francisco and Boston?"),
);

for (const call of result.toolCalls) {
  console.log(`step ${call.step}: ${call.name}(${JSON.stringify(call.input)}) -> ${String(call.output)}`);
}
console.log(`answer after ${result.steps} model calls: ${result.text}`);
