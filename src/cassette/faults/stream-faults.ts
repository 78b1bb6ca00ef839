import { sleep } from '../../internal/sleep.js';
import { bodyTerminatedError } from './network-errors.js';

/** How a replayed event stream is altered: cut short, slowed per event, or both. */
export interface StreamAlteration {
  /** Events passed on before the stream ends; undefined passes them all. */
  cutAfter?: number | undefined;
  /** How a cut stream ends: it closes, or fails as a dropped connection does. */
  end?: 'close' | 'reset' | undefined;
  /**
   * The whole body's length, sent as `content-length` when a cut stream resets: a client then
   * sees the body end early as an error even through MSW, which otherwise ends a response it
   * could not finish as if it were whole.
   */
  fullLength?: number | undefined;
  /** A wait before each event. */
  perEventMs?: number | undefined;
  /** The client's signal: a wait ends, and the stream fails, when it aborts. */
  signal?: AbortSignal | undefined;
}

/**
 * A replayed streamed `Response` with its body altered. A replayed stream arrives one chunk
 * per recorded event, so counting chunks counts events. Nothing is left running once the
 * stream ends or the client cancels it: the recorded body is cancelled and a pending wait's
 * timer cleared.
 */
export function alterEventStream(response: Response, alteration: StreamAlteration): Response {
  const source = response.body;
  if (!source) {
    return response;
  }
  const reader = source.getReader();
  const stop = new AbortController();
  const signal = alteration.signal ? AbortSignal.any([alteration.signal, stop.signal]) : stop.signal;
  const { cutAfter, end = 'close', perEventMs = 0 } = alteration;
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (cutAfter !== undefined && sent >= cutAfter) {
        stop.abort();
        await reader.cancel();
        if (end === 'reset') {
          // A turn of the event loop first, so the events already sent reach the client.
          await new Promise((resolve) => setImmediate(resolve));
          controller.error(bodyTerminatedError());
        } else {
          controller.close();
        }
        return;
      }
      try {
        await sleep(perEventMs, signal);
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        sent++;
        controller.enqueue(value);
      } catch (error) {
        stop.abort();
        void reader.cancel().catch(() => undefined);
        controller.error(alteration.signal?.aborted ? alteration.signal.reason : error);
      }
    },
    cancel(reason) {
      stop.abort();
      return reader.cancel(reason);
    },
  });
  const headers = new Headers(response.headers);
  if (end === 'reset' && cutAfter !== undefined && alteration.fullLength !== undefined) {
    headers.set('content-length', String(alteration.fullLength));
  }
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
