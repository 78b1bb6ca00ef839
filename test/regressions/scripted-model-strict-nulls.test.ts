import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { reply, ScriptedModel } from '../../src/testing/index.js';

// Bug: ScriptedModel.getJson answered reply.json(value) as the value alone, while production's
// strict mode answers `null` for every optional field left out. Code that read `response.text`
// passed its tests and failed in production. ScriptedModel now answers with strict mode's nulls
// (and gives `parsed` without them, as OpenAIModel does).

describe('ScriptedModel.getJson in strict mode', () => {
  test('answers with the nulls production answers with', async () => {
    const Profile = z.object({ name: z.string(), nickname: z.string().optional() });
    const model = new ScriptedModel([reply.json({ name: 'Ada' })]);
    const response = await model.getJson({ messages: [{ role: 'user', content: 'Who?' }], jsonSchema: Profile });
    expect(JSON.parse(response.text)).toEqual({ name: 'Ada', nickname: null });
    expect(response.parsed).toEqual({ name: 'Ada' });
  });
});
