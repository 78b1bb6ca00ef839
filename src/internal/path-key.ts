import { hash } from 'node:crypto';
import { resolve } from 'node:path';

// Keys by absolute path: a run starts the same cassettes, and reports on them, again and again.
const keys = new Map<string, string>();

/**
 * A file name for what belongs to one file (its parsed-form cache entry, its usage logs): the
 * first hex digits of sha256 of its absolute path (32 at most here), worked out once per path.
 */
export function pathKey(path: string, digits: number): string {
  const absolute = resolve(path);
  let key = keys.get(absolute);
  if (key === undefined) {
    key = hash('sha256', absolute, 'hex').slice(0, 32);
    keys.set(absolute, key);
  }
  return key.slice(0, digits);
}
