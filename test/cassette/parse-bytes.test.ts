import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseCassette } from '../../src/cassette/index.js';
import { parseCassetteBytes } from '../../src/cassette/format.js';
import type { StoredBody } from '../../src/cassette/types.js';

const EXAMPLES = 'fixtures/cassettes/examples';

describe('a cassette read from its bytes', () => {
  test('is what yaml reads from its text, for every example cassette', async () => {
    for (const name of await readdir(EXAMPLES)) {
      const path = join(EXAMPLES, name);
      const bytes = await readFile(path);
      const fromText = parseCassette(bytes.toString('utf8'), path);
      expect(parseCassetteBytes(bytes, path, { deferJson: true }), name).toEqual(fromText);
      expect(fromText, name).toEqual(parse(bytes.toString('utf8')));
    }
  });

  test("reads a body's JSON only when it is first touched, then keeps it", async () => {
    const path = join(EXAMPLES, 'streaming.yaml');
    const [interaction] = parseCassetteBytes(await readFile(path), path, { deferJson: true }).interactions;
    const body = interaction?.request.body as StoredBody & { json: unknown };
    expect(Object.getOwnPropertyDescriptor(body, 'json')?.get).toBeTypeOf('function');
    expect(body.json).toMatchObject({ model: 'gpt-3.5-turbo', stream: true });
    expect(Object.getOwnPropertyDescriptor(body, 'json')?.value).toBe(body.json);
    const events = (interaction?.response.body as { events: { json?: unknown }[] } | undefined)?.events ?? [];
    expect(events[0]?.json).toMatchObject({ object: 'chat.completion.chunk' });
    expect(Object.keys(events[0] ?? {})).toEqual(['json']);
  });
});
