/**
 * What MSW 3's socket interception does with a connection, read defensively (none of it is
 * public API). Kept apart from msw-state.ts so that the network guard loads without MSW (a
 * worker thread gets the guard alone).
 */

/** Symbol of the interceptors' process-wide socket interceptor, which patches `net.Socket#connect`. */
const SOCKET_INTERCEPTOR = Symbol.for('socket-interceptor');

/** True while MSW's socket interception is applied: every new connection is its to mock or pass through. */
export function isSocketInterceptionActive(): boolean {
  const registry = (globalThis as unknown as { __MSW_INTERCEPTORS_REGISTRY?: Map<symbol, { readyState?: unknown }> })
    .__MSW_INTERCEPTORS_REGISTRY;
  return registry?.get(SOCKET_INTERCEPTOR)?.readyState === 'ACTIVE';
}

/**
 * True for a client socket MSW controls (its mocked connection, which never reaches the
 * network): the interceptors give such a socket its own write method. A connection MSW passes
 * through is a separate, plain socket.
 */
export function isMockSocket(socket: object): boolean {
  return Object.hasOwn(socket, '_writeGeneric');
}
