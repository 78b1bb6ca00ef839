import type { CassetteCall } from '../internal/active-cassette.js';

/**
 * What a cassette is still serving: requests it is answering, and model calls that started
 * under it and may not have sent their request yet. `stop()` drains both before it lets go.
 */
export class InFlight {
  // Requests being answered, with what names them (`POST https://...`), worded only if needed.
  readonly #requests = new Map<Promise<unknown>, () => string>();
  // Calls open now; `done` is set once a drain waits for the call.
  readonly #calls = new Set<OpenCall>();
  // Requests that arrived so far: the drain waits until none arrives for a few turns.
  #arrivals = 0;

  /** Tracks `promise` (a request `label()` names) until it settles; returns it. */
  track<T>(promise: Promise<T>, label: () => string): Promise<T> {
    this.#arrivals++;
    this.#requests.set(promise, label);
    const forget = (): void => {
      this.#requests.delete(promise);
    };
    promise.then(forget, forget);
    return promise;
  }

  /** A call named `label` starts; its requests go to `fetch` until `end()`. */
  open(label: string, fetch: CassetteCall['fetch']): CassetteCall {
    const call = new OpenCall(label, fetch, this.#calls);
    this.#calls.add(call);
    return call;
  }

  /**
   * Waits until nothing is in flight and no request has arrived for a few event-loop turns (a
   * request a client started just before is still on its way through MSW), or until
   * `deadline` (ms since the epoch). `patient` requests (sent for real, being recorded) are
   * waited for to their end. Returns what was still in flight at the deadline.
   */
  async drain(deadline: number, patient: boolean): Promise<string[]> {
    for (;;) {
      const calls = [...this.#calls].map((call) => new Promise<void>((resolve) => (call.done = resolve)));
      const pending = [...this.#requests.keys(), ...calls];
      if (pending.length === 0) {
        const arrivals = this.#arrivals;
        await turns(QUIET_TURNS);
        if (arrivals === this.#arrivals && this.#calls.size === 0) {
          return [];
        }
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        if (patient && this.#requests.size > 0) {
          await Promise.allSettled([...this.#requests.keys()]);
          // A call ends a few turns after its request did.
          await turns(QUIET_TURNS);
          continue;
        }
        return [...[...this.#requests.values()].map((label) => label()), ...[...this.#calls].map((call) => call.label)];
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled(pending),
        new Promise((resolve) => {
          timer = setTimeout(resolve, left);
        }),
      ]);
      clearTimeout(timer);
    }
  }
}

// Event-loop turns without a new request before a drain ends: a request a client started just
// before `stop()` takes a few (socket connect, parse, MSW's handlers) to reach the cassette.
const QUIET_TURNS = 8;

async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// One object per model call (the direct path makes one per call, so it is kept to one allocation).
class OpenCall implements CassetteCall {
  done: (() => void) | undefined;
  readonly label: string;
  readonly #fetch: CassetteCall['fetch'];
  readonly #calls: Set<OpenCall>;

  constructor(label: string, fetch: CassetteCall['fetch'], calls: Set<OpenCall>) {
    this.label = label;
    this.#fetch = fetch;
    this.#calls = calls;
  }

  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    return this.#fetch(input, init);
  }

  end(): void {
    this.#calls.delete(this);
    this.done?.();
  }
}
