// Keys whose string values are ids, or opaque blobs, that a new recording always changes.
const VOLATILE_KEYS = new Set(['id', 'call_id', 'tool_call_id', 'previous_response_id', 'encrypted_content']);

/** The stand-in a masked value becomes (so a value that appears or goes still shows). */
export const MASKED = '<id>';

/**
 * A copy of a request body with the string values of id-like keys (`id`, `call_id`,
 * `tool_call_id`, `previous_response_id`) and `encrypted_content` replaced by `MASKED`.
 */
export function maskIds(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(maskIds);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = VOLATILE_KEYS.has(key) && typeof inner === 'string' ? MASKED : maskIds(inner);
  }
  return out;
}
