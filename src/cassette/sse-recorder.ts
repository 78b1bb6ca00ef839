import { performance } from 'node:perf_hooks';
import { decodeUtf8, toBinaryBody, toStoredBody } from './body.js';
import { parseSseEvents, serializeSseEvents } from './sse.js';
import type { SseEvent, StoredBody } from './types.js';

/** A stream being recorded: what the client reads, and what will be stored. */
export interface SseRecording {
  /** The body handed to the client: each event as it will be stored, one chunk per event, as it arrives. */
  body: ReadableStream<Uint8Array>;
  /** The body to store, once the stream ended: whole, or as far as it got before an error or a cancel. */
  stored: Promise<StoredBody | undefined>;
}

/** How a stream being recorded is scrubbed: each event's text, bytes that are not text, and the events together. */
export interface SseScrubbing {
  text: (text: string) => string;
  bytes: (bytes: Uint8Array) => Uint8Array;
  /** The stored events, once the stream ended: secrets split across events (`sse-secrets.ts`). */
  events: (events: SseEvent[]) => SseEvent[];
}

const encoder = new TextEncoder();
const BOUNDARY = Buffer.from('\n\n');

/**
 * Records a `text/event-stream` body event by event as it arrives, instead of reading it
 * whole first: each complete event (up to its blank line) is scrubbed with `redact`, kept,
 * and passed on to the client at once, so the client reads in record mode what it will read
 * on replay, and a long stream is held once (as events), not twice. The source is read as
 * fast as it comes, whether or not the client keeps up, so the recording completes even if the
 * client never reads it; a client that cancels cancels the source, and what came is kept.
 * A stream that stops parsing as exact events (CR line ends, unknown fields) goes on as text,
 * or bytes when not UTF-8, given to the client in one piece at its end.
 */
export function recordSseBody(source: ReadableStream<Uint8Array>, scrub: SseScrubbing, timing: boolean): SseRecording {
  const redact = scrub.text;
  const started = performance.now();
  const events: SseEvent[] = [];
  let pending: Buffer = Buffer.alloc(0);
  // Once the stream stops parsing as events: its raw bytes from there on.
  let rest: Buffer[] | undefined;
  let settle: (body: StoredBody | undefined) => void = () => undefined;
  const stored = new Promise<StoredBody | undefined>((resolve) => (settle = resolve));
  let done = false;
  const finish = (): StoredBody | undefined => {
    const body = storedBody(events, rest ?? [pending], scrub);
    if (!done) {
      done = true;
      settle(body);
    }
    return body;
  };

  // Each complete event in `pending`, as the chunk the client gets; the rest waits for more bytes.
  const take = (chunk: Uint8Array): Uint8Array[] => {
    if (rest) {
      rest.push(Buffer.from(chunk));
      return [];
    }
    pending = Buffer.concat([pending, chunk]);
    const out: Uint8Array[] = [];
    for (let end = pending.indexOf(BOUNDARY); end !== -1; end = pending.indexOf(BOUNDARY)) {
      const text = decodeUtf8(pending.subarray(0, end + 2));
      const scrubbed = text === undefined ? undefined : redact(text);
      const parsed = scrubbed === undefined ? undefined : parseSseEvents(scrubbed);
      if (scrubbed === undefined || parsed?.length !== 1) {
        rest = [pending];
        return out;
      }
      const event = parsed[0] as SseEvent;
      if (timing) {
        event.offsetMs = Math.round(performance.now() - started);
      }
      events.push(event);
      out.push(encoder.encode(scrubbed));
      pending = pending.subarray(end + 2);
    }
    return out;
  };

  const reader = source.getReader();
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          for (const chunk of cancelled ? [] : take(read.value)) {
            controller.enqueue(chunk);
          }
        }
        const whole = finish();
        const tail = unsent(whole, events);
        if (!cancelled) {
          if (tail) {
            controller.enqueue(tail);
          }
          controller.close();
        }
      } catch (error) {
        finish();
        if (!cancelled) {
          controller.error(error);
        }
      }
    },
    cancel(reason) {
      cancelled = true;
      finish();
      return reader.cancel(reason);
    },
  });
  return { body, stored };
}

// The stored body: the events, or (once they stopped parsing) the whole text or bytes. The
// client already has the events as they came: a secret split across them is only cut from
// what is stored.
function storedBody(sent: SseEvent[], rest: Buffer[], scrub: SseScrubbing): StoredBody | undefined {
  const restBytes = Buffer.concat(rest);
  const events = scrub.events(sent);
  if (restBytes.length === 0) {
    return events.length === 0 ? undefined : { events };
  }
  const head = serializeSseEvents(events);
  const restText = decodeUtf8(restBytes);
  return restText === undefined
    ? toBinaryBody(scrub.bytes(Buffer.concat([encoder.encode(head), restBytes])))
    : toStoredBody(head + scrub.text(restText), 'text/event-stream');
}

// What the client has not been given: the stored body after the events it got, if any.
function unsent(body: StoredBody | undefined, sent: SseEvent[]): Uint8Array | undefined {
  // Stored events are the sent ones (secrets split across them cut): nothing more to send.
  if (body === undefined || ('events' in body && body.events.length === sent.length)) {
    return undefined;
  }
  const whole =
    'base64' in body
      ? Buffer.from(body.base64, 'base64')
      : Buffer.from('text' in body ? body.text : 'events' in body ? serializeSseEvents(body.events) : '');
  return whole.subarray(encoder.encode(serializeSseEvents(sent)).length);
}
