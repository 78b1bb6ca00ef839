import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { openaiResponseData } from '../../src/testing/index.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

// Bug: getJson read the stop reason with the model's `stopSequences`, not the call's, and a JSON
// reply cut off under a per-call `maxTokens` was blamed on "the provider limit". Both now come
// from the call, as getText does.

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: [{ text: 'JSON about Paris' }] }];
const model = () => new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });

describe('getJson uses the limits of the call', () => {
  test('a per-call maxTokens is the one named when the JSON is cut off', async () => {
    server.reply(dataReply(openaiResponseData.chatCompletion({ text: '{"city":', finishReason: 'length' })));
    await expect(model().getJson({ messages, maxTokens: 3 })).rejects.toThrow(/cut off by `maxTokens` \(3\)/);
  });

  test('a per-call stop sequence gives stop_sequence, and parsed JSON', async () => {
    server.reply((_request, res) => {
      const body = JSON.parse(openaiResponseData.chatCompletion({ text: '{"city":"Paris"}' }).body);
      body.choices[0].stop_reason = '\n\n';
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
    const response = await model().getJson({ messages, stopSequences: ['\n\n'] });
    expect(response.stopReason).toBe('stop_sequence');
    expect(response.parsed).toEqual({ city: 'Paris' });
  });
});
