import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel, type Message, type OpenAIModelOptions, type ToolSpec } from '../../../src/index.js';
import { requestBody, toolSpecsOf, type Body, responsesModel } from '../../helpers/responses-corpus.js';
import { startOpenAIServer, type OpenAIServer } from '../../helpers/openai-server.js';
import { normalizeInput, systemItem } from '../../helpers/responses-input.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const withoutStream = ({ stream: _stream, ...body }: Body): Body => body;

const model = (options: Partial<OpenAIModelOptions> = {}): OpenAIModel =>
  responsesModel(server.baseUrl, { modelId: 'gpt-5-nano', ...options });

const ask25: Message[] = [{ role: 'user', content: "What's the weather in Berlin? (52.5200, 13.4050)" }];

describe('OpenAIModel on the Responses API: a stateless tool turn (store: false, corpus 25 -> 26)', () => {
  const weather = toolSpecsOf('25');
  const ask: Message[] = [{ role: 'user', content: "What's the weather in Berlin? (52.5200, 13.4050)" }];
  const result = 'Current weather at 52.5200, 13.4050: 15°C, Wind: 10 km/h';

  test('sends what OpenAI accepted in 25, and maps its function_call to a tool use', async () => {
    server.reply('25');
    const response = await model({ store: false }).getText({ messages: ask, toolSpecs: weather });
    expect(server.requests[0]?.url).toBe('/v1/responses');
    // The recorded request, to the letter, but for `stream: false`, which the SDK leaves out.
    expect(server.requests[0]?.body).toEqual(withoutStream(requestBody('25')));
    expect(response.stopReason).toBe('tool_use');
    expect(response.toolUses).toEqual([
      {
        toolUseId: 'call_R1nRm6zHHaYdJmzUTyHeErE1',
        name: 'weather',
        input: { latitude: '52.5200', longitude: '13.4050' },
      },
    ]);
    expect(response.id).toBe('resp_070b6a5867d3bddf016a85beef08e887d2b593adbe6c956754');
    expect(response.usage).toEqual({
      inputTokens: 87,
      outputTokens: 211,
      totalTokens: 298,
      reasoningTokens: 128,
      cachedInputTokens: 0,
    });
    // No summary was asked for: the reasoning item carries only encrypted content.
    expect(response.reasoning).toBeUndefined();
  });

  test('carries the reasoning item in the tool use, and sends back exactly what OpenAI accepted in 26', async () => {
    server.reply('25', '26');
    const responsesModel = model({ store: false });
    const first = await responsesModel.getText({ messages: ask, toolSpecs: weather });
    const [block] = first.content as Record<string, any>[];
    expect(block?.providerState).toEqual({
      itemId: 'fc_070b6a5867d3bddf016a85bef0ac3887d29ebf55abf1b738a6',
      reasoning: [expect.objectContaining({ type: 'reasoning', id: expect.stringMatching(/^rs_/) })],
    });
    // The history survives being stored as JSON between turns.
    const messages: Message[] = JSON.parse(
      JSON.stringify([
        ...ask,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: first.toolUses[0]?.toolUseId, content: [{ text: result }], status: 'success' } },
          ],
        },
      ]),
    );
    const second = await responsesModel.getText({ messages, toolSpecs: weather });
    expect(server.requests[1]?.body).toEqual(withoutStream(requestBody('26')));
    expect(second.stopReason).toBe('end_turn');
    expect(second.content).toBe(
      'Current weather in Berlin (52.5200, 13.4050): 15°C, wind 10 km/h. \n\nWant a full forecast or humidity/precipitation details?',
    );
    expect(second.usage).toMatchObject({ inputTokens: 330, outputTokens: 259, reasoningTokens: 192 });
  });

  test('sends a stored reasoning item by id when it has no encrypted content, and the call after it by id too', async () => {
    server.reply('26');
    const messages: Message[] = [
      ...ask,
      {
        role: 'assistant',
        content: [
          {
            toolUse: { toolUseId: 'call_1', name: 'weather', input: { latitude: '1', longitude: '2' } },
            providerState: { itemId: 'fc_1', reasoning: [{ type: 'reasoning', id: 'rs_1', summary: [] }] },
          },
        ],
      },
      {
        role: 'user',
        content: [{ toolResult: { toolUseId: 'call_1', content: [{ text: 'sunny' }], status: 'success' } }],
      },
    ];
    await model().getText({ messages, toolSpecs: weather });
    expect(server.requests[0]?.body.input.slice(1)).toEqual([
      { type: 'reasoning', id: 'rs_1', summary: [] },
      {
        type: 'function_call',
        id: 'fc_1',
        call_id: 'call_1',
        name: 'weather',
        arguments: '{"latitude":"1","longitude":"2"}',
      },
      { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
    ]);
    // With `store: false` nothing was stored for the id to name: the item is left out.
    await model({ store: false }).getText({ messages, toolSpecs: weather });
    expect(server.requests[1]?.body.input.slice(1)).toEqual([
      { type: 'function_call', call_id: 'call_1', name: 'weather', arguments: '{"latitude":"1","longitude":"2"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
    ]);
  });
});

describe('a conversation from the Responses API on chat completions', () => {
  test('sends the tool call without the state it carries, which only the Responses API reads', async () => {
    server.reply('25', '01');
    const first = await model({ store: false }).getText({ messages: ask25, toolSpecs: toolSpecsOf('25') });
    const chat = model({ api: 'chat' });
    await chat.getText({
      messages: [
        ...ask25,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            {
              toolResult: {
                toolUseId: 'call_R1nRm6zHHaYdJmzUTyHeErE1',
                content: [{ text: '15°C' }],
                status: 'success',
              },
            },
          ],
        },
      ],
      toolSpecs: toolSpecsOf('25'),
    });
    expect(server.requests[1]?.url).toBe('/v1/chat/completions');
    expect(server.requests[1]?.body.messages).toEqual([
      { role: 'user', content: ask25[0]?.content },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_R1nRm6zHHaYdJmzUTyHeErE1',
            type: 'function',
            function: { name: 'weather', arguments: '{"latitude":"52.5200","longitude":"13.4050"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_R1nRm6zHHaYdJmzUTyHeErE1', content: '15°C' },
    ]);
  });
});

describe('OpenAIModel on the Responses API: parallel calls and previous_response_id (corpus 27 -> 28)', () => {
  const tools = toolSpecsOf('27');
  const systemPrompt = 'You are a weather expert. Use available tools to provide detailed weather information.';
  const ask: Message[] = [
    { role: 'user', content: "What's the weather like in San Francisco? Give me temperature and humidity." },
  ];

  test('sends 27 in substance and returns both parallel calls in order', async () => {
    server.reply('27');
    const response = await model({ modelId: 'gpt-4o-mini' }).getText({
      messages: ask,
      systemPrompt,
      toolSpecs: tools,
      toolChoice: { auto: {} },
    });
    const sent = server.requests[0]?.body as Body;
    const recorded = requestBody('27');
    // The system prompt goes as `instructions`, which OpenAI puts first as a system message.
    expect([systemItem(sent.instructions), ...normalizeInput(sent.input)]).toEqual(normalizeInput(recorded.input));
    expect(sent.tools).toEqual(recorded.tools);
    expect(sent.tool_choice).toBe(recorded.tool_choice);
    // The reference's sampling defaults, which 27's client left to the API.
    expect(sent).toMatchObject({ temperature: 0.7, top_p: 1 });
    expect(response.toolUses).toEqual([
      { toolUseId: 'call_J7YUFuqJu49gxvGhUKpb3qQL', name: 'get_temperature', input: { location: 'San Francisco' } },
      { toolUseId: 'call_bppU66GAgtTnCo1NPkNe3801', name: 'get_humidity', input: { location: 'San Francisco' } },
    ]);
    // gpt-4o-mini does not reason: nothing to carry.
    expect(response.content).toEqual(response.toolUses.map((toolUse) => ({ toolUse })));
  });

  test('continues with previousResponseId, sending only the new items, as 28 does', async () => {
    server.reply('27', '28');
    const weatherModel = model({ modelId: 'gpt-4o-mini' });
    const first = await weatherModel.getText({
      messages: ask,
      systemPrompt,
      toolSpecs: tools,
      toolChoice: { auto: {} },
    });
    const outputs: Record<string, string> = { get_temperature: '72°F', get_humidity: '65%' };
    const toolResults = first.toolUses.map((use) => ({
      toolResult: {
        toolUseId: use.toolUseId,
        content: [{ text: outputs[use.name] ?? '' }],
        status: 'success' as const,
      },
    }));
    // The server keeps the conversation: only the tool results go, with the id of the response they answer.
    const second = await weatherModel.getText({
      messages: [{ role: 'user', content: toolResults }],
      previousResponseId: first.id,
      systemPrompt,
      toolSpecs: tools,
      toolChoice: { auto: {} },
    });
    const sent = server.requests[1]?.body as Body;
    const recorded = requestBody('28');
    expect(sent.previous_response_id).toBe(recorded.previous_response_id);
    expect(sent.input).toEqual(recorded.input);
    expect(sent.tools).toEqual(recorded.tools);
    expect(sent.tool_choice).toBe(recorded.tool_choice);
    // `instructions` do not carry over from the previous response, so the system prompt goes again.
    expect(sent.instructions).toBe(systemPrompt);
    expect(second.text).toBe(
      'The weather in San Francisco is as follows:\n- **Temperature:** 72°F\n- **Humidity:** 65%',
    );
    expect(second.stopReason).toBe('end_turn');
  });
});

describe('OpenAIModel on the Responses API: tool options', () => {
  const tools = toolSpecsOf('27');

  test.each([
    [{ auto: {} }, 'auto'],
    [{ any: {} }, 'required'],
    [{ tool: { name: 'get_humidity' } }, { type: 'function', name: 'get_humidity' }],
    [{ none: {} }, 'none'],
  ] as const)('maps toolChoice %j to tool_choice', async (toolChoice, expected) => {
    server.reply('24');
    await model({ modelId: 'gpt-4o-mini' }).getText({
      messages: [{ role: 'user', content: 'Hi' }],
      toolSpecs: tools,
      toolChoice,
    });
    expect(server.requests[0]?.body.tool_choice).toEqual(expected);
  });

  test('sends parallelToolCalls only with tools, and strict tools with their rewritten schemas', async () => {
    server.reply('24');
    const strictModel = model({ modelId: 'gpt-4o-mini', parallelToolCalls: false, strictTools: true });
    const optional: ToolSpec = {
      name: 'lookup',
      description: 'Looks up a city.',
      inputSchema: {
        json: {
          type: 'object',
          properties: { city: { type: 'string' }, country: { type: 'string' } },
          required: ['city'],
        },
      },
    };
    await strictModel.getText({ messages: [{ role: 'user', content: 'Hi' }], toolSpecs: [optional] });
    await strictModel.getText({ messages: [{ role: 'user', content: 'Hi' }] });
    expect(server.requests[0]?.body).toMatchObject({
      parallel_tool_calls: false,
      tools: [
        {
          type: 'function',
          name: 'lookup',
          strict: true,
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' }, country: { type: ['string', 'null'] } },
            required: ['city', 'country'],
            additionalProperties: false,
          },
        },
      ],
    });
    expect(server.requests[1]?.body).not.toHaveProperty('parallel_tool_calls');
    expect(server.requests[1]?.body).not.toHaveProperty('tools');
  });
});
