import { decodeUtf8, toBinaryBody, toStoredBody } from './body.js';
import { headerValue, toHeaderMap, toHeaderPairs } from './headers.js';
import type { ExchangeRules, PreparedRequest } from './prepare.js';
import { secretMatcher, type SecretMatcher } from '../internal/secret-forms.js';
import { REDACTED } from './defaults.js';
import { redactBytes, redactHeaders, redactText } from './redact.js';
import { lookupIn, responseSecrets } from './secrets.js';
import { scrubSplitSecrets } from './sse-secrets.js';
import { recordSseBody } from './sse-recorder.js';
import type { RecordedInteraction, RecordedResponse, StoredBody } from './types.js';

/** A real exchange being recorded. */
export interface Capture {
  /** The interaction, once the response body has ended (`id` is given when it joins the cassette). */
  interaction: Promise<Omit<RecordedInteraction, 'id'>>;
  /**
   * For a stream, the response to hand the client now: it gets each event as it arrives. For
   * anything else, undefined: the client gets the recording once it is complete.
   */
  streaming: Response | undefined;
}

/**
 * Turns a real exchange into an interaction: the response decoded (fetch has already undone
 * gzip, br and deflate), transport headers dropped, secrets scrubbed. A `text/event-stream`
 * body is recorded event by event as it arrives (sse-recorder.ts), with each event's time
 * when `streamTiming` is on; any other body is read whole.
 */
export function captureInteraction(
  request: PreparedRequest,
  response: Response,
  rules: ExchangeRules,
  recordedAt: Date,
  options: { streamTiming: boolean },
): Capture {
  const requestHeaders = request.headers();
  // The request was scrubbed when it was prepared.
  const requestBody = storeBody(request.body, headerValue(requestHeaders, 'content-type'), (text) => text, undefined);
  const interaction = (half: RecordedResponse): Omit<RecordedInteraction, 'id'> => ({
    hash: request.hash,
    request: {
      method: request.method,
      url: request.url,
      headers: requestHeaders,
      ...(requestBody ? { body: requestBody } : {}),
    },
    response: half,
    recordedAt: recordedAt.toISOString(),
  });
  // What the response's own headers reveal (its organization, its cookies) is scrubbed too.
  const secrets = secretMatcher([...request.secrets, ...responseSecrets(lookupIn(response.headers))]);
  const headers = redactHeaders(toHeaderMap(response.headers, rules.omittedHeaders), secrets, rules.redact, 'response');
  const redactBody = (text: string): string =>
    redactText(text, secrets, rules.redact, { part: 'response', location: 'body' });
  const half = (body: StoredBody | undefined): RecordedResponse => ({
    status: response.status,
    headers,
    ...(body ? { body } : {}),
  });
  if (response.body && headerValue(headers, 'content-type')?.includes('text/event-stream')) {
    const recording = recordSseBody(
      response.body,
      {
        text: redactBody,
        bytes: (bytes) => redactBytes(bytes, secrets),
        events: (events) => scrubSplitSecrets(events, secrets, REDACTED),
      },
      options.streamTiming,
    );
    return {
      interaction: recording.stored.then((body) => interaction(half(body))),
      streaming: new Response(recording.body, { status: response.status, headers: toHeaderPairs(headers) }),
    };
  }
  const whole = response.arrayBuffer().then((buffer) => {
    const bytes = new Uint8Array(buffer);
    const raw = bytes.byteLength === 0 ? undefined : (decodeUtf8(bytes) ?? bytes);
    return interaction(half(storeBody(raw, headerValue(headers, 'content-type'), redactBody, secrets)));
  });
  return { interaction: whole, streaming: undefined };
}

// Bytes that are not UTF-8 are scrubbed as bytes before they become base64.
function storeBody(
  raw: string | Uint8Array | undefined,
  contentType: string | undefined,
  redact: (text: string) => string,
  secrets: SecretMatcher | undefined,
): StoredBody | undefined {
  if (raw === undefined) {
    return undefined;
  }
  if (typeof raw === 'string') {
    return toStoredBody(redact(raw), contentType);
  }
  return toBinaryBody(secrets ? redactBytes(raw, secrets) : raw);
}
