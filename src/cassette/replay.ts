import { storedBodyChunks } from './body.js';
import { toHeaderPairs } from './headers.js';
import { eventStream } from './replay-stream.js';
import type { RecordedInteraction } from './types.js';

/** How a recording is played back. */
export interface ReplayOptions {
  /** Keep recorded `retry-after`/`retry-after-ms`; otherwise they become 0. */
  keepRetryAfter: boolean;
  /** Send a stream's events at their recorded times (`offsetMs`), when it has them. */
  streamTiming?: boolean;
  /** The caller's signal: when it aborts, a stream still being sent fails as fetch's would. */
  signal?: AbortSignal | undefined;
}

interface Prepared {
  // A Headers built once: a Response copies it quicker than it builds one from [name, value]
  // pairs, whose every value undici converts and checks again (bench/targets/direct-path.ts).
  headers: Headers;
  chunks: Uint8Array[];
  /** For a stream: each event's recorded time, when all have one. */
  offsets: number[] | undefined;
  stream: boolean;
}

// Built once per interaction and option, so repeated replays do no parsing or stringifying.
const cache = new WeakMap<RecordedInteraction, Map<boolean, Prepared>>();

/**
 * A fresh `Response` for a recording. An SSE body arrives one chunk per recorded event, at the
 * recorded pace with `streamTiming`. Unless `keepRetryAfter`, recorded waits are shortened so
 * client retries do not make tests sleep: `retry-after` and `retry-after-ms` become 0. A
 * response recorded without them replays without them (adding one would change the error
 * `OpenAIModel` raises), so the client's own backoff applies there.
 */
export function replayResponse(interaction: RecordedInteraction, options: ReplayOptions): Response {
  const prepared = prepare(interaction, options.keepRetryAfter);
  const { status } = interaction.response;
  const init = { status, headers: prepared.headers };
  if (prepared.chunks.length === 0 || status === 204 || status === 205 || status === 304) {
    return new Response(null, init);
  }
  if (!prepared.stream) {
    return new Response(prepared.chunks[0] as Uint8Array<ArrayBuffer>, init);
  }
  const offsets = options.streamTiming ? prepared.offsets : undefined;
  return new Response(eventStream(prepared.chunks, offsets, options.signal), init);
}

function prepare(interaction: RecordedInteraction, keepRetryAfter: boolean): Prepared {
  let byOption = cache.get(interaction);
  if (!byOption) {
    byOption = new Map();
    cache.set(interaction, byOption);
  }
  let prepared = byOption.get(keepRetryAfter);
  if (!prepared) {
    const { headers, body } = interaction.response;
    const pairs = toHeaderPairs(headers);
    const events = body && 'events' in body ? body.events : undefined;
    const offsets = events?.map((event) => event.offsetMs);
    prepared = {
      headers: new Headers(keepRetryAfter ? pairs : shortenRetryAfter(pairs)),
      chunks: body ? storedBodyChunks(body) : [],
      offsets: offsets?.every((offset) => offset !== undefined) ? (offsets as number[]) : undefined,
      stream: events !== undefined,
    };
    byOption.set(keepRetryAfter, prepared);
  }
  return prepared;
}

function shortenRetryAfter(pairs: [string, string][]): [string, string][] {
  return pairs.map(([name, value]): [string, string] =>
    name === 'retry-after' || name === 'retry-after-ms' ? [name, '0'] : [name, value],
  );
}
