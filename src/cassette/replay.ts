import type { ReplayForm } from './replay-form.js';
import { eventStream } from './replay-stream.js';

/** How a recording is played back. */
export interface ReplayOptions {
  /** Keep recorded `retry-after`/`retry-after-ms`; otherwise they become 0. */
  keepRetryAfter: boolean;
  /** Send a stream's events at their recorded times (`offsetMs`), when it has them. */
  streamTiming?: boolean;
  /** The caller's signal: when it aborts, a stream still being sent fails as fetch's would. */
  signal?: AbortSignal | undefined;
}

/**
 * A fresh `Response` for a recording, from its replay form (replay-form.ts). An SSE body
 * arrives one chunk per recorded event, at the recorded pace with `streamTiming`. Unless
 * `keepRetryAfter`, recorded waits are shortened so client retries do not make tests sleep:
 * `retry-after` and `retry-after-ms` become 0. A response recorded without them replays
 * without them (adding one would change the error `OpenAIModel` raises), so the client's own
 * backoff applies there.
 */
export function replayResponse(form: ReplayForm, options: ReplayOptions): Response {
  const response = new Response(responseBody(form, options), { status: form.status });
  // Appended to the Response's own headers, they are filled once: a `Headers` passed in would
  // be copied, and pairs passed in are also turned into a `Headers` by MSW's patched Response.
  const { headers } = response;
  for (const [name, value] of form.headers) {
    headers.append(name, options.keepRetryAfter || !isRetryAfter(name) ? value : '0');
  }
  return response;
}

function responseBody({ status, body, events, offsets }: ReplayForm, options: ReplayOptions): BodyInit | null {
  if (body === undefined || events?.length === 0 || status === 204 || status === 205 || status === 304) {
    return null;
  }
  if (!events) {
    // The Response copies the bytes.
    return body as Uint8Array<ArrayBuffer>;
  }
  // Each event a copy of its own: a client may keep or transfer what it reads.
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const length of events) {
    chunks.push(body.slice(at, at + length));
    at += length;
  }
  return eventStream(chunks, options.streamTiming ? offsets : undefined, options.signal);
}

function isRetryAfter(name: string): boolean {
  return name === 'retry-after' || name === 'retry-after-ms';
}
