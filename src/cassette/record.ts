import { decodeUtf8, toBinaryBody, toStoredBody } from './body.js';
import { headerValue, toHeaderMap } from './headers.js';
import type { MatchRules, PreparedRequest } from './prepare.js';
import { redactHeaders, redactText } from './redact.js';
import type { RecordedInteraction, RecordedResponse, StoredBody } from './types.js';

/**
 * Turns a real exchange into an interaction: the response read whole and decoded (fetch has
 * already undone gzip, br and deflate), transport headers dropped, secrets scrubbed.
 * `id` is filled in when the interaction joins the cassette.
 */
export async function captureInteraction(
  request: PreparedRequest,
  response: Response,
  rules: MatchRules,
  recordedAt: Date,
): Promise<Omit<RecordedInteraction, 'id'>> {
  const requestHeaders = request.headers();
  const requestBody = storeBody(request.body, headerValue(requestHeaders, 'content-type'), (text) => text);
  return {
    hash: request.hash,
    request: {
      method: request.method,
      url: request.url,
      headers: requestHeaders,
      ...(requestBody ? { body: requestBody } : {}),
    },
    response: await captureResponse(response, request.secrets, rules),
    recordedAt: recordedAt.toISOString(),
  };
}

async function captureResponse(
  response: Response,
  secrets: readonly string[],
  rules: MatchRules,
): Promise<RecordedResponse> {
  const headers = redactHeaders(toHeaderMap(response.headers, rules.omittedHeaders), secrets, rules.redact, 'response');
  const bytes = new Uint8Array(await response.arrayBuffer());
  const raw = bytes.byteLength === 0 ? undefined : (decodeUtf8(bytes) ?? bytes);
  const body = storeBody(raw, headerValue(headers, 'content-type'), (text) =>
    redactText(text, secrets, rules.redact, { part: 'response', location: 'body' }),
  );
  return { status: response.status, headers, ...(body ? { body } : {}) };
}

function storeBody(
  raw: string | Uint8Array | undefined,
  contentType: string | undefined,
  redact: (text: string) => string,
): StoredBody | undefined {
  if (raw === undefined) {
    return undefined;
  }
  return typeof raw === 'string' ? toStoredBody(redact(raw), contentType) : toBinaryBody(raw);
}
