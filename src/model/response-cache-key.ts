import { createHash } from 'node:crypto';
import stringify from 'fast-json-stable-stringify';

/**
 * The cache key of a request: the sha256 hex digest of `parts` serialised with sorted keys,
 * so the same request always gives the same key whatever the order its fields were built in.
 * Pass everything that changes the answer: provider `baseUrl`, `modelId`, messages, system
 * prompt, tool specs, tool choice, generation options and response format.
 *
 * Never pass the API key (or any credential): it does not change the answer, and a key in the
 * hash would turn every key rotation into a cold cache.
 * @example
 * const key = createCacheKey({ baseUrl, modelId: "gpt-4o-mini", messages, systemPrompt, temperature: 0 });
 * // "3f5c…" (64 hex characters)
 */
export function createCacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(stringify(parts)).digest('hex');
}

/** True for a string `createCacheKey` can return: 64 lowercase hex characters. */
export function isCacheKey(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
