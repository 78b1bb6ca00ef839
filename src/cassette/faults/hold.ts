import { heldAtStopError } from './network-errors.js';

/**
 * Requests a `timeout` fault holds with no answer. Each waits for its client's signal (the
 * client's own timeout, or an abort) and then fails with the signal's reason, as `fetch` does;
 * no timer is involved. When the cassette stops, every request still held fails as a closed
 * connection, so nothing outlives the cassette.
 */
export class HeldRequests {
  readonly #release = new Set<() => void>();

  /** Holds one request until `signal` aborts or `releaseAll()`; always rejects. */
  hold(signal: AbortSignal | undefined): Promise<never> {
    return new Promise<never>((_, reject) => {
      const onAbort = (): void => {
        this.#release.delete(release);
        reject(signal?.reason);
      };
      const release = (): void => {
        signal?.removeEventListener('abort', onAbort);
        reject(heldAtStopError());
      };
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      this.#release.add(release);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** How many requests are held now. */
  get size(): number {
    return this.#release.size;
  }

  /** Fails every request still held. */
  releaseAll(): void {
    for (const release of this.#release) {
      release();
    }
    this.#release.clear();
  }
}
