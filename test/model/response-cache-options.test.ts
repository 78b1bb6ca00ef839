import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelConfigurationError } from '../../src/model/errors.js';
import { ResponseCache } from '../../src/model/response-cache.js';
import { createCacheKey } from '../../src/model/response-cache-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

const dir = useTempDir('spark-cache-options-');

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('ResponseCache options', () => {
  it('rejects a negative time to live with a message naming the option, the range and the value', () => {
    expect(() => new ResponseCache({ dir: dir.path, ttlSeconds: -1 })).toThrow(
      'Invalid `cacheTtlSeconds`: must be a positive number of seconds, got "-1". Set `cacheTtlSeconds` to a number above 0',
    );
  });

  it.each([0, -0.5, Number.NaN, Number.POSITIVE_INFINITY, '3600', null, undefined])(
    'rejects the time to live %s as a ModelConfigurationError on `cacheTtlSeconds`',
    (ttlSeconds) => {
      const make = (): ResponseCache => new ResponseCache({ dir: dir.path, ttlSeconds: ttlSeconds as number });
      expect(make).toThrow(ModelConfigurationError);
      expect(make).toThrow(expect.objectContaining({ option: 'cacheTtlSeconds', name: 'ModelConfigurationError' }));
    },
  );

  it('shows the value received, and its type when it is not a number', () => {
    expect(() => new ResponseCache({ dir: dir.path, ttlSeconds: Number.NaN })).toThrow('got "NaN".');
    expect(() => new ResponseCache({ dir: dir.path, ttlSeconds: '3600' as unknown as number })).toThrow(
      'got "3600" (string).',
    );
  });

  it('accepts a fractional time to live', async () => {
    const clock = { now: 1_700_000_000_000 };
    const cache = new ResponseCache({ dir: dir.path, ttlSeconds: 0.5, now: () => clock.now });
    const key = createCacheKey({ request: 1 });
    await cache.set(key, 'body');
    clock.now += 499;
    await expect(cache.get(key)).resolves.toBe('body');
    clock.now += 1;
    await expect(cache.get(key)).resolves.toBeUndefined();
  });

  it.each(['', '   '])('rejects the directory %j naming `cacheDir`', (badDir) => {
    const make = (): ResponseCache => new ResponseCache({ dir: badDir, ttlSeconds: 60 });
    expect(make).toThrow(/^Invalid `cacheDir`: must be a non-empty directory path, got "\s*"/);
    expect(make).toThrow(expect.objectContaining({ option: 'cacheDir' }));
  });

  it('defaults to SPARK_CACHE_DIR, resolved against the working directory', () => {
    vi.stubEnv('SPARK_CACHE_DIR', 'custom/cache');
    expect(new ResponseCache({ ttlSeconds: 60 }).dir).toBe(resolve(process.cwd(), 'custom/cache'));
  });

  it('defaults to .spark-cache/responses when SPARK_CACHE_DIR is unset or empty', () => {
    const expected = resolve(process.cwd(), '.spark-cache/responses');
    vi.stubEnv('SPARK_CACHE_DIR', '');
    expect(new ResponseCache({ ttlSeconds: 60 }).dir).toBe(expected);
    vi.stubEnv('SPARK_CACHE_DIR', undefined);
    expect(new ResponseCache({ ttlSeconds: 60 }).dir).toBe(expected);
  });

  it('prefers an explicit directory over SPARK_CACHE_DIR', () => {
    vi.stubEnv('SPARK_CACHE_DIR', 'ignored');
    expect(new ResponseCache({ dir: dir.path, ttlSeconds: 60 }).dir).toBe(dir.path);
  });

  it('accepts an explicit undefined directory, as the model passes its unset `cacheDir`', () => {
    vi.stubEnv('SPARK_CACHE_DIR', dir.path);
    expect(new ResponseCache({ dir: undefined, ttlSeconds: 60 }).dir).toBe(dir.path);
  });
});
