import { KEY_HEADERS, MIN_SECRET_LENGTH, REDACTED, REDACTED_HEADERS } from './defaults.js';
import type { HeaderMap } from './types.js';

/** Where a value being redacted sits, for a `redact` hook. */
export interface RedactContext {
  part: 'request' | 'response';
  location: 'url' | 'header' | 'body';
  /** The header's lower-case name, when `location` is `header`. */
  header?: string;
}

/**
 * A hook that scrubs more than the defaults: it gets every URL, header value and text body
 * (a streamed body one event at a time, as it arrives), after the built-in scrubbing, and
 * returns the value to keep. It also runs on each live
 * request before hashing, so what it replaces still matches on replay.
 * @example
 * redact: (value) => value.replaceAll(/user-\d+/g, 'user-N')
 */
export type RedactHook = (value: string, context: RedactContext) => string;

const redactedHeaders: ReadonlySet<string> = new Set(REDACTED_HEADERS);

/**
 * The secret values a request carries: its key headers (a bearer token without its scheme),
 * plus `known` ones (from the environment). Values under `MIN_SECRET_LENGTH` are left out.
 */
export function requestSecrets(
  getHeader: (name: string) => string | null | undefined,
  known: readonly string[],
): string[] {
  const secrets = [...known];
  for (const name of KEY_HEADERS) {
    const value = getHeader(name)
      ?.replace(/^(Bearer|Basic)\s+/i, '')
      .trim();
    if (value && value.length >= MIN_SECRET_LENGTH && !secrets.includes(value)) {
      secrets.push(value);
    }
  }
  // The URL-encoded form too, for keys passed in a query string.
  for (const secret of [...secrets]) {
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && !secrets.includes(encoded)) {
      secrets.push(encoded);
    }
  }
  return secrets;
}

/** Secrets from the environment worth scrubbing (set, and long enough). */
export function environmentSecrets(names: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  return names.flatMap((name) => {
    const value = env[name]?.trim();
    return value && value.length >= MIN_SECRET_LENGTH ? [value] : [];
  });
}

/** `text` with every secret replaced by `REDACTED`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (result.includes(secret)) {
      result = result.split(secret).join(REDACTED);
    }
  }
  return result;
}

/** Scrubs secrets from a URL or body, then applies the hook. */
export function redactText(
  text: string,
  secrets: readonly string[],
  hook: RedactHook | undefined,
  context: RedactContext,
): string {
  const scrubbed = scrubSecrets(text, secrets);
  return hook ? hook(scrubbed, context) : scrubbed;
}

/** Headers with auth and cookie values replaced and secrets scrubbed from the rest. */
export function redactHeaders(
  headers: HeaderMap,
  secrets: readonly string[],
  hook: RedactHook | undefined,
  part: RedactContext['part'],
): HeaderMap {
  const result: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) {
    if (redactedHeaders.has(name)) {
      result[name] = REDACTED;
      continue;
    }
    const redact = (one: string): string => redactText(one, secrets, hook, { part, location: 'header', header: name });
    result[name] = Array.isArray(value) ? value.map(redact) : redact(value);
  }
  return result;
}
