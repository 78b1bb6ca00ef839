import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResponseCache } from '../../src/model/response-cache.js';
import { createCacheKey } from '../../src/model/response-cache-key.js';
import { listFiles, useTempDir } from '../helpers/temp-dir.js';

const CANARY = 'sk-canary-7f3a9c1e5b2d4f6a8c0e';
const KEY = createCacheKey({ request: 1 });
const OTHER_KEY = createCacheKey({ request: 2 });
const dir = useTempDir('spark-cache-secrets-');

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Every byte of every file in the cache directory. */
async function everyByte(): Promise<string> {
  const files = await listFiles(dir.path);
  const contents = await Promise.all(files.map((file) => readFile(join(dir.path, file))));
  return Buffer.concat(contents).toString('latin1');
}

describe('ResponseCache secrets', () => {
  it('never writes a secret, wherever it appears in the value', async () => {
    const cache = new ResponseCache({ dir: dir.path, ttlSeconds: 60, secrets: [CANARY] });
    const leaky = {
      echoed: `Incorrect API key provided: ${CANARY}.`,
      nested: { list: ['ok', CANARY, { deeper: `Bearer ${CANARY}` }] },
      toolArguments: JSON.stringify({ apiKey: CANARY, quoted: `"${CANARY}"` }),
      [`header-${CANARY}`]: 'a secret in an object key',
    };
    await cache.set(KEY, leaky);
    await cache.set(OTHER_KEY, CANARY);

    const bytes = await everyByte();
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes).not.toContain(CANARY);
    expect(bytes).not.toContain(CANARY.slice(3));
    await expect(cache.get(KEY)).resolves.toMatchObject({ echoed: 'Incorrect API key provided: [REDACTED].' });
    await expect(cache.get(OTHER_KEY)).resolves.toBe('[REDACTED]');
  });

  it('never writes the key in OPENAI_API_KEY, even when no secret is passed', async () => {
    vi.stubEnv('OPENAI_API_KEY', CANARY);
    await new ResponseCache({ dir: dir.path, ttlSeconds: 60 }).set(KEY, {
      error: { message: `key ${CANARY} rejected` },
    });
    const bytes = await everyByte();
    expect(bytes).toContain('rejected');
    expect(bytes).not.toContain(CANARY);
  });

  it('redacts a secret holding JSON-escaped characters', async () => {
    const odd = 'sk-"quoted"\\back\\slash';
    const cache = new ResponseCache({ dir: dir.path, ttlSeconds: 60, secrets: [odd] });
    await cache.set(KEY, { [odd]: odd });
    const bytes = await everyByte();
    expect(bytes).not.toContain(odd);
    expect(bytes).not.toContain(JSON.stringify(odd).slice(1, -1));
    await expect(cache.get(KEY)).resolves.toEqual({ '[REDACTED]': '[REDACTED]' });
  });

  it('ignores secrets shorter than 8 characters so that ordinary text survives', async () => {
    const cache = new ResponseCache({ dir: dir.path, ttlSeconds: 60, secrets: ['x', 'sk-1234', undefined] });
    await cache.set(KEY, 'xylophone box sk-1234');
    await expect(cache.get(KEY)).resolves.toBe('xylophone box sk-1234');
  });
});
