import { setupServer, type SetupServer } from 'msw/node';
import { warn } from '../../internal/log.js';
import { CassetteConfigurationError } from '../errors.js';
import { createCassetteHandlers, type CassetteResponder } from './handlers.js';
import { frameListeners, isInterceptionActive, onInterceptionDisposed } from './msw-state.js';

// One MSW server for the process: it dispatches to the active cassette, if any.
let server: SetupServer | undefined;
// Whether our server was told to listen; `status()` says whether it still receives requests.
let listening = false;
let ownListeners: readonly unknown[] = [];
let closingOurselves = false;
// How many times another server's close() stopped our interception (MSW 3 shares it).
let breaks = 0;
let pinned = 0;
let route: CassetteResponder | undefined;

/**
 * Where the shared interceptor stands: `off`; `ours` (it receives the requests); `taken` (an
 * MSW server that listened after it receives them now); `lost` (a server's `close()` disposed
 * the interception MSW 3 shares between servers, so requests go to the network).
 */
type InterceptorStatus = 'off' | 'ours' | 'taken' | 'lost';

function status(): InterceptorStatus {
  if (!listening) {
    return 'off';
  }
  if (isInterceptionActive() === false) {
    return 'lost';
  }
  const listeners = frameListeners();
  return listeners && !ownListeners.some((own) => listeners.includes(own)) ? 'taken' : 'ours';
}

/**
 * Starts intercepting HTTP now, before user code builds any client, and keeps intercepting
 * until the returned function is called. The `openai` SDK keeps the global `fetch` it saw when
 * it was constructed (docs/internals.md), so a client made at module scope, before a cassette starts,
 * would bypass an interceptor installed later; one made while this is listening is covered by
 * every cassette. Requests made while no cassette is active go to the network as usual.
 * `spark-models/cassette/setup` calls this, for vitest's `setupFiles`. If another MSW server's
 * `close()` stops it (MSW 3 shares one interceptor per process), it listens again at once.
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

/** True while the shared interceptor listens and receives the requests (no other MSW server took them over). */
export function isCassetteInterceptorInstalled(): boolean {
  return status() === 'ours';
}

/**
 * True when an MSW server other than the shared interceptor listens in this process, before
 * it or after it. MSW 3 serves one listening server at a time (a second one sees requests
 * twice and breaks `bypass`, or takes the requests over), so the cassette must then use that
 * server (`server` option) instead.
 */
export function isOtherMswServerListening(): boolean {
  return isInterceptionActive() === true && status() !== 'ours';
}

/** What sends requests to one cassette, from `routeInterceptedRequests`. */
export interface InterceptedRoute {
  /** Stops sending requests to the cassette (the interceptor closes when nothing else needs it). */
  release(): void;
  /** Why some requests may not have reached the cassette since the route began, if they may not. */
  interruption(): string | undefined;
}

/** Sends intercepted requests to `respond` (the active cassette) until `release()`. */
export function routeInterceptedRequests(respond: CassetteResponder): InterceptedRoute {
  ensureListening();
  route = respond;
  const breaksAtStart = breaks;
  return {
    release() {
      if (route === respond) {
        route = undefined;
      }
      closeWhenIdle();
    },
    interruption() {
      if (status() === 'taken') {
        return 'another MSW server started listening while it ran and receives the requests now (MSW 3 serves one server at a time)';
      }
      return breaks === breaksAtStart
        ? undefined
        : "an MSW server's close() stopped the interception MSW 3 shares between servers while it ran, so requests in that time may have gone to that server or to the network";
    },
  };
}

function ensureListening(): void {
  const now = status();
  if (now === 'ours') {
    return;
  }
  if (isOtherMswServerListening()) {
    throw new CassetteConfigurationError(
      `Cannot install the cassette interceptor: ${now === 'taken' ? 'another MSW server started listening after it and took the requests over' : 'another MSW server already listens in this process'}, and MSW 3 serves one at a time. ` +
        'Pass that server to each cassette instead (`startCassette(name, { server })`); a server listening before your code loads covers module-scope clients too.',
      { cassettePath: '', option: 'server' },
    );
  }
  if (now === 'lost') {
    reset();
  }
  listen();
}

function listen(): void {
  server ??= setupServer(...createCassetteHandlers(async (request) => route?.(request)));
  // Unhandled requests (no cassette active) go to the network untouched.
  server.listen({ onUnhandledFrame: 'bypass' });
  listening = true;
  ownListeners = frameListeners() ?? [];
  onInterceptionDisposed(() => {
    if (!closingOurselves) {
      breaks++;
      // Inside another server's close(): listen again once it has finished.
      queueMicrotask(restore);
    }
  });
}

// After another server's close(): listen again while a pin or a cassette needs it.
function restore(): void {
  if (status() !== 'lost') {
    return;
  }
  reset();
  if (pinned > 0 || route !== undefined) {
    listen();
    warn(
      "An MSW server's close() stopped the cassette interceptor (MSW 3 shares one interceptor per process); it listens again. " +
        'Clients created while it was stopped bypass cassettes. Give your MSW server to the cassettes instead (`startCassette(name, { server })`) rather than running it beside spark-models/cassette/setup.',
    );
  }
}

// Our server still counts as listening for MSW; close it without counting that as a break.
function reset(): void {
  closingOurselves = true;
  try {
    server?.close();
  } finally {
    closingOurselves = false;
    listening = false;
    ownListeners = [];
  }
}

function closeWhenIdle(): void {
  // A server that took over uses the shared interception: closing ours would stop it too.
  if (listening && pinned === 0 && route === undefined && status() !== 'taken') {
    reset();
  }
}
