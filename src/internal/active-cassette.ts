/**
 * The active cassette, in one place. `OpenAIModel` hands its requests straight to it, skipping
 * MSW's socket interception (many times the SDK's own cost, see docs/internals.md) and never
 * holding a stale global `fetch`; it enters the active cassette when a call starts, so each
 * request belongs to the cassette it started under, and `stop()` waits for the call. The shared
 * MSW interceptor hands it the requests it intercepts, and `startCassette` refuses a second one
 * while it is active.
 */

/** A model call served by one cassette, from `ActiveCassette.enter`. */
export interface CassetteCall {
  /**
   * Serves one of the call's requests (replay, record or passthrough, by the cassette's mode).
   * Rejects with the cassette's own errors when it refuses the request (a replay miss, a call
   * that outlived `stop()`), and with any other error when the request itself failed.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The call is over: `stop()` stops waiting for it. */
  end(): void;
}

/** What a running cassette exposes to the rest of the package. */
export interface ActiveCassette {
  /** The name it was started with, for messages. */
  readonly name: string;
  /** `active` until its `stop()` begins, then `stopped`. */
  readonly state: 'active' | 'stopped';
  /**
   * True when the cassette may answer without a real key: in `replay` mode only. In `auto` a
   * miss is sent for real, and a stand-in key would record a 401.
   */
  readonly servesWithoutKey: boolean;
  /**
   * A call starts under this cassette (`label` names it in `stop()`'s error if it is still
   * running then): its requests go to the returned call, which `stop()` waits for.
   */
  enter(label: string): CassetteCall;
  /** True for an error by which this cassette refused a request (judged by `name`, across realms). */
  isCassetteError(error: unknown): boolean;
  /**
   * Answers a request the shared MSW interceptor caught, or undefined to let it through. Absent
   * when the cassette's handlers are in the user's own MSW server instead.
   */
  readonly respond?: ((request: Request) => Promise<Response | undefined>) | undefined;
}

/** Holds the cassette that is active now, if any: one per process (or per worker thread). */
export class ActiveCassetteSlot {
  #current: ActiveCassette | undefined;

  /** The cassette that is active now, if any. */
  get current(): ActiveCassette | undefined {
    return this.#current;
  }

  /** Makes `cassette` the active one; returns a function that clears it again (if still it). */
  activate(cassette: ActiveCassette): () => void {
    this.#current = cassette;
    return () => {
      if (this.#current === cassette) {
        this.#current = undefined;
      }
    };
  }
}

/** The active cassette of this process. */
export const activeCassette: ActiveCassetteSlot = new ActiveCassetteSlot();
