import { storedBodyChunks } from '../../cassette/body.js';
import { REDACTED, TRANSPORT_HEADERS } from '../../cassette/defaults.js';
import { toHeaderPairs } from '../../cassette/headers.js';
import type { LiveRequest } from '../../cassette/live-request.js';
import { prepareRequest, type ExchangeRules } from '../../cassette/prepare.js';
import { captureInteraction } from '../../cassette/record.js';
import { redactText } from '../../cassette/redact.js';
import type { RecordedInteraction, RecordedResponse } from '../../cassette/types.js';
import { secretMatcher } from '../../internal/secret-forms.js';

/** Where and how `drift` sends recorded requests. */
export interface LiveTarget {
  /** The key, from the environment; sent as `authorization: Bearer <key>`. */
  key: string;
  /** Sends to this base URL instead of the recorded origin (see `rebaseUrl`). */
  baseUrl: string | undefined;
  /** The redaction a recording applies, the key among its secrets. */
  rules: ExchangeRules;
  /** Gives up on a request after this long. */
  timeoutMs: number;
}

// Request headers never re-sent: framing is recomputed, and the host is the target's.
const NOT_SENT = new Set([...TRANSPORT_HEADERS, 'host']);

/**
 * The URL a recorded request goes to with `--base-url`: the recorded path after its `/v1`
 * (or all of it, when it has none) joined to the base URL, query kept.
 * @example rebaseUrl('https://api.openai.com/v1/chat/completions', 'http://localhost:8080/openai/v1') // http://localhost:8080/openai/v1/chat/completions
 */
export function rebaseUrl(url: string, baseUrl: string | undefined): string {
  if (baseUrl === undefined) {
    return url;
  }
  const recorded = new URL(url);
  const at = recorded.pathname.indexOf('/v1/');
  const rest = at >= 0 ? recorded.pathname.slice(at + 3) : recorded.pathname;
  return `${baseUrl.replace(/\/+$/, '')}${rest}${recorded.search}`;
}

/**
 * Sends a recorded request to the live API with the key, and records the answer the way a
 * cassette records one (the same capture and redaction code): the key and every other secret
 * are scrubbed before anything leaves this function, errors included.
 */
export async function liveAnswer(
  interaction: RecordedInteraction,
  target: LiveTarget,
): Promise<{ response: RecordedResponse; recordedAt: string }> {
  const { request } = interaction;
  const headers = new Headers();
  for (const [name, value] of toHeaderPairs(request.headers)) {
    if (!NOT_SENT.has(name) && !value.includes(REDACTED)) {
      headers.append(name, value);
    }
  }
  headers.set('authorization', `Bearer ${target.key}`);
  const body = request.body ? Buffer.concat(storedBodyChunks(request.body)).toString('utf8') : undefined;
  const sentTo = rebaseUrl(request.url, target.baseUrl);
  const signal = AbortSignal.timeout(target.timeoutMs);
  const live: LiveRequest = {
    method: request.method,
    // The recorded URL: what the recording would have stored (secrets scrubbed again below).
    url: request.url,
    headers,
    body,
    signal,
    send: () => fetch(sentTo, { method: request.method, headers, signal, ...(body === undefined ? {} : { body }) }),
  };
  const prepared = prepareRequest(live, target.rules);
  try {
    const capture = captureInteraction(prepared, await live.send(), target.rules, new Date(), { streamTiming: false });
    if (capture.streaming) {
      await capture.streaming.arrayBuffer();
    }
    const { response, recordedAt } = await capture.interaction;
    return { response, recordedAt };
  } catch (error) {
    const cause = (error as { cause?: { message?: unknown } }).cause?.message;
    const why = `${(error as Error).message}${typeof cause === 'string' ? ` (${cause})` : ''}`;
    throw new Error(
      redactText(why, secretMatcher(prepared.secrets), target.rules.redact, { part: 'response', location: 'body' }),
    );
  }
}
