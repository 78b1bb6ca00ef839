// An Agent on OpenAI's Responses API: a reasoning model (gpt-5-nano) calls a tool, and with
// `store: false` OpenAI keeps nothing, so the model's reasoning travels back to it with the
// tool call, encrypted, inside the conversation the agent keeps.
//
// `npm run example -- responses`. Replays fixtures/cassettes/examples/responses.yaml.
import { Agent, OpenAIModel, tool } from 'spark-models';
import { withCassette } from 'spark-models/cassette';
import { z } from 'zod';

const weather = tool({
  name: 'weather',
  description: 'Gets current weather for a location',
  inputSchema: z.object({
    latitude: z.string().describe('Latitude (e.g., 52.5200)'),
    longitude: z.string().describe('Longitude (e.g., 13.4050)'),
  }),
  // Stand-in data: a real tool would call a weather service here.
  execute: ({ latitude, longitude }) => `Current weather at ${latitude}, ${longitude}: 15°C, Wind: 10 km/h`,
});

// The same Agent as on chat completions: only the model's `api` changes.
const agent = new Agent({
  model: new OpenAIModel({ modelId: 'gpt-5-nano', api: 'responses', store: false }),
  tools: [weather],
});

const result = await withCassette('responses', { dir: 'fixtures/cassettes/examples' }, () =>
  agent.process("What's the weather in Berlin? (52.5200, 13.4050)"),
);

for (const call of result.toolCalls) {
  console.log(`step ${call.step}: ${call.name}(${JSON.stringify(call.input)}) -> ${String(call.output)}`);
}
// The tool call in the conversation carries the reasoning that led to it (`providerState`),
// which OpenAIModel sent back on the second call.
const toolTurn = agent.messages.find((message) => message.content.some((block) => 'toolUse' in block));
const carried = toolTurn?.content.flatMap((block) =>
  'toolUse' in block ? (block.providerState?.reasoning ?? []) : [],
);
console.log(`reasoning items sent back with the tool result: ${carried?.length ?? 0}`);
console.log(`answer after ${result.steps} model calls: ${result.text}`);
console.log(`tokens: ${result.usage.totalTokens}, of which reasoning: ${result.usage.reasoningTokens}`);
