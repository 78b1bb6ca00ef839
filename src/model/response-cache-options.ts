import { resolve } from 'node:path';
import { ModelConfigurationError } from './errors.js';

/** Options of `ResponseCache`. */
export interface ResponseCacheOptions {
  /**
   * Where entries live, resolved against `process.cwd()` when the cache is made.
   * @default process.env.SPARK_CACHE_DIR (when set and not empty), else ".spark-cache/responses"
   */
  dir?: string | undefined;
  /** How long an entry stays valid, in seconds; any positive finite number. */
  ttlSeconds: number;
  /**
   * Values replaced by "[REDACTED]" anywhere in an entry before it is written, such as the
   * API key. `process.env.OPENAI_API_KEY` is always added. Values shorter than 8 characters
   * are ignored, so a test key like "x" cannot rewrite ordinary text.
   */
  secrets?: ReadonlyArray<string | undefined> | undefined;
  /** The clock, in milliseconds since the epoch; tests pass their own. @default Date.now */
  now?: (() => number) | undefined;
}

/** The checked options, with defaults applied. */
export interface ResolvedCacheOptions {
  dir: string;
  ttlMs: number;
  secrets: string[];
  now: () => number;
}

/** The default cache directory, relative to the working directory. */
const DEFAULT_CACHE_DIR = '.spark-cache/responses';
const MIN_SECRET_LENGTH = 8;

/** The received value as the error shows it: `"-1"`, `"NaN"`, `"3600" (string)`. */
function describe(value: unknown): string {
  if (typeof value === 'number') {
    return `"${String(value)}"`;
  }
  let text: string | undefined;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    // A bigint or a cycle: String() below is enough to show it.
  }
  return `"${text ?? String(value)}" (${value === null ? 'null' : typeof value})`;
}

/**
 * Checks the options before any I/O and applies the defaults. Throws
 * `ModelConfigurationError` naming the option (`cacheTtlSeconds`, `cacheDir`, as the model
 * calls them), the allowed range and the value received.
 */
export function resolveCacheOptions(options: ResponseCacheOptions): ResolvedCacheOptions {
  const { ttlSeconds } = options;
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new ModelConfigurationError(
      `Invalid \`cacheTtlSeconds\`: must be a positive number of seconds, got ${describe(ttlSeconds)}. ` +
        'Set `cacheTtlSeconds` to a number above 0, such as 3600 for one hour, or leave it out for the default of 86400 (one day).',
      { option: 'cacheTtlSeconds' },
    );
  }
  const envDir = process.env.SPARK_CACHE_DIR;
  const dir = options.dir ?? (envDir === undefined || envDir === '' ? DEFAULT_CACHE_DIR : envDir);
  if (typeof dir !== 'string' || dir.trim() === '') {
    throw new ModelConfigurationError(
      `Invalid \`cacheDir\`: must be a non-empty directory path, got ${describe(dir)}. ` +
        `Set \`cacheDir\` (or SPARK_CACHE_DIR) to a directory such as "${DEFAULT_CACHE_DIR}", or leave both unset for that default.`,
      { option: 'cacheDir' },
    );
  }
  const secrets = [...(options.secrets ?? []), process.env.OPENAI_API_KEY].filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH,
  );
  return {
    dir: resolve(dir),
    ttlMs: ttlSeconds * 1000,
    // Longest first, so a secret that contains another is replaced whole.
    secrets: [...new Set(secrets)].sort((a, b) => b.length - a.length),
    now: options.now ?? Date.now,
  };
}
