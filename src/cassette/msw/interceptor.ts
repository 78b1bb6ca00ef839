import { setupServer, type SetupServer } from 'msw/node';
import { activeCassette } from '../../internal/active-cassette.js';
import { warn } from '../../internal/log.js';
import { CassetteConfigurationError } from '../errors.js';
import { networkGuard } from '../guard/network-guard.js';
import { createCassetteHandlers } from './handlers.js';
import { otherClients } from './other-clients.js';
import { threadBridge } from './thread-bridge.js';
import { frameListeners, isInterceptionActive, onInterceptionDisposed } from './msw-state.js';

/**
 * Where the shared interceptor stands: `off`; `ours` (it receives the requests); `taken` (an
 * MSW server that listened after it receives them now); `lost` (a server's `close()` disposed
 * the interception MSW 3 shares between servers, so requests go to the network).
 */
export type InterceptorState = 'off' | 'ours' | 'taken' | 'lost';

/** What sends intercepted requests to the active cassette, from `SharedInterceptor.attach`. */
export interface InterceptedRoute {
  /** Stops needing the interceptor (it closes when nothing else needs it). */
  release(): void;
  /** Why some requests may not have reached the cassette since the route began, if they may not. */
  interruption(): string | undefined;
}

/**
 * The process's one MSW server for cassettes: it hands each intercepted request to the active
 * cassette (`activeCassette.current.respond`), and lets it through when there is none. It
 * listens while `install()` pins it or a cassette is attached.
 *
 * Its state changes only through named transitions: `#listen` (off or lost -> ours), `#take`
 * (-> taken: another server listened after it), `#lose` (-> lost: a server's close() disposed
 * the shared interception) and `#close` (-> off). MSW tells us of a loss (`onInterceptionDisposed`)
 * but not of a take-over, so `#observe` checks MSW's own state before each decision.
 */
export class SharedInterceptor {
  #state: InterceptorState = 'off';
  #server: SetupServer | undefined;
  // The frame listeners our server's listen() registered: gone from MSW once another server listens.
  #ownListeners: readonly unknown[] = [];
  #closingOurselves = false;
  // How many times another server's close() stopped our interception.
  #breaks = 0;
  #pins = 0;
  #routes = 0;

  /** The state now, after noticing any change MSW shows. */
  get state(): InterceptorState {
    this.#observe();
    return this.#state;
  }

  /** Listens until the returned function is called (see `installCassetteInterceptor`). */
  install(): () => void {
    this.#ensureListening();
    this.#pins++;
    let released = false;
    return () => {
      if (!released) {
        released = true;
        this.#pins--;
        this.#closeWhenIdle();
      }
    };
  }

  /** Listens for a cassette without a server of its own, until `release()`. */
  attach(): InterceptedRoute {
    this.#ensureListening();
    this.#routes++;
    const breaksAtStart = this.#breaks;
    let released = false;
    return {
      release: () => {
        if (!released) {
          released = true;
          this.#routes--;
          this.#closeWhenIdle();
        }
      },
      interruption: () => {
        if (this.state === 'taken') {
          return 'another MSW server started listening while it ran and receives the requests now (MSW 3 serves one server at a time)';
        }
        return this.#breaks === breaksAtStart
          ? undefined
          : "an MSW server's close() stopped the interception MSW 3 shares between servers while it ran, so requests in that time may have gone to that server or to the network";
      },
    };
  }

  /** True when an MSW server other than this one listens, before it or after it. */
  isOtherServerListening(): boolean {
    return isInterceptionActive() === true && this.state !== 'ours';
  }

  #ensureListening(): void {
    const now = this.state;
    if (now === 'ours') {
      return;
    }
    if (this.isOtherServerListening()) {
      throw new CassetteConfigurationError(
        `Cannot install the cassette interceptor: ${now === 'taken' ? 'another MSW server started listening after it and took the requests over' : 'another MSW server already listens in this process'}, and MSW 3 serves one at a time. ` +
          'Pass that server to each cassette instead (`startCassette(name, { server })`); a server listening before your code loads covers module-scope clients too.',
        { cassettePath: '', option: 'server' },
      );
    }
    if (now === 'lost') {
      this.#close();
    }
    this.#listen();
  }

  // off or lost -> ours.
  #listen(): void {
    this.#server ??= setupServer(
      ...createCassetteHandlers(async (request) => {
        // In a worker with no cassette of its own, the cassette of the thread that started it.
        const respond = activeCassette.current?.respond ?? threadBridge.toParent;
        return respond?.(request);
      }),
    );
    // The guard's socket hook goes first, so MSW's own patch wraps it and it sees MSW's
    // passthrough connections.
    networkGuard.install();
    // Unhandled requests (no cassette active) go to the network untouched.
    this.#server.listen({ onUnhandledFrame: 'bypass' });
    otherClients.ensure();
    this.#state = 'ours';
    this.#ownListeners = frameListeners() ?? [];
    onInterceptionDisposed(() => {
      if (!this.#closingOurselves) {
        this.#lose();
      }
    });
  }

  // ours or lost -> taken: another server listened after ours and receives the requests.
  #take(): void {
    this.#state = 'taken';
  }

  // ours or taken -> lost, inside another server's close(): listen again once it has finished.
  #lose(): void {
    this.#state = 'lost';
    this.#breaks++;
    queueMicrotask(() => this.#restore());
  }

  // any -> off. Our server still counts as listening for MSW: close it without counting a loss.
  #close(): void {
    this.#closingOurselves = true;
    try {
      this.#server?.close();
    } finally {
      this.#closingOurselves = false;
      this.#state = 'off';
      this.#ownListeners = [];
    }
  }

  // Notices what MSW shows but does not announce: a take-over, or a loss it could not report.
  #observe(): void {
    if (this.#state === 'off') {
      return;
    }
    if (isInterceptionActive() === false) {
      this.#state = 'lost';
      return;
    }
    const listeners = frameListeners();
    const taken = listeners !== undefined && !this.#ownListeners.some((own) => listeners.includes(own));
    if (taken && this.#state !== 'taken') {
      this.#take();
    } else if (!taken && this.#state !== 'ours') {
      this.#state = 'ours';
    }
  }

  // After another server's close(): listen again while a pin or a cassette needs it.
  #restore(): void {
    if (this.state !== 'lost') {
      return;
    }
    this.#close();
    if (this.#pins > 0 || this.#routes > 0) {
      this.#listen();
      warn(
        "An MSW server's close() stopped the cassette interceptor (MSW 3 shares one interceptor per process); it listens again. " +
          'Clients created while it was stopped bypass cassettes. Give your MSW server to the cassettes instead (`startCassette(name, { server })`) rather than running it beside spark-models/cassette/setup.',
      );
    }
  }

  #closeWhenIdle(): void {
    // A server that took over uses the shared interception: closing ours would stop it too.
    if (this.#state !== 'off' && this.#pins === 0 && this.#routes === 0 && this.state !== 'taken') {
      this.#close();
    }
  }
}

/** The shared interceptor of this process. */
export const sharedInterceptor: SharedInterceptor = new SharedInterceptor();

/**
 * Starts intercepting HTTP now, before user code builds any client, and keeps intercepting
 * until the returned function is called. The `openai` SDK keeps the global `fetch` it saw when
 * it was constructed (docs/internals.md), so a client made at module scope, before a cassette
 * starts, would bypass an interceptor installed later; one made while this is listening is
 * covered by every cassette. Requests made while no cassette is active go to the network as
 * usual. `spark-models/cassette/setup` calls this, for vitest's `setupFiles`. If another MSW
 * server's `close()` stops it (MSW 3 shares one interceptor per process), it listens again at once.
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['spark-models/cassette/setup'] } });
 */
export function installCassetteInterceptor(): () => void {
  return sharedInterceptor.install();
}

/** True while the shared interceptor listens and receives the requests (no other MSW server took them over). */
export function isCassetteInterceptorInstalled(): boolean {
  return sharedInterceptor.state === 'ours';
}
