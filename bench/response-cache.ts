// Measures ResponseCache get and set on a real temp directory, with a typical chat completion
// body (~1 KB) and a large one (~100 KB). Run: node_modules/.bin/node --import tsx bench/response-cache.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ResponseCache } from '../src/model/response-cache.js';
import { createCacheKey } from '../src/model/response-cache-key.js';

const dir = await mkdtemp(join(tmpdir(), 'spark-cache-bench-'));
const cache = new ResponseCache({ dir, ttlSeconds: 3600, secrets: ['sk-bench-0123456789abcdef'] });
const rounds = 500;

async function measure(label: string, bodySize: number): Promise<Record<string, number | string>> {
  const body = { id: 'chatcmpl-x', choices: [{ message: { role: 'assistant', content: 'a'.repeat(bodySize) } }] };
  const keys = Array.from({ length: rounds }, (_, index) => createCacheKey({ label, index }));
  let start = performance.now();
  for (const key of keys) {
    await cache.set(key, body);
  }
  const setMs = (performance.now() - start) / rounds;
  start = performance.now();
  for (const key of keys) {
    await cache.get(key);
  }
  const hitMs = (performance.now() - start) / rounds;
  start = performance.now();
  for (const key of keys) {
    await cache.get(createCacheKey({ miss: key }));
  }
  const missMs = (performance.now() - start) / rounds;
  return { label, setMs: +setMs.toFixed(3), getHitMs: +hitMs.toFixed(3), getMissMs: +missMs.toFixed(3) };
}

const start = performance.now();
const keyCount = 10_000;
for (let index = 0; index < keyCount; index += 1) {
  createCacheKey({
    modelId: 'gpt-4o',
    messages: [{ role: 'user', content: [{ text: `question ${index}` }] }],
    temperature: 0,
  });
}
const keyUs = ((performance.now() - start) / keyCount) * 1000;

console.log({ createCacheKeyUs: +keyUs.toFixed(1) });
console.log(await measure('1 KB body', 1_000));
console.log(await measure('100 KB body', 100_000));
await rm(dir, { recursive: true, force: true });
