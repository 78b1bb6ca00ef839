/**
 * The one link between cassettes and `OpenAIModel`: while a cassette is active, the model hands
 * its requests straight to the cassette's `fetch`, skipping MSW's socket interception (many
 * times the SDK's own cost, see docs/internals.md) and never holding a stale global `fetch`.
 */

/** What a running cassette exposes to the model. */
export interface ActiveCassette {
  /**
   * Serves a request from the cassette (replay, record or passthrough, by its mode). Rejects
   * with the cassette's errors (`CassetteMissError`, `CassetteConflictError`,
   * `CassetteStateError`); the model turns them into a response the SDK does not retry.
   */
  fetch: typeof globalThis.fetch;
  /**
   * True when the cassette may answer without a real key: in `replay` mode only. In `auto` a
   * miss is sent for real, and a stand-in key would record a 401.
   */
  servesWithoutKey: boolean;
}

let active: ActiveCassette | undefined;

/** Makes `cassette` the active one; returns a function that clears it again. */
export function setActiveCassette(cassette: ActiveCassette): () => void {
  active = cassette;
  return () => {
    if (active === cassette) {
      active = undefined;
    }
  };
}

/** The cassette that is active now, if any. */
export function getActiveCassette(): ActiveCassette | undefined {
  return active;
}
