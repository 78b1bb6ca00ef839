import type { Cassette } from './cassette.js';
import type { CassetteOptions } from './options.js';
import { startCassette } from './start-cassette.js';

/**
 * Runs `fn` with a cassette active and stops it afterwards, whatever happens. When `fn`
 * throws, that error wins; otherwise `stop()`'s own errors (a swallowed miss, unused
 * recordings with `failOnUnused`) are thrown.
 * @example
 * const reply = await withCassette('chat/hello', () => model.getText({ messages }));
 */
export async function withCassette<T>(name: string, fn: (cassette: Cassette) => T | Promise<T>): Promise<T>;
export async function withCassette<T>(
  name: string,
  options: CassetteOptions,
  fn: (cassette: Cassette) => T | Promise<T>,
): Promise<T>;
export async function withCassette<T>(
  name: string,
  optionsOrFn: CassetteOptions | ((cassette: Cassette) => T | Promise<T>),
  maybeFn?: (cassette: Cassette) => T | Promise<T>,
): Promise<T> {
  const [options, fn] = typeof optionsOrFn === 'function' ? [{}, optionsOrFn] : [optionsOrFn, maybeFn];
  if (typeof fn !== 'function') {
    throw new TypeError(`withCassette("${name}", options, fn): \`fn\` must be a function, got ${typeof fn}.`);
  }
  const cassette = await startCassette(name, options);
  let result: T;
  try {
    result = await fn(cassette);
  } catch (error) {
    // The failure of `fn` is the story; a second error from stopping would only hide it.
    await cassette.stop({ failed: true }).catch(() => undefined);
    throw error;
  }
  await cassette.stop();
  return result;
}
