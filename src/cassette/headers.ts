import type { HeaderMap } from './types.js';

/**
 * Headers as stored: lower-case names in sorted order (Headers iterates that way), a header
 * sent more than once as a list, and the `omitted` names left out.
 */
export function toHeaderMap(headers: Headers, omitted: ReadonlySet<string>): HeaderMap {
  const map: HeaderMap = {};
  for (const [name, value] of headers) {
    if (omitted.has(name)) {
      continue;
    }
    const previous = map[name];
    if (previous === undefined) {
      map[name] = value;
    } else {
      map[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
  }
  return map;
}

/** Stored headers as `[name, value]` pairs for a `Response`. */
export function toHeaderPairs(map: HeaderMap): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(map)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      pairs.push([name, one]);
    }
  }
  return pairs;
}

/** A header of a stored map, first value when repeated. */
export function headerValue(map: HeaderMap, name: string): string | undefined {
  const value = map[name];
  return Array.isArray(value) ? value[0] : value;
}
