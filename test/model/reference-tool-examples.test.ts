/**
 * The reference document's tool examples with `OpenAIModel` and `tool()` over real HTTP:
 * "Basic Tool Calling" and "Complete Example: Advanced Usage" (a hand-written tool loop with
 * the response cache on).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel, tool, type ContentBlock, type Message } from '../../src/index.js';
import { openaiResponseData } from '../../src/testing/index.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

let server: OpenAIServer;
const temp = useTempDir('spark-reference-tools-');
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const getWeather = tool({
  name: 'get_weather',
  description: 'Get the current weather for a location.',
  inputSchema: {
    type: 'object',
    properties: {
      location: { type: 'string', description: 'City name or zip code' },
      unit: { type: 'string', enum: ['fahrenheit', 'celsius'], description: 'Temperature unit' },
    },
    required: ['location'],
  },
  execute: ({ location }: { location: string; unit?: string }) => `Weather in ${location}: Sunny, 72°F`,
});

describe('reference: Basic Tool Calling', () => {
  test('the model asks for get_weather and the toolUse block carries name and input', async () => {
    server.reply(
      dataReply(openaiResponseData.toolCalls([{ name: 'get_weather', arguments: { location: 'San Francisco' } }])),
    );
    const model = new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });
    const response = await model.getText({
      messages: [{ role: 'user', content: [{ text: "What's the weather in San Francisco?" }] }],
      toolSpecs: [getWeather.toolSpec],
    });
    expect(response.stopReason).toBe('tool_use');
    const uses = (response.content as ContentBlock[]).flatMap((block) => ('toolUse' in block ? [block.toolUse] : []));
    expect(uses.map((use) => [use.name, use.input])).toEqual([['get_weather', { location: 'San Francisco' }]]);
    expect(server.requests[0]?.body.tools[0].function.parameters).toEqual(getWeather.toolSpec.inputSchema.json);
  });
});

describe('reference: Complete Example (process_user_request)', () => {
  const getUserData = tool({
    name: 'get_user_data',
    description: 'Fetch user data from database.',
    inputSchema: { type: 'object', properties: { user_id: { type: 'string' } }, required: ['user_id'] },
    execute: ({ user_id }: { user_id: string }) => ({
      id: user_id,
      name: 'Alice',
      preferences: { theme: 'dark', language: 'en' },
    }),
  });
  const updated: unknown[] = [];
  const updateUserPreferences = tool({
    name: 'update_user_preferences',
    description: 'Update user preferences.',
    inputSchema: {
      type: 'object',
      properties: { user_id: { type: 'string' }, preferences: { type: 'object' } },
      required: ['user_id', 'preferences'],
    },
    execute: ({ preferences }: { user_id: string; preferences: object }) => {
      updated.push(preferences);
      return true;
    },
  });

  async function processUserRequest(model: OpenAIModel, userId: string, request: string): Promise<string> {
    const tools = [getUserData, updateUserPreferences];
    const toolSpecs = tools.map((t) => t.toolSpec);
    const toolMap = new Map(tools.map((t) => [t.toolName, t]));
    const messages: Message[] = [{ role: 'user', content: [{ text: `User ${userId}: ${request}` }] }];
    for (let turn = 0; turn < 5; turn++) {
      const response = await model.getText({
        messages,
        systemPrompt: 'You are a helpful user account assistant. Use tools to fetch and update user data.',
        toolSpecs,
      });
      if (response.stopReason === 'end_turn') {
        return response.text;
      }
      const toolResults: ContentBlock[] = [];
      for (const { toolUseId, name, input } of response.toolUses) {
        const found = toolMap.get(name);
        if (found) {
          try {
            const result = await found(input as never);
            toolResults.push({
              toolResult: { toolUseId, content: [{ text: JSON.stringify(result) }], status: 'success' },
            });
          } catch (error) {
            toolResults.push({
              toolResult: { toolUseId, content: [{ text: `Error: ${(error as Error).message}` }], status: 'error' },
            });
          }
        }
      }
      messages.push({ role: 'assistant', content: response.content as ContentBlock[] });
      messages.push({ role: 'user', content: toolResults });
    }
    return 'Max turns reached without completion';
  }

  test('runs the tool loop to the final answer, sending each result back', async () => {
    server.reply(
      dataReply(openaiResponseData.toolCalls([{ name: 'get_user_data', arguments: { user_id: 'user_123' } }])),
      dataReply(
        openaiResponseData.toolCalls([
          {
            name: 'update_user_preferences',
            arguments: { user_id: 'user_123', preferences: { theme: 'light', language: 'es' } },
          },
        ]),
      ),
      dataReply(openaiResponseData.chatCompletion({ text: 'Done: theme light, language Spanish.' })),
    );
    const model = new OpenAIModel({
      modelId: 'gpt-4o',
      apiKey: 'sk-test-key-123456',
      baseUrl: server.baseUrl,
      temperature: 0.3,
      maxTokens: 1500,
      enableCache: true,
      cacheTtlSeconds: 1800,
      cacheDir: temp.path,
    });
    const result = await processUserRequest(model, 'user_123', 'Change my theme to light mode and language to Spanish');
    expect(result).toBe('Done: theme light, language Spanish.');
    expect(updated).toEqual([{ theme: 'light', language: 'es' }]);
    const third = server.requests[2]?.body.messages;
    expect(third.at(-1)).toMatchObject({ role: 'tool', content: 'true' });
    expect(third[3]).toMatchObject({
      role: 'tool',
      content: JSON.stringify({ id: 'user_123', name: 'Alice', preferences: { theme: 'dark', language: 'en' } }),
    });

    // The same session again is served from the cache: no new requests.
    await processUserRequest(model, 'user_123', 'Change my theme to light mode and language to Spanish');
    expect(server.requests).toHaveLength(3);
  });
});
