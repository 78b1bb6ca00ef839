import { secretMatcher, type SecretMatcher } from '../internal/secret-forms.js';
import type { RecordedInteraction } from './types.js';
import { KEY_ENV_VARS, MIN_SECRET_LENGTH, REDACTED, REDACTED_HEADERS, SECRET_QUERY_PARAMS } from './defaults.js';

/**
 * What is secret, decided in one place for recording, `spark-cassette redact` and
 * `spark-cassette verify`: every value a client can send as a credential or account id, learned
 * from the request itself, and the environment's. `secretMatcher` then finds each in every
 * encoding (URL-encoded, JSON-escaped, inside base64; `src/internal/secret-forms.ts`).
 */

/** A header of a request or response, by lower-case name; a repeated header as its values. */
export type HeaderLookup = (name: string) => string | readonly string[] | null | undefined;

/**
 * The secrets a request carries: the values of its credential headers (`authorization`, bearer
 * or Basic, and the `user:key` inside Basic; `api-key`, `x-api-key`; each cookie; the
 * organization and project headers), of credential-named query parameters (`key`, `api_key`,
 * `access_token`...) and of a URL's user and password, plus `known` ones (the environment's).
 */
export function requestSecrets(url: string, header: HeaderLookup, known: readonly string[]): string[] {
  const found = [...known];
  for (const name of REDACTED_HEADERS) {
    for (const value of values(header(name))) {
      found.push(...headerSecrets(name, value));
    }
  }
  if (url.includes('?') || url.includes('@')) {
    found.push(...urlSecrets(url));
  }
  return keepable(found);
}

// Learned secrets by what they were learned from (per list of known ones, which a cassette
// fixes at start): a cassette's requests carry the same credentials again and again, and
// learning them anew on each cost more than the rest of a replay.
const learned = new WeakMap<readonly string[], Map<string, { secrets: string[]; matcher: SecretMatcher }>>();
const LEARNED_SIZE = 64;

/** `requestSecrets` and the matcher of every form of them, remembered for the same credentials. */
export function requestSecretMatcher(
  url: string,
  header: HeaderLookup,
  known: readonly string[],
): { secrets: string[]; matcher: SecretMatcher } {
  // Only a URL with a query or a user can hold a secret.
  let key = url.includes('?') || url.includes('@') ? url : '';
  for (const name of REDACTED_HEADERS) {
    const value = header(name);
    if (value !== null && value !== undefined) {
      key += `\u0000${name}\u0000${String(value)}`;
    }
  }
  let byKey = learned.get(known);
  if (!byKey) {
    byKey = new Map();
    learned.set(known, byKey);
  }
  let found = byKey.get(key);
  if (!found) {
    const secrets = requestSecrets(url, header, known);
    found = { secrets, matcher: secretMatcher(secrets) };
    if (byKey.size >= LEARNED_SIZE) {
      byKey.delete(byKey.keys().next().value as string);
    }
    byKey.set(key, found);
  }
  return found;
}

/**
 * The secrets a response's own headers reveal (its `set-cookie` values, the organization and
 * project it names), scrubbed from its body too: a 429 says "in organization org-...".
 */
export function responseSecrets(header: HeaderLookup): string[] {
  return keepable(REDACTED_HEADERS.flatMap((name) => values(header(name)).flatMap((v) => headerSecrets(name, v))));
}

/** The secrets in the environment: `OPENAI_API_KEY`, `OPENAI_ORG_ID`, `OPENAI_PROJECT_ID`. */
export function environmentSecrets(names: readonly string[] = KEY_ENV_VARS, env = process.env): string[] {
  return keepable(names.map((name) => env[name]?.trim() ?? ''));
}

/** A `HeaderLookup` over `Headers`; `set-cookie` as its separate values. */
export function lookupIn(headers: Headers): HeaderLookup {
  return (name) => (name === 'set-cookie' ? headers.getSetCookie() : headers.get(name));
}

/**
 * The secrets of a recorded interaction, as recording learned them from the live exchange:
 * those of its request, and for its response also those its own headers reveal. Values already
 * `REDACTED` are gone; what is left is a credential the file still holds (or `known`).
 */
export function recordedSecrets(
  interaction: RecordedInteraction,
  known: readonly string[],
): { request: string[]; response: string[] } {
  const { request, response } = interaction;
  const requestFound = requestSecrets(request.url, (name) => request.headers[name], known);
  return { request: requestFound, response: [...requestFound, ...responseSecrets((name) => response.headers[name])] };
}

function headerSecrets(name: string, value: string): string[] {
  const trimmed = value.trim();
  if (name === 'cookie' || name === 'set-cookie') {
    // `a=1; b=2` (cookie) or `a=1; Path=/; HttpOnly` (set-cookie: only its first pair is the value).
    const pairs = name === 'cookie' ? trimmed.split(';') : [trimmed.split(';')[0] ?? ''];
    return pairs.flatMap((pair) => {
      const cookie = pair.slice(pair.indexOf('=') + 1).trim();
      return [cookie, safeDecode(cookie)];
    });
  }
  const [scheme = '', ...rest] = trimmed.split(/\s+/);
  const credential = rest.join(' ');
  if (credential === '') {
    return [trimmed];
  }
  if (/^basic$/i.test(scheme)) {
    // Basic is base64 of `user:password`: the token, the pair and each half are all secret.
    const pair = Buffer.from(credential, 'base64').toString('utf8');
    const colon = pair.indexOf(':');
    return colon === -1 ? [credential, pair] : [credential, pair, pair.slice(0, colon), pair.slice(colon + 1)];
  }
  return [credential];
}

function urlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const found = [safeDecode(parsed.username), safeDecode(parsed.password)];
  for (const [name, value] of parsed.searchParams) {
    if (SECRET_QUERY_PARAMS.test(name)) {
      found.push(value);
    }
  }
  return found;
}

/**
 * Values worth scrubbing. A value under `MIN_SECRET_LENGTH` (8) characters is left out: it
 * would be replaced inside ordinary words and numbers (a test key "x" would rewrite every
 * letter x, in every body), corrupting the cassette and its hashes, and a real credential is
 * never that short. Such short values are still `REDACTED` in the headers that carry them.
 */
function keepable(found: readonly string[]): string[] {
  const kept = found.map((s) => s.trim()).filter((s) => s.length >= MIN_SECRET_LENGTH && s !== REDACTED);
  return [...new Set(kept)];
}

function values(value: string | readonly string[] | null | undefined): readonly string[] {
  return value === null || value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
