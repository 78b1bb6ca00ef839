import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { createSchemaValidator } from '../../src/internal/schema-validator.js';
import { openaiResponseData } from '../../src/testing/index.js';
import { citySchema } from '../helpers/city-schema.js';
import { dataReply, startOpenAIServer, type OpenAIServer } from '../helpers/openai-server.js';

// Bug: getJson made optional fields nullable for strict mode, and the model's `null`s stayed in
// what the caller got, so the reply failed the caller's own schema (`/landmarks must be array`;
// zod `.optional()` gave `safeParse(...).success === false`), against the promise that the reply
// matches the schema. The validated value was computed and thrown away. It is now `parsed`.

let server: OpenAIServer;
beforeEach(async () => {
  server = await startOpenAIServer(
    dataReply(openaiResponseData.json({ name: 'Paris', country: 'France', population: 2161000, landmarks: null })),
  );
});
afterEach(async () => {
  await server.close();
});

const schema = citySchema;
const messages = [{ role: 'user' as const, content: [{ text: 'Describe Paris' }] }];
const model = () => new OpenAIModel({ modelId: 'gpt-4o', apiKey: 'sk-test-key-123456', baseUrl: server.baseUrl });

describe('getJson with an optional field the model answered null', () => {
  test('parsed matches the JSON Schema as written', async () => {
    const { parsed } = await model().getJson({ messages, jsonSchema: schema });
    expect(createSchemaValidator(schema)(parsed)).toEqual({ ok: true, value: parsed });
  });

  test('parsed matches the zod schema as written', async () => {
    const City = z.object({
      name: z.string(),
      country: z.string(),
      population: z.number().int(),
      landmarks: z.array(z.string()).optional(),
    });
    const { parsed } = await model().getJson({ messages, jsonSchema: City });
    expect(City.safeParse(parsed).success).toBe(true);
  });
});
