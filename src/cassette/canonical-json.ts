import stableStringify from 'fast-json-stable-stringify';

// Returned by `sortedCopy` for a value the engine's own JSON.stringify could not write in
// fast-json-stable-stringify's key order.
const UNSORTABLE = Symbol('unsortable');

// Keys that an object orders numerically whatever order they were added in (array indexes),
// and the one key an assignment cannot create as a plain property.
const NUMERIC_KEY = /^\d+$/;

/**
 * The canonical text of a JSON value, exactly as fast-json-stable-stringify writes it (keys
 * sorted, no spaces), which is what request hashes are made of. It is written by the engine's
 * own `JSON.stringify` over a copy with sorted keys, several times quicker on large bodies
 * than the library (bench/targets/realistic.ts); a value the copy cannot stand for (numeric
 * keys, `__proto__`, anything but plain objects and arrays) is written by the library itself.
 */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  return sorted === UNSORTABLE ? stableStringify(value) : (JSON.stringify(sorted) as string);
}

function sortedCopy(value: unknown): unknown {
  if (typeof value === 'function' || typeof value === 'bigint') {
    return UNSORTABLE;
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const sorted = sortedCopy(item);
      if (sorted === UNSORTABLE) {
        return UNSORTABLE;
      }
      if (sorted !== item) {
        copy ??= value.slice(0, i);
      }
      copy?.push(sorted);
    }
    return copy ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    return UNSORTABLE;
  }
  const keys = Object.keys(value).sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (key === '__proto__' || NUMERIC_KEY.test(key)) {
      return UNSORTABLE;
    }
    const sorted = sortedCopy((value as Record<string, unknown>)[key]);
    if (sorted === UNSORTABLE) {
      return UNSORTABLE;
    }
    copy[key] = sorted;
  }
  return copy;
}
