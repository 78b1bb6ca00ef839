import { setupServer, type SetupServer } from 'msw/node';
import { CassetteConfigurationError } from './errors.js';
import { createCassetteHandlers, type CassetteResponder } from './handlers.js';

// One MSW server for the process: it dispatches to the active cassette, if any.
let server: SetupServer | undefined;
let listening = false;
let pinned = 0;
let route: CassetteResponder | undefined;

/**
 * Starts intercepting HTTP now, before user code builds any client, and keeps intercepting
 * until the returned function is called. The `openai` SDK keeps the global `fetch` it saw when
 * it was constructed (NOTES.md), so a client made at module scope, before a cassette starts,
 * would bypass an interceptor installed later; one made while this is listening is covered by
 * every cassette. Requests made while no cassette is active go to the network as usual.
 * `spark-models/cassette/setup` calls this, for vitest's `setupFiles`.
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['spark-models/cassette/setup'] } });
 */
export function installCassetteInterceptor(): () => void {
  ensureListening();
  pinned++;
  let released = false;
  return () => {
    if (!released) {
      released = true;
      pinned--;
      closeWhenIdle();
    }
  };
}

/** True while the shared interceptor listens. */
export function isCassetteInterceptorInstalled(): boolean {
  return listening;
}

/**
 * True when an MSW server other than the shared interceptor listens in this process. MSW 3
 * serves one listening server at a time (a second one sees requests twice and breaks
 * `bypass`), so the cassette must then use that server (`server` option) instead. Read from
 * the interceptors' own registry; if a later MSW moves it, this answers false.
 */
export function isOtherMswServerListening(): boolean {
  const registry = (globalThis as { __MSW_INTERCEPTORS_REGISTRY?: Map<symbol, { readyState?: unknown }> })
    .__MSW_INTERCEPTORS_REGISTRY;
  return !listening && registry?.get(Symbol.for('node-http-request-source'))?.readyState === 'ACTIVE';
}

/** Sends intercepted requests to `respond` (the active cassette) until the returned function runs. */
export function routeInterceptedRequests(respond: CassetteResponder): () => void {
  ensureListening();
  route = respond;
  return () => {
    if (route === respond) {
      route = undefined;
    }
    closeWhenIdle();
  };
}

function ensureListening(): void {
  if (isOtherMswServerListening()) {
    throw new CassetteConfigurationError(
      'Cannot install the cassette interceptor: another MSW server already listens in this process, and MSW 3 serves one at a time. ' +
        'Pass that server to each cassette instead (`startCassette(name, { server })`); a server listening before your code loads covers module-scope clients too.',
      { cassettePath: '', option: 'server' },
    );
  }
  server ??= setupServer(...createCassetteHandlers(async (request) => route?.(request)));
  if (!listening) {
    // Unhandled requests (no cassette active) go to the network untouched.
    server.listen({ onUnhandledFrame: 'bypass' });
    listening = true;
  }
}

function closeWhenIdle(): void {
  if (listening && pinned === 0 && route === undefined) {
    server?.close();
    listening = false;
  }
}
