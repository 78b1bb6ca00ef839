import { parseJsonContainer } from './body.js';
import type { PathSegment } from './body-paths.js';
import { requestHash } from './hash.js';
import type { LiveRequest } from './live-request.js';
import { toHeaderMap } from './headers.js';
import { canonicalBody, normalizeUrl, withoutFields } from './normalize.js';
import { sentKey, type ReplayMemo } from './load/replay-memo.js';
import { redactBytes, redactHeaders, redactText, type RedactHook } from './redact.js';
import { requestSecretMatcher } from './secrets.js';
import type { HeaderMap } from './types.js';

/**
 * How a cassette treats each exchange, fixed for its life and built once at start: the secrets
 * and headers kept off disk (request and response), and the body fields matching ignores.
 */
export interface ExchangeRules {
  /** Parsed `ignoreBodyFields`. */
  ignoredFields: readonly (readonly PathSegment[])[];
  /** Secrets known up front (from the environment). */
  knownSecrets: readonly string[];
  redact: RedactHook | undefined;
  /** Headers never stored: transport headers and `ignoreHeaders`. */
  omittedHeaders: ReadonlySet<string>;
}

/** A live request redacted and keyed, ready to look up or record. */
export interface PreparedRequest {
  method: string;
  /** The URL with secrets scrubbed, as it will be stored. */
  url: string;
  normalizedUrl: string;
  /** The body with secrets scrubbed, as it will be stored: text, or bytes when it is not UTF-8. */
  body: string | Uint8Array | undefined;
  /** What matching compares: the parsed JSON without ignored fields, or the text; parsed when first read. */
  readonly value: unknown;
  hash: string;
  /** The secrets this request carries (`secrets.ts`), for scrubbing its recording. */
  secrets: readonly string[];
  /** The headers as they would be stored (redacted); built on first use only. */
  headers(): HeaderMap;
}

/**
 * Redacts a live request, then hashes it. This runs on every request, so it does one
 * `JSON.parse` and one canonical stringify, and no YAML work at all; with a replay memo that
 * knows the request's exact text (an earlier replay of the same cassette sent it), not even
 * those: the body is parsed only if something asks for `value` (a miss, a custom matcher).
 */
export function prepareRequest(live: LiveRequest, rules: ExchangeRules, memo?: ReplayMemo): PreparedRequest {
  const { secrets, matcher } = requestSecretMatcher(live.url, (name) => live.headers.get(name), rules.knownSecrets);
  const url = redactText(live.url, matcher, rules.redact, { part: 'request', location: 'url' });
  const normalizedUrl = normalizeUrl(url);
  let body = live.body;
  if (typeof body === 'string') {
    body = redactText(body, matcher, rules.redact, { part: 'request', location: 'body' });
  } else if (body !== undefined) {
    body = redactBytes(body, matcher);
  }
  const text = body;
  let parsed: { value: unknown } | undefined;
  // The parsed body without the ignored fields (removed in place: it is this request's own copy).
  const value = (): unknown => {
    if (!parsed) {
      const raw =
        typeof text === 'string' ? (parseJsonContainer(text) ?? text) : text && Buffer.from(text).toString('base64');
      parsed = { value: withoutFields(raw, rules.ignoredFields, true) };
    }
    return parsed.value;
  };
  const key = memo && typeof text === 'string' ? sentKey(live.method, normalizedUrl, text) : undefined;
  let hash = key === undefined ? undefined : memo?.hashOf(key);
  if (hash === undefined) {
    hash = requestHash(live.method, normalizedUrl, canonicalBody(value(), []));
    if (key !== undefined) {
      memo?.learn(key, hash);
    }
  }
  let headers: HeaderMap | undefined;
  return {
    method: live.method,
    url,
    normalizedUrl,
    body,
    get value() {
      return value();
    },
    hash,
    secrets,
    headers: () =>
      (headers ??= redactHeaders(toHeaderMap(live.headers, rules.omittedHeaders), matcher, rules.redact, 'request')),
  };
}
