import type { SecretMatcher } from '../internal/secret-forms.js';
import { REDACTED, REDACTED_HEADERS } from './defaults.js';
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

/** Scrubs every form of the secrets from a URL or body (see `secrets.ts`), then applies the hook. */
export function redactText(
  text: string,
  secrets: SecretMatcher,
  hook: RedactHook | undefined,
  context: RedactContext,
): string {
  const scrubbed = secrets.scrub(text, REDACTED);
  return hook ? hook(scrubbed, context) : scrubbed;
}

/**
 * Scrubs a body that is not UTF-8 in its bytes, before it is stored as base64 (where the
 * secret could no longer be found as text). The hook sees text only, so it does not run here.
 */
export function redactBytes(bytes: Uint8Array, secrets: SecretMatcher): Uint8Array {
  return secrets.scrubBytes(bytes, REDACTED);
}

/** Headers with auth and cookie values replaced and secrets scrubbed from the rest. */
export function redactHeaders(
  headers: HeaderMap,
  secrets: SecretMatcher,
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
