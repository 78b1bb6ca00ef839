import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  CassetteConfigurationError,
  parseCassette,
  resolveMode,
  startCassette,
  type CassetteStore,
} from '../../src/cassette/index.js';
import { activeCassette } from '../../src/internal/active-cassette.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { chat, rawClient } from './helpers/clients.js';
import { useEnv } from './helpers/env.js';

const dir = useTempDir('spark-cassette-mode-');
const env = useEnv();
const EXISTING = 'version: 1\ninteractions: []\n';

describe('the default mode', () => {
  test('is auto while the file is missing and replay once it exists, off CI', async () => {
    env.set({ CI: undefined, SPARK_CASSETTE_MODE: undefined });
    const missing = await startCassette('mode/defaults', { dir: dir.path });
    expect(missing.mode).toBe('auto');
    await missing.stop();
    await mkdir(join(dir.path, 'mode'));
    await writeFile(join(dir.path, 'mode/defaults.yaml'), EXISTING);
    const existing = await startCassette('mode/defaults', { dir: dir.path });
    expect(existing.mode).toBe('replay');
    await existing.stop();
  });

  test('is replay on CI, even for a missing file', async () => {
    env.set({ CI: 'true', SPARK_CASSETTE_MODE: undefined });
    const cassette = await startCassette('mode/ci', { dir: dir.path });
    expect(cassette.mode).toBe('replay');
    await cassette.stop();
  });

  test('treats CI set to "", "0" or "false" as not CI', () => {
    for (const CI of ['', '0', 'false', 'FALSE']) {
      expect(resolveMode(undefined, false, '/c.yaml', { CI })).toBe('auto');
    }
    expect(resolveMode(undefined, false, '/c.yaml', { CI: '1' })).toBe('replay');
  });

  test('gives way to SPARK_CASSETTE_MODE, over the `mode` option and CI', async () => {
    env.set({ CI: 'true', SPARK_CASSETTE_MODE: 'record' });
    const cassette = await startCassette('mode/env', { dir: dir.path, mode: 'replay' });
    expect(cassette.mode).toBe('record');
    await cassette.stop();
    expect(resolveMode('passthrough', true, '/c.yaml', {})).toBe('passthrough');
  });

  test('rejects an invalid SPARK_CASSETTE_MODE before any I/O, naming the variable and the allowed values', async () => {
    env.set({ SPARK_CASSETTE_MODE: 'replya' });
    const reads: string[] = [];
    const store: CassetteStore = {
      read: async (path) => {
        reads.push(path);
        return undefined;
      },
      write: async () => undefined,
    };
    const error = await startCassette('mode/invalid', { dir: dir.path, store }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CassetteConfigurationError);
    expect(error).toMatchObject({ option: 'SPARK_CASSETTE_MODE' });
    expect((error as Error).message).toBe(
      'Invalid SPARK_CASSETTE_MODE "replya": it must be one of "replay", "record", "auto", "passthrough". ' +
        'Set SPARK_CASSETTE_MODE to one of them, or unset it to use the defaults.',
    );
    expect(reads).toEqual([]);
    expect(activeCassette.current).toBeUndefined();
  });
});

describe('each mode', () => {
  test('auto replays what matches, records what does not, and keeps both in the file', async () => {
    const server = await startOpenAIServer('01', '14');
    try {
      let cassette = await startCassette('mode/auto', { dir: dir.path, mode: 'auto' });
      await rawClient(server.baseUrl).chat.completions.create(chat('first'));
      await cassette.stop();
      cassette = await startCassette('mode/auto', { dir: dir.path, mode: 'auto' });
      const client = rawClient(server.baseUrl);
      await client.chat.completions.create(chat('first'));
      await client.chat.completions.create(chat('second'));
      const summary = await cassette.stop();

      expect(summary).toMatchObject({ replayed: 1, recorded: 1, written: true });
      expect(server.requests.map((r) => r.body.messages[0].content)).toEqual(['first', 'second']);
      const file = parseCassette(await readFile(cassette.path, 'utf8'), cassette.path);
      expect(
        file.interactions.map(
          (i) => (i.request.body as { json: { messages: { content: string }[] } }).json.messages[0]?.content,
        ),
      ).toEqual(['first', 'second']);
    } finally {
      await server.close();
    }
  });

  test('record always sends real requests and replaces the file', async () => {
    const server = await startOpenAIServer('01');
    try {
      for (const text of ['old', 'new']) {
        const cassette = await startCassette('mode/record', { dir: dir.path, mode: 'record' });
        await rawClient(server.baseUrl).chat.completions.create(chat(text));
        await cassette.stop();
      }
      const file = parseCassette(await readFile(join(dir.path, 'mode/record.yaml'), 'utf8'), 'x');
      expect(file.interactions).toHaveLength(1);
      expect(JSON.stringify(file.interactions[0]?.request.body)).toContain('new');
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  test('passthrough sends real requests and writes nothing', async () => {
    const server = await startOpenAIServer('01');
    try {
      const cassette = await startCassette('mode/passthrough', { dir: dir.path, mode: 'passthrough' });
      await rawClient(server.baseUrl).chat.completions.create(chat('live'));
      const summary = await cassette.stop();
      expect(summary).toMatchObject({ passedThrough: 1, recorded: 0, written: false });
      expect(server.requests).toHaveLength(1);
      await expect(readFile(join(dir.path, 'mode/passthrough.yaml'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await server.close();
    }
  });

  test('lets OpenAIModel go without a key in replay mode only', async () => {
    await writeFile(join(dir.path, 'mode-key.yaml'), EXISTING);
    for (const [mode, expected] of [
      ['replay', true],
      ['auto', false],
      ['record', false],
      ['passthrough', false],
    ] as const) {
      const cassette = await startCassette('mode-key', { dir: dir.path, mode });
      expect(activeCassette.current?.servesWithoutKey).toBe(expected);
      await cassette.stop();
    }
  });
});
