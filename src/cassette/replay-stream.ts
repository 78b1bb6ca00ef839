import { performance } from 'node:perf_hooks';

/**
 * A replayed SSE body: one chunk per recorded event, each as soon as the client reads (or, with
 * `offsets`, not before its recorded time). It holds nothing once it ends: read to the end,
 * cancelled by the client (the `openai` SDK cancels it when a loop over a stream breaks), or
 * aborted by `signal`, which fails it with the signal's reason as fetch does; a pending wait's
 * timer is cleared then.
 */
export function eventStream(
  chunks: readonly Uint8Array[],
  offsets: readonly number[] | undefined,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  let waiting: (() => void) | undefined;
  let closed = false;
  let started = 0;
  let onAbort: (() => void) | undefined;
  const close = (): void => {
    if (!closed) {
      closed = true;
      clearTimeout(timer);
      waiting?.();
      if (onAbort) {
        signal?.removeEventListener('abort', onAbort);
      }
    }
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      started = performance.now();
      if (signal?.aborted) {
        close();
        controller.error(signal.reason);
        return;
      }
      onAbort = (): void => {
        close();
        controller.error(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    },
    pull(controller) {
      const chunk = chunks[next];
      if (chunk === undefined) {
        close();
        controller.close();
        return undefined;
      }
      const wait = offsets ? (offsets[next] ?? 0) - (performance.now() - started) : 0;
      next++;
      if (wait <= 0) {
        controller.enqueue(chunk);
        return undefined;
      }
      return new Promise<void>((resolve) => {
        waiting = resolve;
        timer = setTimeout(() => {
          timer = undefined;
          waiting = undefined;
          controller.enqueue(chunk);
          resolve();
        }, wait);
      });
    },
    cancel() {
      close();
    },
  });
}
