/**
 * Regression: `CassetteMissError.diff` was an array of entries, and vitest prints an error's
 * `diff` field as text, so every miss in vitest output ended in "[object Object]". `diff` is now
 * the differences as text; the entries are on `differences`.
 */
import { describe, expect, test } from 'vitest';
import { CassetteMissError, startCassette } from '../../src/cassette/index.js';
import { chat, rawClient } from '../cassette/helpers/clients.js';
import { startOpenAIServer } from '../helpers/openai-server.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-regression-miss-diff-');

describe('a cassette miss seen by a test runner', () => {
  test('carries its differences as text in `diff`, path by path', async () => {
    const server = await startOpenAIServer('01');
    const recording = await startCassette('diff', { dir: dir.path, mode: 'record' });
    await rawClient(server.baseUrl).chat.completions.create(chat('Paris'));
    await recording.stop();
    await server.close();

    const replay = await startCassette('diff', { dir: dir.path, mode: 'replay' });
    const error = await rawClient(server.baseUrl)
      .chat.completions.create(chat('London'))
      .catch((e: unknown) => e);
    const miss = await replay.stop().catch((e: unknown) => e);
    expect(miss).toBeInstanceOf(CassetteMissError);
    expect(typeof (miss as CassetteMissError).diff).toBe('string');
    expect(String((miss as CassetteMissError).diff)).not.toContain('[object Object]');
    expect((miss as CassetteMissError).diff).toBe('body.messages[0].content: "Paris" -> "London"');
    expect(error).toBeInstanceOf(Error);
  });
});

describe('a cassette miss on another server', () => {
  test('points at baseUrl and OPENAI_BASE_URL when only the origin differs', async () => {
    const server = await startOpenAIServer('01');
    const recording = await startCassette('origin', { dir: dir.path, mode: 'record' });
    await rawClient(server.baseUrl).chat.completions.create(chat('Paris'));
    await recording.stop();
    await server.close();

    const replay = await startCassette('origin', { dir: dir.path, mode: 'replay' });
    // Same port, another host name: only the origin differs.
    const elsewhere = server.baseUrl.replace('127.0.0.1', 'localhost');
    await rawClient(elsewhere)
      .chat.completions.create(chat('Paris'))
      .catch(() => undefined);
    const miss = (await replay.stop().catch((e: unknown) => e)) as CassetteMissError;
    expect(miss).toBeInstanceOf(CassetteMissError);
    expect(miss.message).toContain(
      `The request went to ${new URL(elsewhere).origin} but the recording to ${server.origin}`,
    );
    expect(miss.message).toContain('OPENAI_BASE_URL');
  });
});
