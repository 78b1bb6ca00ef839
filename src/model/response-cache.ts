import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../internal/atomic-write.js';
import { parseEntry, serializeEntry, type CacheEntry } from './response-cache-entry.js';
import { isCacheKey } from './response-cache-key.js';
import { resolveCacheOptions, type ResolvedCacheOptions, type ResponseCacheOptions } from './response-cache-options.js';

function assertKey(key: string): void {
  if (!isCacheKey(key)) {
    throw new TypeError(
      `Invalid cache key "${String(key)}": must be 64 lowercase hex characters (a sha256 digest). ` +
        'Build keys with `createCacheKey(parts)`.',
    );
  }
}

/**
 * A persistent on-disk cache of provider responses, one JSON file per entry at
 * `<dir>/<key[0..2]>/<key>.json`. Entries past their time to live, and damaged entries
 * (invalid or truncated JSON, another shape, another key), read as misses and are replaced
 * by the next `set`. Writes are atomic (temp file + rename), so parallel workers and
 * processes sharing a directory never see a torn file.
 * @see createCacheKey
 * @example
 * const cache = new ResponseCache({ ttlSeconds: 3600, secrets: [apiKey] });
 * const key = createCacheKey({ baseUrl, modelId, messages });
 * const body = (await cache.get(key)) ?? (await callProvider());
 * await cache.set(key, body);
 */
export class ResponseCache {
  /** The absolute directory entries live in. */
  readonly dir: string;
  readonly #options: ResolvedCacheOptions;

  /** @throws ModelConfigurationError when `ttlSeconds` or `dir` is invalid (before any I/O). */
  constructor(options: ResponseCacheOptions) {
    this.#options = resolveCacheOptions(options);
    this.dir = this.#options.dir;
  }

  /** The file that holds (or would hold) the entry of `key`. */
  pathFor(key: string): string {
    assertKey(key);
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /**
   * The cached value of `key`, or `undefined` when there is no fresh, well-formed entry.
   * Never rejects for a missing, unreadable or damaged file: a cache failure is a miss.
   */
  async get(key: string): Promise<unknown> {
    const path = this.pathFor(key);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
    const entry = parseEntry(text, key);
    return entry !== undefined && this.#isFresh(entry) ? entry.value : undefined;
  }

  /**
   * Stores `value` (any JSON-serialisable value; it comes back as `JSON.parse` gives it)
   * under `key`, replacing whatever entry was there, with secrets redacted. Rejects when the
   * directory cannot be written.
   */
  async set(key: string, value: unknown): Promise<void> {
    const path = this.pathFor(key);
    if (value === undefined) {
      throw new TypeError('Cannot cache `undefined`: `get` returns `undefined` for a miss. Cache the response body.');
    }
    const createdAt = this.#options.now();
    const entry: CacheEntry = { version: 1, key, createdAt, expiresAt: createdAt + this.#options.ttlMs, value };
    await writeFileAtomic(path, serializeEntry(entry, this.#options.secrets));
  }

  #isFresh(entry: CacheEntry): boolean {
    const now = this.#options.now();
    // A shorter TTL than the one the entry was written with applies at once.
    return now < entry.expiresAt && now < entry.createdAt + this.#options.ttlMs;
  }
}
