/** What one cache file holds. */
export interface CacheEntry {
  version: 1;
  /** The cache key, repeated so a file copied or renamed by mistake is not served. */
  key: string;
  /** When the entry was written, in ms since the epoch. */
  createdAt: number;
  /** When the entry stops being served, in ms since the epoch. */
  expiresAt: number;
  /** The provider's response body. */
  value: unknown;
}

const REDACTED = '[REDACTED]';

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((result, secret) => result.replaceAll(secret, REDACTED), text);
}

/**
 * The entry as the file's text (indented JSON), with every secret replaced by "[REDACTED]".
 * String values are redacted before they are escaped, so a secret quoted inside a nested
 * JSON string (tool arguments) is caught too; a final pass over the text catches object keys.
 */
export function serializeEntry(entry: CacheEntry, secrets: readonly string[]): string {
  if (secrets.length === 0) {
    return `${JSON.stringify(entry, null, 2)}\n`;
  }
  const text = JSON.stringify(
    entry,
    (_key, value: unknown) => (typeof value === 'string' ? redact(value, secrets) : value),
    2,
  );
  const escaped = secrets.map((secret) => JSON.stringify(secret).slice(1, -1));
  return `${redact(redact(text, secrets), escaped)}\n`;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * The entry in `text` when it is a whole, well-formed version 1 entry for `key`; `undefined`
 * for anything else (invalid or truncated JSON, another shape, another key), which the cache
 * treats as a miss.
 */
export function parseEntry(text: string, key: string): CacheEntry | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return undefined;
  }
  const entry = data as Partial<CacheEntry>;
  const wellFormed =
    entry.version === 1 &&
    entry.key === key &&
    isFiniteNumber(entry.createdAt) &&
    isFiniteNumber(entry.expiresAt) &&
    'value' in entry;
  return wellFormed ? (entry as CacheEntry) : undefined;
}
