import { defaultNetworkOptions } from 'msw/node';

/**
 * What MSW 3 keeps per process. Every `setupServer()` shares one interceptor source
 * (`defaultNetworkOptions.sources`): a server's `listen()` takes its frames from whichever server
 * listened before, and any server's `close()` disposes the interception for all of them. The two
 * readers change nothing; `onInterceptionDisposed` adds a callback to MSW's own list. None of
 * this is public API, so each answers `undefined` (or false) when the shape is not there (a
 * later MSW), and the shared interceptor then trusts its own state.
 * @see test/regressions/cassette-user-msw-close.test.ts
 */

/** Symbol of the interceptors' process-wide HTTP request source (`@mswjs/interceptors` 0.45). */
const REQUEST_SOURCE = Symbol.for('node-http-request-source');

interface RequestSource {
  readyState?: unknown;
  subscriptions?: unknown;
  on?: (type: 'request', listener: (event: SourceRequestEvent) => Promise<void>) => unknown;
  removeListener?: (type: 'request', listener: (event: SourceRequestEvent) => Promise<void>) => unknown;
  listeners?: (type: 'request') => unknown;
}

/** A request the interceptors' HTTP source parsed off a socket, before any interceptor claims it. */
export interface SourceRequestEvent {
  /** What made it: a `Request` (fetch), an `http.ClientRequest`, or the socket when no client said. */
  initiator: unknown;
  request: Request;
  controller: { respondWith(response: Response): unknown };
}

function requestSource(): RequestSource | undefined {
  // Read as unknown shapes: `subscriptions` is protected in the interceptors' own types.
  const registry = (globalThis as unknown as { __MSW_INTERCEPTORS_REGISTRY?: Map<symbol, RequestSource> })
    .__MSW_INTERCEPTORS_REGISTRY;
  return registry?.get(REQUEST_SOURCE);
}

/** True while HTTP interception is applied in this process, false once disposed; undefined when unknown. */
export function isInterceptionActive(): boolean | undefined {
  const state = requestSource()?.readyState;
  return state === undefined ? undefined : state === 'ACTIVE';
}

/**
 * The listeners that receive intercepted requests for the server that listened last, or
 * undefined when MSW does not expose them. A server's `listen()` replaces them all.
 */
export function frameListeners(): readonly unknown[] | undefined {
  const source = defaultNetworkOptions.sources[0] as unknown as {
    emitter?: { listeners?: (type: string) => unknown };
  };
  const listeners = source?.emitter?.listeners?.('frame');
  return Array.isArray(listeners) ? [...listeners] : undefined;
}

/**
 * Calls `callback` once, synchronously, when the shared interception is next disposed (by
 * any server's `close()`). Returns false when MSW gives no way to know.
 */
export function onInterceptionDisposed(callback: () => void): boolean {
  const subscriptions = requestSource()?.subscriptions;
  if (!Array.isArray(subscriptions)) {
    return false;
  }
  // The source runs (and empties) this list when its last owner disposes it.
  subscriptions.push(callback);
  return true;
}

/**
 * Adds `listener` to the interceptors' HTTP source, which sees every request on every socket
 * MSW intercepts, whichever client wrote it. Returns a function that removes it, or undefined
 * when the source is not there (no MSW server listens, or a later MSW). The source drops its
 * listeners when its interception is disposed; `hasSourceListener` tells.
 */
export function addSourceListener(listener: (event: SourceRequestEvent) => Promise<void>): (() => void) | undefined {
  const source = requestSource();
  if (source?.readyState !== 'ACTIVE' || typeof source.on !== 'function') {
    return undefined;
  }
  source.on('request', listener);
  return () => {
    source.removeListener?.('request', listener);
  };
}

/** True while `listener` is still among the HTTP source's listeners. */
export function hasSourceListener(listener: (event: SourceRequestEvent) => Promise<void>): boolean {
  const listeners = requestSource()?.listeners?.('request');
  return Array.isArray(listeners) && listeners.includes(listener);
}
