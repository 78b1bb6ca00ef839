import { activeCassette, type ActiveCassette } from '../../../src/internal/active-cassette.js';

/** Counts the event streams a cassette hands out that are still open. */
export interface OpenStreams {
  /** Streams neither read to the end, nor cancelled, nor failed. */
  open(): number;
  /** Counts `response`'s body, if it is an event stream: the response to use instead. */
  track(response: Response): Response;
  /** Hands the active cassette back as it was; call it before `stop()`. */
  restore(): void;
}

/**
 * Counts the event streams the active cassette serves, to OpenAIModel (its calls' `fetch`) and through
 * MSW (its `respond`), by passing each body through a stream that notes its end. A consumer's
 * cancel reaches the cassette's own stream through it, as it would directly.
 */
export function trackOpenStreams(): OpenStreams {
  const original = activeCassette.current as ActiveCassette;
  let open = 0;
  const track = (response: Response): Response => {
    if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream')) {
      return response;
    }
    const reader = response.body.getReader();
    open++;
    let ended = false;
    const end = (): void => {
      if (!ended) {
        ended = true;
        open--;
      }
    };
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            end();
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          end();
          controller.error(error);
        }
      },
      cancel(reason) {
        end();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  const respond = original.respond;
  activeCassette.activate({
    ...original,
    enter: (label) => {
      const call = original.enter(label);
      return { fetch: async (input, init) => track(await call.fetch(input, init)), end: () => call.end() };
    },
    respond:
      respond &&
      (async (request) => {
        const response = await respond(request);
        return response && track(response);
      }),
  });
  return { open: () => open, track, restore: () => void activeCassette.activate(original) };
}
