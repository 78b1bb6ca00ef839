import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../src/model/response-cache.js';
import { createCacheKey } from '../../src/model/response-cache-key.js';
import type { ResponseCacheOptions } from '../../src/model/response-cache-options.js';
import { listFiles, useTempDir } from '../helpers/temp-dir.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = fileURLToPath(new URL('./fixtures/response-cache-worker.ts', import.meta.url));
const run = promisify(execFile);

const KEY = createCacheKey({ modelId: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ text: 'Hi' }] }] });
const OTHER_KEY = createCacheKey({ modelId: 'gpt-4o-mini', messages: [{ role: 'user', content: [{ text: 'Bye' }] }] });
const BODY = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  choices: [{ message: { role: 'assistant', content: 'Hello!' } }],
};

const temp = useTempDir('spark-cache-');

/** A cache on the test's directory whose clock the test moves by hand. */
function cacheWithClock(options: Partial<ResponseCacheOptions> = {}): { cache: ResponseCache; clock: { now: number } } {
  const clock = { now: 1_700_000_000_000 };
  return { cache: new ResponseCache({ dir: temp.path, ttlSeconds: 60, now: () => clock.now, ...options }), clock };
}

describe('ResponseCache', () => {
  it('misses a key that was never set', async () => {
    const cache = new ResponseCache({ dir: temp.path, ttlSeconds: 60 });
    await expect(cache.get(KEY)).resolves.toBeUndefined();
  });

  it('returns the value that was set, from a new instance on the same directory too', async () => {
    await new ResponseCache({ dir: temp.path, ttlSeconds: 60 }).set(KEY, BODY);
    await expect(new ResponseCache({ dir: temp.path, ttlSeconds: 60 }).get(KEY)).resolves.toEqual(BODY);
    await expect(new ResponseCache({ dir: temp.path, ttlSeconds: 60 }).get(OTHER_KEY)).resolves.toBeUndefined();
  });

  it('writes one versioned JSON file per entry under a two-character prefix folder', async () => {
    const { cache, clock } = cacheWithClock();
    await cache.set(KEY, BODY);
    await cache.set(OTHER_KEY, 'second');
    expect((await listFiles(temp.path)).sort()).toEqual(
      [join(KEY.slice(0, 2), `${KEY}.json`), join(OTHER_KEY.slice(0, 2), `${OTHER_KEY}.json`)].sort(),
    );
    const stored: unknown = JSON.parse(await readFile(cache.pathFor(KEY), 'utf8'));
    expect(stored).toEqual({ version: 1, key: KEY, createdAt: clock.now, expiresAt: clock.now + 60_000, value: BODY });
  });

  it('creates nothing on disk until the first set', async () => {
    const nested = join(temp.path, 'not', 'yet');
    const cache = new ResponseCache({ dir: nested, ttlSeconds: 60 });
    await cache.get(KEY);
    expect(await listFiles(temp.path)).toEqual([]);
    await cache.set(KEY, BODY);
    expect(await listFiles(nested)).toHaveLength(1);
  });

  it('treats an entry as missing once its time to live has passed', async () => {
    const { cache, clock } = cacheWithClock();
    await cache.set(KEY, BODY);
    clock.now += 59_999;
    await expect(cache.get(KEY)).resolves.toEqual(BODY);
    clock.now += 1;
    await expect(cache.get(KEY)).resolves.toBeUndefined();
  });

  it('replaces an expired entry on the next set', async () => {
    const { cache, clock } = cacheWithClock();
    await cache.set(KEY, 'old');
    clock.now += 120_000;
    await expect(cache.get(KEY)).resolves.toBeUndefined();
    await cache.set(KEY, 'new');
    await expect(cache.get(KEY)).resolves.toBe('new');
    const stored = JSON.parse(await readFile(cache.pathFor(KEY), 'utf8')) as { createdAt: number };
    expect(stored.createdAt).toBe(clock.now);
  });

  it('applies a shorter time to live to entries written with a longer one', async () => {
    const clock = { now: 1_700_000_000_000 };
    await new ResponseCache({ dir: temp.path, ttlSeconds: 3600, now: () => clock.now }).set(KEY, BODY);
    clock.now += 120_000;
    await expect(
      new ResponseCache({ dir: temp.path, ttlSeconds: 3600, now: () => clock.now }).get(KEY),
    ).resolves.toEqual(BODY);
    await expect(
      new ResponseCache({ dir: temp.path, ttlSeconds: 60, now: () => clock.now }).get(KEY),
    ).resolves.toBeUndefined();
  });

  const damaged: Array<[string, (valid: string) => string]> = [
    ['garbage bytes', () => '\u0000\u0001garbage{{{'],
    ['an empty file', () => ''],
    ['truncated JSON', (valid) => valid.slice(0, Math.floor(valid.length / 2))],
    ['a JSON array', () => '[1, 2, 3]'],
    ['JSON null', () => 'null'],
    ['another version', (valid) => valid.replace('"version": 1', '"version": 2')],
    ['no value', (valid) => JSON.stringify({ ...(JSON.parse(valid) as object), value: undefined })],
    ['a non-numeric expiry', (valid) => valid.replace(/"expiresAt": \d+/, '"expiresAt": "tomorrow"')],
  ];

  it.each(damaged)('reads an entry holding %s as a miss, and rewrites it on the next set', async (_name, damage) => {
    const cache = new ResponseCache({ dir: temp.path, ttlSeconds: 60 });
    await cache.set(KEY, BODY);
    const path = cache.pathFor(KEY);
    await writeFile(path, damage(await readFile(path, 'utf8')));

    await expect(cache.get(KEY)).resolves.toBeUndefined();
    await cache.set(KEY, BODY);
    await expect(cache.get(KEY)).resolves.toEqual(BODY);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1, key: KEY });
  });

  it('does not serve an entry whose file holds another key', async () => {
    const cache = new ResponseCache({ dir: temp.path, ttlSeconds: 60 });
    await cache.set(OTHER_KEY, 'the answer to another request');
    await mkdir(join(temp.path, KEY.slice(0, 2)), { recursive: true });
    await copyFile(cache.pathFor(OTHER_KEY), cache.pathFor(KEY));
    await expect(cache.get(KEY)).resolves.toBeUndefined();
  });

  it('reads an entry that cannot be read as a file as a miss', async () => {
    const cache = new ResponseCache({ dir: temp.path, ttlSeconds: 60 });
    await mkdir(cache.pathFor(KEY), { recursive: true });
    await expect(cache.get(KEY)).resolves.toBeUndefined();
  });

  it('keeps every entry whole under parallel sets and gets in one process', async () => {
    const cache = new ResponseCache({ dir: temp.path, ttlSeconds: 60 });
    const values = Array.from({ length: 40 }, (_, index) => ({ index, body: 'x'.repeat(10_000 + index * 997) }));
    const reads = await Promise.all(values.map(async (value) => (await cache.set(KEY, value), cache.get(KEY))));
    for (const read of reads) {
      expect(values).toContainEqual(read);
    }
    expect(await listFiles(temp.path)).toEqual([join(KEY.slice(0, 2), `${KEY}.json`)]);
  });

  it('never leaves a torn or temporary file when several processes write the same key', async () => {
    const workers = 6;
    const iterations = 150;
    const runs = Array.from({ length: workers }, (_, worker) =>
      run(
        `${ROOT}node_modules/.bin/node`,
        ['--import', 'tsx', WORKER, temp.path, KEY, String(worker), String(iterations)],
        {
          cwd: ROOT,
          maxBuffer: 1 << 20,
        },
      ),
    );
    const summaries = (await Promise.all(runs)).map(({ stdout }) => JSON.parse(stdout) as Record<string, number>);

    for (const summary of summaries) {
      expect(summary).toMatchObject({
        sets: iterations,
        hits: iterations,
        misses: 0,
        badValues: 0,
        rawReads: iterations,
        rawParseFailures: 0,
      });
    }
    expect(await listFiles(temp.path)).toEqual([join(KEY.slice(0, 2), `${KEY}.json`)]);
    const last = (await new ResponseCache({ dir: temp.path, ttlSeconds: 60 }).get(KEY)) as {
      body: string;
      length: number;
    };
    expect(last.body).toHaveLength(last.length);
  }, 60_000);

  it('rejects a key that is not a sha256 hex digest, so no path can escape the directory', async () => {
    const cache = new ResponseCache({ dir: temp.path, ttlSeconds: 60 });
    await expect(cache.get('../../etc/passwd')).rejects.toThrow(
      /Invalid cache key "\.\.\/\.\.\/etc\/passwd".*createCacheKey/,
    );
    await expect(cache.set('ABC', BODY)).rejects.toThrow(TypeError);
  });

  it('refuses to cache undefined, which would read back as a miss', async () => {
    const cache = new ResponseCache({ dir: temp.path, ttlSeconds: 60 });
    await expect(cache.set(KEY, undefined)).rejects.toThrow(/Cannot cache `undefined`/);
    expect(await listFiles(temp.path)).toEqual([]);
  });
});
