import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCassette, startCassette } from '../../../src/cassette/index.js';
import { readCassette } from '../../../src/cassette/load/read-cassette.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { useEnv } from '../helpers/env.js';
import { askLarge, largeInteraction, writeLargeCassette } from '../helpers/large-cassette.js';
import { serializeCassette } from '../../../src/cassette/format.js';
import { isCassetteError } from '../../../src/cassette/errors.js';

const dir = useTempDir('spark-cassette-cache-');
const env = useEnv();
const BYTES = 20_000;
// 30 interactions of 20 KB: over the 16 KB under which nothing is cached.
const COUNT = 30;

async function cacheFiles(): Promise<string[]> {
  return readdir(join(dir.path, 'cache')).catch(() => []);
}

describe('the parsed-form cache', () => {
  test('serves an unchanged cassette with the same interactions as a fresh parse', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    const path = await writeLargeCassette(dir.path, 'large', COUNT, BYTES);
    const cold = await readCassette(path, undefined, false);
    // Written at stop() (`save`), once, with what the replay learned.
    expect(await cacheFiles()).toEqual([]);
    cold.memo?.save();
    expect(await cacheFiles()).toHaveLength(1);
    const warm = await readCassette(path, undefined, false);
    const parsed = parseCassette(await readFile(path, 'utf8'), path).interactions;
    expect(warm.file?.interactions).toEqual(parsed);
    expect(cold.file?.interactions).toEqual(parsed);
    expect(JSON.parse(JSON.stringify(warm.file?.interactions))).toEqual(JSON.parse(JSON.stringify(parsed)));
    expect(warm.sha256).toBe(cold.sha256);
  });

  test('replays from the cache, and a file changed since is read again, not served stale', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    const path = await writeLargeCassette(dir.path, 'large', COUNT, BYTES);
    for (const expected of ['reply 3', 'reply 3']) {
      const cassette = await startCassette('large', { dir: dir.path, mode: 'replay', failOnUnused: false });
      expect(await askLarge(cassette.fetch, 3, BYTES)).toBe(expected);
      await cassette.stop({ failed: true });
    }
    // Same size, other content: the reply of interaction 3 now reads "reply X".
    await writeFile(path, (await readFile(path, 'utf8')).replace('content: reply 3\n', 'content: reply X\n'));
    const cassette = await startCassette('large', { dir: dir.path, mode: 'replay' });
    expect(await askLarge(cassette.fetch, 3, BYTES)).toBe('reply X');
    await cassette.stop({ failed: true });
  });

  test('ignores an entry that is corrupt or does not fit the file', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    await writeLargeCassette(dir.path, 'large', COUNT, BYTES);
    await (await startCassette('large', { dir: dir.path, mode: 'replay' })).stop({ failed: true });
    const [entry] = await cacheFiles();
    const entryPath = join(dir.path, 'cache', entry as string);
    const good = JSON.parse(await readFile(entryPath, 'utf8')) as { heads: unknown[][] };
    const shifted = { ...good, heads: good.heads.map((head) => [...head.slice(0, 6), Number(head[6]) + 1, head[7]]) };
    for (const bad of [
      '{"format":1,',
      JSON.stringify(shifted),
      JSON.stringify({ ...good, heads: good.heads.slice(1) }),
    ]) {
      await writeFile(entryPath, bad);
      const cassette = await startCassette('large', { dir: dir.path, mode: 'replay' });
      const replies = [];
      for (let i = 0; i < COUNT; i++) {
        replies.push(await askLarge(cassette.fetch, i, BYTES));
      }
      expect(replies).toEqual(Array.from({ length: COUNT }, (_, i) => `reply ${i}`));
      expect((await cassette.stop()).replayed).toBe(COUNT);
    }
  });

  test('a first replay writes the entry once, at stop, with what it learned; a replay of no request writes it too', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    await writeLargeCassette(dir.path, 'large', COUNT, BYTES);
    const cassette = await startCassette('large', { dir: dir.path, mode: 'replay', failOnUnused: false });
    for (const i of [0, 1, 2]) {
      expect(await askLarge(cassette.fetch, i, BYTES)).toBe(`reply ${i}`);
    }
    expect(await cacheFiles()).toEqual([]);
    await cassette.stop();
    const [name, ...others] = await cacheFiles();
    expect(others).toEqual([]);
    const line = JSON.parse(
      (await readFile(join(dir.path, 'cache', name as string), 'utf8')).split('\n')[0] as string,
    ) as { heads: unknown[]; memo: { verified: number[] }; forms: { ranges: unknown[] } };
    expect(line.heads).toHaveLength(COUNT);
    expect(line.memo.verified).toEqual([0, 1, 2]);
    expect(line.forms.ranges).toHaveLength(3);

    // No request at all: the entry is still written, so the next start does not parse.
    await writeLargeCassette(dir.path, 'other', COUNT, BYTES);
    await (await startCassette('other', { dir: dir.path, mode: 'replay' })).stop({ failed: true });
    expect(await cacheFiles()).toHaveLength(2);
  });

  test('is not written for small cassettes', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    await writeLargeCassette(dir.path, 'small', 3, 2_000);
    await (await startCassette('small', { dir: dir.path, mode: 'replay' })).stop({ failed: true });
    expect(await cacheFiles()).toEqual([]);
  });

  test('reads a response alone exactly as the whole interaction reads it: blank lines, indents, streams', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    const interactions = Array.from({ length: 8 }, (_, i) => {
      const interaction = largeInteraction(i, 12_000);
      const text = `line one\n\n\n  indented after blank lines\n    deeper\n\nlast ${i}\n`;
      interaction.response.body =
        i % 2 === 0
          ? { text }
          : { events: [{ data: JSON.stringify({ text }) }, { event: 'done', data: '\n\n  x' }, { data: '[DONE]' }] };
      interaction.response.headers = { 'content-type': 'text/plain', 'x-multi': ['a', '  b  '] };
      return interaction;
    });
    const path = join(dir.path, 'layout.yaml');
    await writeFile(path, serializeCassette({ version: 1, interactions }));
    (await readCassette(path, undefined, false)).memo?.save();
    const warm = await readCassette(path, undefined, false);
    const parsed = parseCassette(await readFile(path, 'utf8'), path).interactions;
    // The responses first: each is read alone, before its request is touched.
    expect(warm.file?.interactions.map((interaction) => interaction.response)).toEqual(
      parsed.map((interaction) => interaction.response),
    );
    expect(warm.file?.interactions).toEqual(parsed);
  });

  test('keeps a replay memo for the same bytes and rules: written once, used again, rules apart', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    await writeLargeCassette(dir.path, 'large', COUNT, BYTES);
    const replay = async (options: { ignoreBodyFields?: string[] } = {}): Promise<string[]> => {
      const cassette = await startCassette('large', { dir: dir.path, mode: 'replay', ...options });
      const replies = [];
      for (let i = 0; i < COUNT; i++) {
        replies.push(await askLarge(cassette.fetch, i, BYTES));
      }
      expect((await cassette.stop()).replayed).toBe(COUNT);
      return replies;
    };
    const expected = Array.from({ length: COUNT }, (_, i) => `reply ${i}`);
    const entry = async (): Promise<{ memo?: { rules: string; verified: number[]; sent: unknown[] } }> => {
      const [name] = await cacheFiles();
      // The entry's first line; the replay forms' bytes follow it.
      return JSON.parse(
        (await readFile(join(dir.path, 'cache', name as string), 'utf8')).split('\n')[0] as string,
      ) as never;
    };
    expect(await replay()).toEqual(expected);
    const first = await entry();
    expect(first.memo?.rules).toBe('[]');
    expect(first.memo?.verified).toHaveLength(COUNT);
    expect(first.memo?.sent).toHaveLength(COUNT);
    // Nothing new learned: the entry is left as it is.
    expect(await replay()).toEqual(expected);
    expect(await entry()).toEqual(first);
    // Other rules: the hashes are computed afresh (no recording hashes to its stored hash
    // without `temperature`), and the memo is kept for those rules instead.
    expect(await replay({ ignoreBodyFields: ['temperature'] })).toEqual(expected);
    const other = await entry();
    expect(other.memo?.rules).toBe('[["temperature"]]');
    expect(other.memo?.verified).toEqual([]);
  });

  test('misses as before with a memo: a known request once its recording was used, a new one with its diff', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    await writeLargeCassette(dir.path, 'large', COUNT, BYTES);
    for (let run = 0; run < 2; run++) {
      const cassette = await startCassette('large', { dir: dir.path, mode: 'replay', failOnUnused: false });
      expect(await askLarge(cassette.fetch, 3, BYTES)).toBe('reply 3');
      const again = await askLarge(cassette.fetch, 3, BYTES).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isCassetteError(again)).toBe(true);
      expect((again as Error).message).toContain('already answered by its only recording');
      const other = await askLarge(cassette.fetch, 3, BYTES + 500).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect((other as Error).name).toBe('CassetteMissError');
      expect((other as Error).message).toMatch(/body\.messages\[\d+\]/);
      await cassette.stop({ failed: true });
    }
  });
});
