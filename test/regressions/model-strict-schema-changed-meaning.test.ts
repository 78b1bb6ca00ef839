import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ModelConfigurationError } from '../../src/model/errors.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { openaiResponseData } from '../../src/testing/index.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

// Bug: the strict-mode rewrite changed a schema's meaning silently. A record (map) property
// got `additionalProperties: false` and no properties, so the model could only ever answer `{}`;
// an optional enum became `type: [..., "null"]` with an enum that has no null, so no value
// could stand for "left out"; a zod `.transform()` threw zod's raw Error; nothing could send a
// schema non-strict. Maps are now refused before any request, naming the path and offering
// `strict: false`; optional enums accept null; zod schemas are sent as what zod reads.

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer(dataReply(openaiResponseData.json({ n: '4', kind: null })));
});
afterEach(async () => {
  await server.close();
});

const messages = [{ role: 'user' as const, content: [{ text: 'x' }] }];
const model = () => new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });

describe('the strict-mode rewrite keeps a schema meaning what it says', () => {
  test('a record is refused before any request, and sent as written with strict: false', async () => {
    const Tally = z.object({ counts: z.record(z.string(), z.number()) });
    const error = await model()
      .getJson({ messages, jsonSchema: Tally })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelConfigurationError);
    expect((error as Error).message).toContain('"counts"');
    expect(server.requests).toHaveLength(0);
    server.reply(dataReply(openaiResponseData.json({ counts: { a: 1 } })));
    await expect(model().getJson({ messages, jsonSchema: Tally, strict: false })).resolves.toMatchObject({
      parsed: { counts: { a: 1 } },
    });
  });

  test('an optional enum accepts null, and a transform is applied to what the model wrote', async () => {
    const Schema = z.object({ n: z.string().transform(Number), kind: z.enum(['a', 'b']).optional() });
    const { parsed } = await model().getJson({ messages, jsonSchema: Schema });
    expect(parsed).toEqual({ n: 4 });
    expect(server.requests[0]?.body.response_format.json_schema.schema.properties.kind).toEqual({
      type: ['string', 'null'],
      enum: ['a', 'b', null],
    });
  });
});
