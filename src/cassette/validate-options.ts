import { CASSETTE_MODES } from './defaults.js';
import { parseBodyPath } from './body-paths.js';
import { CassetteConfigurationError } from './errors.js';
import { parseHostRule } from './guard/hosts.js';
import { isCassetteMode } from './mode.js';
import type { CassetteOptions } from './options.js';

const KNOWN_OPTIONS: ReadonlySet<string> = new Set([
  'mode',
  'dir',
  'server',
  'ignoreBodyFields',
  'ignoreHeaders',
  'matcher',
  'allowRepeats',
  'redact',
  'keepRetryAfter',
  'streamTiming',
  'failOnUnused',
  'allowedHosts',
  'store',
  'testFile',
]);

/**
 * Checks a cassette name and its options before any I/O, naming the option, what it accepts
 * and the value received.
 */
export function validateCassetteOptions(name: unknown, options: CassetteOptions, cassettePath: string): void {
  const fail = (option: string, message: string): never => {
    throw new CassetteConfigurationError(message, { cassettePath, option });
  };
  if (
    typeof name !== 'string' ||
    name.trim() === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.split('/').some((s) => s === '' || s === '..' || s === '.')
  ) {
    fail(
      'name',
      `Invalid cassette name ${JSON.stringify(name)}: it must be a relative path of non-empty segments without ".", ".." or backslashes, like "chat/hello". Pass such a name.`,
    );
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      fail(
        key,
        `Unknown cassette option \`${key}\`. Known options: ${[...KNOWN_OPTIONS].map((k) => `\`${k}\``).join(', ')}.`,
      );
    }
  }
  const { mode, dir, server, ignoreBodyFields, ignoreHeaders, matcher, redact, store, testFile } = options;
  if (mode !== undefined && !isCassetteMode(mode)) {
    fail(
      'mode',
      `Invalid cassette option \`mode\`: it must be one of ${CASSETTE_MODES.map((m) => `"${m}"`).join(', ')}, got ${JSON.stringify(mode)}.`,
    );
  }
  for (const key of ['dir', 'testFile'] as const) {
    const value = key === 'dir' ? dir : testFile;
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      fail(key, `Invalid cassette option \`${key}\`: it must be a non-empty string, got ${JSON.stringify(value)}.`);
    }
  }
  for (const key of ['allowRepeats', 'keepRetryAfter', 'streamTiming', 'failOnUnused'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') {
      fail(key, `Invalid cassette option \`${key}\`: it must be true or false, got ${JSON.stringify(options[key])}.`);
    }
  }
  for (const [key, value] of [
    ['matcher', matcher],
    ['redact', redact],
  ] as const) {
    if (value !== undefined && typeof value !== 'function') {
      fail(key, `Invalid cassette option \`${key}\`: it must be a function, got ${typeof value}.`);
    }
  }
  if (server !== undefined && typeof server?.use !== 'function') {
    fail(
      'server',
      'Invalid cassette option `server`: it must be an MSW server (with a `use()` method), such as `setupServer()` returns.',
    );
  }
  if (store !== undefined && (typeof store?.read !== 'function' || typeof store?.write !== 'function')) {
    fail(
      'store',
      'Invalid cassette option `store`: it must have `read(path)` and `write(path, text, previous)` methods.',
    );
  }
  if (
    ignoreHeaders !== undefined &&
    (!Array.isArray(ignoreHeaders) || ignoreHeaders.some((h) => typeof h !== 'string' || h === ''))
  ) {
    fail(
      'ignoreHeaders',
      `Invalid cassette option \`ignoreHeaders\`: it must be a list of header names, got ${JSON.stringify(ignoreHeaders)}.`,
    );
  }
  if (options.allowedHosts !== undefined) {
    const list = options.allowedHosts;
    const bad = Array.isArray(list) ? list.find((h) => typeof h !== 'string' || !parseHostRule(h)) : list;
    if (bad !== undefined) {
      fail(
        'allowedHosts',
        `Invalid cassette option \`allowedHosts\`: ${JSON.stringify(bad)} is not a host or host:port; use entries like "db.internal", "127.0.0.1:5432" or "[::1]:8080".`,
      );
    }
  }
  if (ignoreBodyFields !== undefined) {
    const bad = Array.isArray(ignoreBodyFields)
      ? ignoreBodyFields.find((p) => typeof p !== 'string' || !parseBodyPath(p))
      : ignoreBodyFields;
    if (bad !== undefined) {
      fail(
        'ignoreBodyFields',
        `Invalid cassette option \`ignoreBodyFields\`: ${JSON.stringify(bad)} is not a field path; use paths like "user", "metadata.id" or "messages[*].name".`,
      );
    }
  }
}
