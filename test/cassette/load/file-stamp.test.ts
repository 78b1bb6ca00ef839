import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startCassette } from '../../../src/cassette/index.js';
import { fileStamp, readStampedBytes } from '../../../src/cassette/load/file-stamp.js';
import { readCassette } from '../../../src/cassette/load/read-cassette.js';
import { sleep } from '../../../src/internal/sleep.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { useEnv } from '../helpers/env.js';
import { askLarge, LARGE_URL, largeBody, writeLargeCassette } from '../helpers/large-cassette.js';

const dir = useTempDir('spark-file-stamp-');
const env = useEnv();
const BYTES = 20_000;
const COUNT = 3;

// Waits until the file's last change is old enough to be stamped (about 3 s after writing it).
async function settled(path: string): Promise<string> {
  for (;;) {
    const stamp = readStampedBytes(path)?.stamp;
    if (stamp !== undefined) {
      return stamp;
    }
    await sleep(250);
  }
}

// A settled cassette whose every recording was replayed once: the cache entry then holds the
// replay memo and forms a warm replay answers from.
async function warmSettledCassette(): Promise<string> {
  env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
  const path = await writeLargeCassette(dir.path, 'large', COUNT, BYTES);
  await settled(path);
  const first = await startCassette('large', { dir: dir.path, mode: 'replay' });
  for (let i = 0; i < COUNT; i++) {
    expect(await askLarge(first.fetch, i, BYTES)).toBe(`reply ${i}`);
  }
  await first.stop();
  return path;
}

async function cacheEntry(): Promise<{ path: string; line: Record<string, unknown>; rest: Buffer }> {
  const cacheDir = join(dir.path, 'cache');
  const [name] = await readdir(cacheDir);
  const path = join(cacheDir, name as string);
  const bytes = await readFile(path);
  const newline = bytes.indexOf(10);
  return {
    path,
    line: JSON.parse(bytes.toString('utf8', 0, newline)) as Record<string, unknown>,
    rest: bytes.subarray(newline + 1),
  };
}

describe('file stamps', () => {
  test('a file changed in the last seconds has no stamp; a settled one has one that names its inode, size and times', async () => {
    const path = join(dir.path, 'a.yaml');
    await writeFile(path, 'version: 1\ninteractions: []\n');
    const stats = await stat(path, { bigint: true });
    const now = Number(stats.ctimeMs);
    expect(fileStamp(stats, now)).toBeUndefined();
    expect(fileStamp(stats, now + 2_000)).toBeUndefined();
    const stamp = fileStamp(stats, now + 60_000);
    expect(stamp).toBe(`${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`);
    expect(fileStamp({ ...stats, ctimeNs: stats.ctimeNs + 1n }, now + 60_000)).not.toBe(stamp);
    expect(fileStamp({ ...stats, ino: stats.ino + 1n }, now + 60_000)).not.toBe(stamp);
    expect(readStampedBytes(join(dir.path, 'missing.yaml'))).toBeUndefined();
  });

  test('an unchanged settled file is known by its stamp without hashing; an edit of the same size is still read again', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    const path = await writeLargeCassette(dir.path, 'large', COUNT, BYTES);
    const stamp = await settled(path);
    const first = await readCassette(path, undefined, false);
    await (await startCassette('large', { dir: dir.path, mode: 'replay' })).stop({ failed: true });
    const entry = await cacheEntry();
    expect(entry.line['stamp']).toBe(stamp);
    expect(entry.line['sha256']).toBe(first.sha256);

    // The entry now names another hash: a load that trusts the stamp reports it, one that hashed would not.
    const named = 'f'.repeat(64);
    const line = Buffer.from(`${JSON.stringify({ ...entry.line, sha256: named })}\n`);
    await writeFile(entry.path, Buffer.concat([line, entry.rest]));
    expect((await readCassette(path, undefined, false)).sha256).toBe(named);

    // Same size, other content: the change time moves, so the stamp no longer matches.
    await writeFile(path, (await readFile(path, 'utf8')).replace('content: reply 1\n', 'content: reply X\n'));
    const edited = await readCassette(path, undefined, false);
    expect(edited.sha256).not.toBe(named);
    expect(edited.sha256).not.toBe(first.sha256);
    const cassette = await startCassette('large', { dir: dir.path, mode: 'replay' });
    expect(await askLarge(cassette.fetch, 1, BYTES)).toBe('reply X');
    await cassette.stop({ failed: true });
  });

  test('a warm replay of a settled file reads none of its bytes; one that must read them after the file changed fails with CassetteConflictError', async () => {
    const path = await warmSettledCassette();

    const warm = await startCassette('large', { dir: dir.path, mode: 'replay' });
    // Gone from disk after the start: the warm replay never needed it.
    await rm(path);
    for (let i = 0; i < COUNT; i++) {
      expect(await askLarge(warm.fetch, i, BYTES)).toBe(`reply ${i}`);
    }
    // A request no recording matches reads the recordings' bodies to name the closest one.
    const miss = warm.fetch(LARGE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...largeBody(0, BYTES), temperature: 0.9 }),
    });
    await expect(miss).rejects.toMatchObject({
      name: 'CassetteConflictError',
      message: expect.stringContaining('changed on disk while it replayed'),
    });
    await warm.stop({ failed: true });
  });

  test('a settled file touched after the start, with the same content, is still read when needed', async () => {
    env.set({ SPARK_CASSETTE_CACHE_DIR: join(dir.path, 'cache') });
    const path = await writeLargeCassette(dir.path, 'large', COUNT, BYTES);
    await settled(path);
    await (await startCassette('large', { dir: dir.path, mode: 'replay' })).stop({ failed: true });

    const cassette = await startCassette('large', { dir: dir.path, mode: 'replay' });
    // New times (and change time): the stamp no longer matches, the bytes still do.
    await utimes(path, new Date(), new Date());
    const miss = cassette.fetch(LARGE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...largeBody(0, BYTES), temperature: 0.9 }),
    });
    await expect(miss).rejects.toMatchObject({ name: 'CassetteMissError' });
    await cassette.stop({ failed: true });
  });

  test('faults on a warm replay of a settled file read none of its bytes either', async () => {
    const path = await warmSettledCassette();

    const faults = { seed: 1, rules: [{ kind: 'rate_limit' as const, on: [1] }] };
    const warm = await startCassette('large', { dir: dir.path, mode: 'replay', faults });
    await rm(path);
    const limited = await warm.fetch(LARGE_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(largeBody(0, BYTES)),
    });
    expect(limited.status).toBe(429);
    for (let i = 0; i < COUNT; i++) {
      expect(await askLarge(warm.fetch, i, BYTES)).toBe(`reply ${i}`);
    }
    expect(warm.faults).toMatchObject([{ request: 1, kind: 'rate_limit', status: 429 }]);
    await warm.stop();
  });
});
