import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel, type ModelStreamEvent, type OpenAIModelOptions } from '../../../src/index.js';
import { requestBody, toolSpecsOf, type Body, responsesModel } from '../../helpers/responses-corpus.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../../helpers/openai-server.js';
import { openaiResponseData } from '../../../src/testing/index.js';
import { normalizeInput, requestSubstance, systemItem } from '../../helpers/responses-input.js';

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const model = (options: Partial<OpenAIModelOptions> = {}): OpenAIModel =>
  responsesModel(server.baseUrl, { ...options });

async function collect(events: AsyncIterable<ModelStreamEvent>): Promise<ModelStreamEvent[]> {
  const all: ModelStreamEvent[] = [];
  for await (const event of events) {
    all.push(event);
  }
  return all;
}

describe('OpenAIModel on the Responses API: text', () => {
  test('posts to /v1/responses with the system prompt as instructions (corpus 24)', async () => {
    server.reply('24');
    const recorded = requestBody('24');
    const response = await model().getText({
      systemPrompt: 'You are a helpful assistant. Answer concisely.',
      messages: [{ role: 'user', content: [{ text: 'What is 2+2? Answer with just the number.' }] }],
    });
    const request = server.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/responses');
    expect([systemItem(request?.body.instructions), ...normalizeInput(request?.body.input)]).toEqual(
      normalizeInput(recorded.input),
    );
    expect(request?.body).not.toHaveProperty('messages');
    expect(response.content).toBe('4');
    expect(response.text).toBe('4');
    expect(response.stopReason).toBe('end_turn');
    expect(response.toolUses).toEqual([]);
    expect(response.usage).toEqual({
      inputTokens: 35,
      outputTokens: 2,
      totalTokens: 37,
      reasoningTokens: 0,
      cachedInputTokens: 0,
    });
    expect(response.id).toBe('resp_0213903ee1cb2f9a0069d6f97d24b881969cbcf0203d6f4a21');
    expect((response.raw as Body).object).toBe('response');
    expect(response.choices).toHaveLength(1);
  });

  test('reads the reasoning summary of a gzip-compressed answer into `reasoning` (corpus 32)', async () => {
    server.reply('32');
    const response = await model({
      modelId: 'gpt-5-nano',
      reasoningEffort: 'medium',
      reasoningSummary: 'auto',
    }).getText({ messages: [{ role: 'user', content: 'Explain why the sky is blue' }] });
    // What 32's client sent, plus nothing: a reasoning model gets no sampling defaults.
    expect(requestSubstance(server.requests[0]?.body)).toEqual(requestSubstance(requestBody('32')));
    const summaries = (response.raw as Body).output[0].summary.map((part: Body) => part.text);
    expect(summaries).toHaveLength(5);
    expect(response.reasoning).toBe(summaries.join('\n\n'));
    expect(response.reasoning).toMatch(/^\*\*Explaining sky color\*\*/);
    expect(response.text).toMatch(/Rayleigh scattering/);
    expect(typeof response.content).toBe('string');
    expect(response.usage).toMatchObject({ outputTokens: 841, reasoningTokens: 576, totalTokens: 853 });
  });

  test('sends an image by URL as an input_image part (corpus 33)', async () => {
    server.reply('33');
    const response = await model({ modelId: 'gpt-5-nano', store: false }).getText({
      messages: [
        {
          role: 'user',
          content: [
            { text: 'What do you see in this image?' },
            { image: { source: { url: 'https://httpbin.org/image/jpeg' } } },
          ],
        },
      ],
    });
    const { stream: _stream, ...recorded } = requestBody('33');
    expect(server.requests[0]?.body).toEqual(recorded);
    expect(response.text).toMatch(/coyote/);
    expect(response.usage.reasoningTokens).toBe(832);
  });

  test('sends image bytes as a data URL with their detail, and documents as input_file', async () => {
    server.reply('24');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await model().getText({
      messages: [
        {
          role: 'user',
          content: [
            { image: { source: { bytes: png }, detail: 'low' } },
            { document: { format: 'pdf', name: 'report.pdf', source: { bytes: 'JVBERi0x' } } },
            {
              document: {
                format: 'md',
                name: 'notes.md',
                source: { bytes: Buffer.from('# Notes').toString('base64') },
              },
            },
          ],
        },
      ],
    });
    expect(server.requests[0]?.body.input).toEqual([
      {
        role: 'user',
        content: [
          { type: 'input_image', image_url: `data:image/png;base64,${png.toString('base64')}`, detail: 'low' },
          { type: 'input_file', filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' },
          { type: 'input_text', text: '<document name="notes.md" format="md">\n# Notes\n</document>' },
        ],
      },
    ]);
  });

  test('refuses audio before sending anything: the Responses API takes none', async () => {
    await expect(
      model().getText({
        messages: [{ role: 'user', content: [{ audio: { format: 'wav', source: { bytes: 'UklGRg==' } } }] }],
      }),
    ).rejects.toMatchObject({
      name: 'ModelConfigurationError',
      message: expect.stringMatching(
        /Invalid `messages\[0\]\.content\[0\]\.audio`: .*takes no audio input.*`api: "chat"`/,
      ),
    });
    expect(server.requests).toHaveLength(0);
  });

  test('sends an assistant turn back as an assistant message', async () => {
    server.reply('24');
    await model().getText({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: [{ text: 'Hello! ' }, { text: 'How can I help?' }] },
        { role: 'user', content: 'What is 2+2?' },
      ],
    });
    expect(server.requests[0]?.body.input).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello! ' },
      { role: 'assistant', content: 'How can I help?' },
      { role: 'user', content: 'What is 2+2?' },
    ]);
  });
});

describe('OpenAIModel on the Responses API: stream()', () => {
  test('yields the text deltas of corpus 30, then the response the final event holds', async () => {
    server.reply('30');
    const events = await collect(
      model({ modelId: 'gpt-4.1-nano' }).stream({
        messages: [{ role: 'user', content: 'Tell me a three sentence bedtime story about a unicorn.' }],
      }),
    );
    expect(requestSubstance(server.requests[0]?.body)).toEqual({
      ...requestSubstance(requestBody('30')),
      temperature: 0.7,
      top_p: 1,
    });
    const texts = events.flatMap((event) => (event.type === 'text' ? [event.text] : []));
    expect(texts).toHaveLength(79);
    const last = events.at(-1);
    expect(last?.type).toBe('response');
    const response = last?.type === 'response' ? last.response : undefined;
    expect(texts.join('')).toBe(response?.text);
    expect(response?.text).toMatch(/^Once upon a time, in a magical forest/);
    expect(response?.stopReason).toBe('end_turn');
    expect(response?.usage).toMatchObject({ inputTokens: 18, outputTokens: 80 });
    expect(response?.id).toBe('resp_0a5e72c4d8eb43c50069cbcbf7fa78819b82d7e42163ef3bd0');
  });

  test('streams a function call of corpus 31 by its call_id, and carries the reasoning before it', async () => {
    server.reply('31');
    const weather = requestBody('31');
    const events = await collect(
      model({ modelId: 'gpt-5-nano', store: false }).stream({
        messages: [{ role: 'user', content: "What's the weather in Berlin? (52.5200, 13.4050)" }],
        toolSpecs: toolSpecsOf('31'),
      }),
    );
    const { stream: _stream, ...recorded } = weather;
    expect(server.requests[0]?.body).toEqual({ ...recorded, stream: true });
    const callId = 'call_E9m0fralKLjUmND1MuTXjnqm';
    expect(events[0]).toEqual({ type: 'toolUseStart', toolUseId: callId, name: 'weather' });
    const deltas = events.flatMap((event) => (event.type === 'toolUseDelta' ? [event] : []));
    expect(deltas).toHaveLength(15);
    expect(deltas.every((delta) => delta.toolUseId === callId)).toBe(true);
    expect(deltas.map((delta) => delta.inputDelta).join('')).toBe('{"latitude":"52.5200","longitude":"13.4050"}');
    const toolUse = { toolUseId: callId, name: 'weather', input: { latitude: '52.5200', longitude: '13.4050' } };
    expect(events.at(-2)).toEqual({ type: 'toolUse', toolUse });
    const last = events.at(-1);
    const response = last?.type === 'response' ? last.response : undefined;
    expect(response?.stopReason).toBe('tool_use');
    expect(response?.content).toEqual([
      {
        toolUse,
        providerState: {
          itemId: 'fc_07ee8752f9940d57016a85bfae6bc487d29b9724d95753d435',
          reasoning: [expect.objectContaining({ type: 'reasoning', encrypted_content: expect.any(String) })],
        },
      },
    ]);
  });

  test('ends a stream cut by max_output_tokens (response.incomplete, corpus 35) with stopReason "max_tokens"', async () => {
    server.reply('35');
    const events = await collect(
      model({ modelId: 'gpt-4o', temperature: 0.1, maxTokens: 16 }).stream({
        messages: [{ role: 'user', content: 'Give me a multi paragraph narrative on the life of a car' }],
      }),
    );
    expect(requestSubstance(server.requests[0]?.body)).toEqual({ ...requestSubstance(requestBody('35')), top_p: 1 });
    const last = events.at(-1);
    const response = last?.type === 'response' ? last.response : undefined;
    expect(response?.stopReason).toBe('max_tokens');
    expect(response?.text).toBe('In the bustling city of Detroit, a sleek, metallic blue sedan rolled off the');
    // As recorded: the final event of 35 reports zero usage.
    expect(response?.usage.totalTokens).toBe(0);
  });

  test('reads a streamed reasoning summary and a streamed refusal from the final event', async () => {
    server.reply(
      dataReply(openaiResponseData.responseStream({ text: 'Blue.', reasoning: 'Short waves scatter more.' })),
      dataReply(openaiResponseData.responseStream({ refusal: "I can't help with that." })),
    );
    const first = await collect(model().stream({ messages: [{ role: 'user', content: 'Why is the sky blue?' }] }));
    const summary = first.at(-1);
    expect(summary?.type === 'response' && summary.response.reasoning).toBe('Short waves scatter more.');
    const second = await collect(model().stream({ messages: [{ role: 'user', content: 'Help me.' }] }));
    expect(second.filter((event) => event.type === 'text')).toEqual([]);
    const refused = second.at(-1);
    expect(refused?.type === 'response' && refused.response).toMatchObject({
      text: "I can't help with that.",
      stopReason: 'content_filtered',
    });
  });

  test('a break out of the loop ends the request', async () => {
    server.reply('30');
    let texts = 0;
    for await (const event of model().stream({ messages: [{ role: 'user', content: 'Tell me a story.' }] })) {
      if (event.type === 'text' && ++texts === 3) {
        break;
      }
    }
    expect(texts).toBe(3);
  });
});
