/**
 * Regression: a cassette whose recorded header value `fetch` cannot send (a character beyond
 * U+00FF, a line break), or whose JSON body (declared by its content-type) no longer parses,
 * loaded fine and then failed inside the model call as a raw TypeError or SyntaxError under a
 * `ModelError` (2 of 200 random mutations). Both are now a `CassetteFormatError` at load, with
 * the file, the line and the field.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CassetteFormatError, startCassette } from '../../src/cassette/index.js';
import { OpenAIModel } from '../../src/model/openai-model.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-regression-damaged-');

async function recorded(): Promise<string> {
  const server = await startOpenAIServer((_request, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_123' });
    res.end(
      '{"id": "chatcmpl-1", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paris"}, "finish_reason": "stop"}]}',
    );
  });
  try {
    const cassette = await startCassette('damaged', { dir: dir.path, mode: 'record' });
    await new OpenAIModel({
      modelId: 'gpt-4o-mini',
      apiKey: 'sk-damaged-0123456789',
      baseUrl: server.baseUrl,
      maxRetries: 0,
    }).getText({
      messages: [{ role: 'user', content: [{ text: 'Capital of France?' }] }],
    });
    await cassette.stop();
  } finally {
    await server.close();
  }
  return readFile(join(dir.path, 'damaged.yaml'), 'utf8');
}

describe('a damaged recording', () => {
  test.each([
    [
      'a header value with a character beyond U+00FF',
      (text: string) => text.replace('x-request-id: req_123', 'x-request-id: req_1\u2019'),
      'response.headers.x-request-id',
      'U+2019',
    ],
    [
      'a header value with a line break',
      (text: string) => text.replace('x-request-id: req_123', 'x-request-id: "req\\n123"'),
      'response.headers.x-request-id',
      'U+000A',
    ],
    [
      'a JSON body that no longer parses',
      (text: string) => text.replace('"id": "chatcmpl-1"', '"id": "chatcmpl-1'),
      'response.body.text',
      'does not parse as the JSON its content-type declares',
    ],
  ])('fails to load with CassetteFormatError naming file, line and field: %s', async (_what, edit, field, reason) => {
    const text = await recorded();
    const damaged = edit(text);
    expect(damaged).not.toBe(text);
    await writeFile(join(dir.path, 'damaged.yaml'), damaged);

    const error = await startCassette('damaged', { dir: dir.path, mode: 'replay' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CassetteFormatError);
    const { line, message } = error as CassetteFormatError;
    expect((error as CassetteFormatError).field).toBe(`interactions[0].${field}`);
    expect(message).toContain(join(dir.path, 'damaged.yaml'));
    expect(message).toContain(reason);
    const lineText = damaged.split('\n')[(line as number) - 1];
    expect(lineText).toMatch(field.endsWith('text') ? /text:/ : /x-request-id:/);
  });
});
