import { deletePath, type PathSegment } from './body-paths.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The URL as matching sees it: scheme and host lower-cased, default port and fragment
 * dropped, query parameters sorted by name (the order of repeated names is kept).
 */
export function normalizeUrl(url: string): string {
  // A client sends to the same few URLs: the last answer saves a URL parse per request.
  if (url === lastUrl) {
    return lastNormalized;
  }
  lastNormalized = parseAndNormalize(url);
  lastUrl = url;
  return lastNormalized;
}

let lastUrl: string | undefined;
let lastNormalized = '';

function parseAndNormalize(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.hash = '';
  if (parsed.search) {
    parsed.searchParams.sort();
  }
  return parsed.href;
}

/**
 * The canonical text of a body for hashing: JSON with sorted keys and without the ignored
 * fields (fast-json-stable-stringify), or the text itself when it is not JSON. `value` is the
 * parsed body; it is copied before fields are removed unless `owned` says the caller's copy
 * may be changed (a live request's freshly parsed body).
 */
export function canonicalBody(value: unknown, ignored: readonly (readonly PathSegment[])[], owned = false): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  return canonicalJson(withoutFields(value, ignored, owned));
}

/** `value` without the ignored fields: a copy, unless `owned`, or `value` when none apply. */
export function withoutFields(value: unknown, ignored: readonly (readonly PathSegment[])[], owned = false): unknown {
  if (ignored.length === 0 || typeof value !== 'object' || value === null) {
    return value;
  }
  const target: unknown = owned ? value : structuredClone(value);
  for (const path of ignored) {
    deletePath(target, path);
  }
  return target;
}
