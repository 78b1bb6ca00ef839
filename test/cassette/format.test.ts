import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CassetteFormatError, parseCassette, serializeCassette, startCassette } from '../../src/cassette/index.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { chat, rawClient } from './helpers/clients.js';

const dir = useTempDir('spark-cassette-format-');

/** Records a small session (text, a multi-line prompt, an SSE stream with a "  \n" delta, a 429) and returns the file text. */
async function recordSample(name: string, baseUrl?: string): Promise<{ text: string; baseUrl: string }> {
  const server = await startOpenAIServer('01', '02', '07', '15');
  try {
    const cassette = await startCassette(name, { dir: dir.path, mode: 'record' });
    const client = rawClient(server.baseUrl);
    await client.chat.completions.create(chat('one line'));
    await client.chat.completions.create(chat('first line\nsecond line\n\nfourth line'));
    const stream = await client.chat.completions.create({ ...chat('stream'), stream: true });
    for await (const _chunk of stream) {
      // drain
    }
    await client.chat.completions.create(chat('rate limited')).catch(() => undefined);
    await cassette.stop();
    return { text: await readFile(join(dir.path, `${name}.yaml`), 'utf8'), baseUrl: baseUrl ?? server.baseUrl };
  } finally {
    await server.close();
  }
}

function formatError(text: string): CassetteFormatError | undefined {
  try {
    parseCassette(text, '/cassettes/broken.yaml');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(CassetteFormatError);
    return error as CassetteFormatError;
  }
}

describe('the cassette file', () => {
  test('holds JSON bodies one field per line, multi-line text as literal blocks and streams as event lists', async () => {
    const { text } = await recordSample('format/readable');
    expect(text).toMatch(
      /^version: 1\nprovenance:\n {2}toolkit: spark-models \d+\.\d+\.\d+\n {2}openai: \d+\.\d+\.\d+\n {2}models:\n {4}- gpt-4o-mini\n/,
    );
    expect(text).toContain(
      '              content: |-\n                first line\n                second line\n\n                fourth line\n',
    );
    expect(text).toContain('        events:\n          - json:\n              id: chatcmpl-');
    // A line of only spaces (corpus 07's "  \n" delta) is double-quoted, never a lossy block.
    const events = parseCassette(text, 'x.yaml').interactions[2]?.response.body;
    expect(JSON.stringify(events)).toContain('"content":"  \\n"');
    expect(text).toContain('          - data: "[DONE]"');
    expect(text).toContain('      status: 429');
    expect(text).not.toMatch(/body: "\{/); // no JSON body as one escaped string
    expect(serializeCassette(parseCassette(text, 'x.yaml'))).toBe(text);
  });

  test('is the same when the same session is recorded twice, but for the recording times', async () => {
    const server = await startOpenAIServer('01');
    try {
      const texts: string[] = [];
      for (const name of ['format/twice-a', 'format/twice-b']) {
        const cassette = await startCassette(name, { dir: dir.path, mode: 'record' });
        const client = rawClient(server.baseUrl);
        // Parallel requests finish in any order; the file keeps the order they were made in.
        await Promise.all(['a', 'b', 'c', 'a'].map((text) => client.chat.completions.create(chat(text))));
        await client.chat.completions.create(chat('after'));
        await cassette.stop();
        texts.push(await readFile(join(dir.path, `${name}.yaml`), 'utf8'));
      }
      const [a, b] = texts.map((text) => text.replaceAll(/recordedAt: .*/g, 'recordedAt: <time>'));
      expect(a).toBe(b);
      const contents = [...(a as string).matchAll(/\n {14}content: (\w+)/g)].map((m) => m[1]);
      expect(contents.slice(0, 4).sort()).toEqual(['a', 'a', 'b', 'c']);
      expect(contents[4]).toBe('after');
      expect((a as string).match(/id: \w{12}-\d/g)).toHaveLength(5);
    } finally {
      await server.close();
    }
  });

  test('that is not YAML fails with CassetteFormatError naming the file and the line', () => {
    const error = formatError('version: 1\ninteractions:\n  - id: "unterminated\n    hash: x\n');
    expect(error?.line).toBeGreaterThanOrEqual(3);
    expect(error?.message).toMatch(/^Cannot read cassette \/cassettes\/broken\.yaml \(line \d\): invalid YAML: /);
    expect(error?.message).toContain('SPARK_CASSETTE_MODE=record');
  });

  test('of an unknown version fails naming the version field and what to do', () => {
    const error = formatError('version: 2\ninteractions: []\n');
    expect(error).toMatchObject({ field: 'version', line: 1, cassettePath: '/cassettes/broken.yaml' });
    expect(error?.message).toContain('`version` is 2, a version this spark-models cannot read (it reads version 1)');
    expect(error?.message).toContain('Upgrade spark-models');
  });

  test('missing a field fails naming the field path and its line', async () => {
    const { text } = await recordSample('format/missing');
    const lines = text.split('\n');
    const statusLines = lines.flatMap((line, i) => (line === '      status: 200' ? [i] : []));
    lines.splice(statusLines[1] as number, 1);
    const error = formatError(lines.join('\n'));
    expect(error?.field).toBe('interactions[1].response.status');
    expect(error?.message).toContain('`interactions[1].response.status` is missing');
    expect(error?.line).toBe(statusLines[1]); // 1-based: the line of `response:`, just above the missing field
  });

  test('that is empty, or holds another kind of value, fails with CassetteFormatError', () => {
    expect(formatError('')?.message).toContain('the file is empty');
    expect(formatError('- a\n- b\n')?.message).toContain('the file holds a list, not a cassette');
    expect(
      formatError(
        'version: 1\ninteractions:\n  - id: a\n    hash: b\n    request: {method: GET, url: "http://x/", headers: {}}\n    response: {status: 200, headers: {}, body: {json: 1, text: "x"}}\n    recordedAt: 2025-01-01T00:00:00.000Z\n',
      )?.field,
    ).toBe('interactions[0].response.body');
  });

  test('cut short anywhere inside an interaction fails to load', async () => {
    const server = await startOpenAIServer('01', '15');
    let text: string;
    try {
      const cassette = await startCassette('format/truncated', { dir: dir.path, mode: 'record' });
      const client = rawClient(server.baseUrl);
      await client.chat.completions.create(chat('first'));
      await client.chat.completions.create(chat('second\nline')).catch(() => undefined);
      await cassette.stop();
      text = await readFile(join(dir.path, 'format/truncated.yaml'), 'utf8');
    } finally {
      await server.close();
    }
    const whole = parseCassette(text, 'whole.yaml').interactions;
    let failed = 0;
    for (let cut = 1; cut < text.length - 1; cut += 5) {
      const prefix = text.slice(0, cut);
      const error = formatError(prefix);
      if (error) {
        failed++;
        expect(error.line ?? error.field).toBeDefined();
        continue;
      }
      // Only a cut between whole interactions loads, and then as exactly those interactions.
      expect(prefix.trimEnd()).toMatch(/recordedAt: \S+Z$/);
      const loaded = parseCassette(prefix, 'cut.yaml').interactions;
      expect(loaded).toEqual(whole.slice(0, loaded.length));
    }
    expect(failed).toBeGreaterThan(text.length / 5 - 5);
  });

  test('that is broken stops a replay at start, but not a re-recording that replaces it', async () => {
    const server = await startOpenAIServer('01');
    try {
      await writeFile(join(dir.path, 'broken.yaml'), 'version: [\n');
      await expect(startCassette('broken', { dir: dir.path, mode: 'replay' })).rejects.toThrow(CassetteFormatError);
      const cassette = await startCassette('broken', { dir: dir.path, mode: 'record' });
      await rawClient(server.baseUrl).chat.completions.create(chat('fixed'));
      await cassette.stop();
      expect(
        parseCassette(await readFile(join(dir.path, 'broken.yaml'), 'utf8'), 'broken.yaml').interactions,
      ).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
