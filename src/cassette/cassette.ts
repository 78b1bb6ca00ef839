import type { HttpHandler } from 'msw';
import { activeCassette, type CassetteCall } from '../internal/active-cassette.js';
import { warn } from '../internal/log.js';
import { STOP_WAIT_MS, type CassetteMode } from './defaults.js';
import { cassetteErrorResponse } from './msw/error-response.js';
import {
  CassetteConfigurationError,
  CassetteStateError,
  CassetteUnusedError,
  isCassetteError,
  type CassetteInteractionRef,
  type CassetteMissError,
} from './errors.js';
import { isInjectedNetworkError } from './faults/network-errors.js';
import type { InjectedFault } from './faults/types.js';
import { networkGuard, type GuardedRun } from './guard/network-guard.js';
import { createCassetteHandlers } from './msw/handlers.js';
import { otherClients } from './msw/other-clients.js';
import { threadBridge } from './msw/thread-bridge.js';
import { sharedInterceptor, type InterceptedRoute } from './msw/interceptor.js';
import { InFlight } from './in-flight.js';
import { fromFetchArguments, fromRequest } from './live-request.js';
import type { CassetteServer } from './options.js';
import { reportUsage } from './stop-usage-report.js';
import type { CassetteSession } from './session.js';
import { saveRecordings } from './save.js';
import { unusedMessage } from './unused-message.js';
import type { CassetteStore } from './store.js';
import type { CassetteFile, RecordedInteraction } from './types.js';

/** A cassette's lifecycle: `active` from `startCassette` until `stop()`, then `stopped`. */
export type CassetteState = 'active' | 'stopped';

/** What a cassette did, as `stop()` reports it. */
export interface CassetteSummary {
  name: string;
  /** The cassette file (absolute path). */
  path: string;
  mode: CassetteMode;
  /** Requests answered from recordings. */
  replayed: number;
  /** Requests sent for real and recorded. */
  recorded: number;
  /** Requests sent for real and not recorded (`passthrough`). */
  passedThrough: number;
  /** Recordings in the file that no request used (replay and auto modes). */
  unused: readonly CassetteInteractionRef[];
  /** Requests that found no recording, even those whose error the code under test caught. */
  misses: readonly CassetteMissError[];
  /** Whether the file was written (only when something was recorded). */
  written: boolean;
}

/** Options of `Cassette.stop()`. */
export interface StopOptions {
  /**
   * The test already failed: report nothing more (no miss rethrown, no unused warning or
   * error), but still write what was recorded. Test-runner glue sets it.
   */
  failed?: boolean;
}

/** What `startCassette` hands a new cassette. */
export interface CassetteInit {
  name: string;
  path: string;
  displayPath: string;
  mode: CassetteMode;
  session: CassetteSession;
  store: CassetteStore;
  /** The text read at start (stores other than the file store), to tell whether another writer changed it. */
  previousText: string | undefined;
  /** sha256 of the file read at start (the file store). */
  previousSha256: string | undefined;
  failOnUnused: boolean;
  server: CassetteServer | undefined;
  /** What the network guard does while the cassette runs. */
  guard: GuardedRun;
  /**
   * Writes the parsed-form cache entry (load/parsed-cache.ts) when this run learned something
   * for it (load/replay-memo.ts, load/replay-forms.ts) or the cache had none for these bytes.
   */
  saveMemo?: (() => void) | undefined;
}

/**
 * A running cassette. Made by `startCassette`; serves requests through MSW (`handlers`) and,
 * for `OpenAIModel`, through `fetch` directly, until `stop()`.
 */
export class Cassette {
  /** The name it was started with (`chat/hello`). */
  readonly name: string;
  /** The cassette file (absolute path). */
  readonly path: string;
  /** The mode it runs in, after defaults and `SPARK_CASSETTE_MODE`. */
  readonly mode: CassetteMode;
  readonly #init: CassetteInit;
  #state: CassetteState = 'active';
  // Requests of calls that started under it are served until stop() has drained them.
  #accepting = true;
  #seq = 0;
  readonly #inFlight = new InFlight();
  readonly #detach: (() => void)[] = [];
  #route: InterceptedRoute | undefined;
  #stopping: Promise<CassetteSummary> | undefined;
  #summary: CassetteSummary | undefined;
  #handlers: readonly HttpHandler[] | undefined;
  readonly #respondBound = (request: Request): Promise<Response | undefined> => this.#respond(request);

  constructor(init: CassetteInit) {
    this.#init = init;
    this.name = init.name;
    this.path = init.path;
    this.mode = init.mode;
    const respond = this.#respondBound;
    if (init.server) {
      init.server.use(...this.handlers);
    } else {
      const route = sharedInterceptor.attach();
      this.#route = route;
      this.#detach.push(() => route.release());
    }
    this.#detach.push(otherClients.serve(respond), threadBridge.serve(respond));
    this.#detach.push(networkGuard.begin(init.guard));
    const state = (): CassetteState => this.#state;
    this.#detach.unshift(
      activeCassette.activate({
        name: init.name,
        get state() {
          return state();
        },
        // Only replay may answer without a key: anything recorded must be sent with a real one.
        servesWithoutKey: init.mode === 'replay',
        enter: (label) => this.#enter(label),
        isCassetteError,
        respond: init.server ? undefined : respond,
      }),
    );
  }

  /** Plain MSW handlers serving this cassette, for `server.use(...cassette.handlers)`. */
  get handlers(): readonly HttpHandler[] {
    // Made when asked for: most cassettes are served by the shared interceptor and never need them.
    this.#handlers ??= createCassetteHandlers(this.#respondBound);
    return this.#handlers;
  }

  /** `active` until `stop()` is called, then `stopped`. */
  get state(): CassetteState {
    return this.#state;
  }

  /**
   * What the cassette served so far, replayed and recorded, in the order the responses were
   * ready; readable while it runs. A request that missed or passed through is not in it.
   * Recordings of this run get their final ids (as in the file) once `stop()` wrote them.
   * The interactions are the cassette's own objects: read them, do not change them.
   */
  get interactions(): readonly RecordedInteraction[] {
    return Object.freeze(this.#init.session.served());
  }

  /**
   * The faults injected so far (`faults` option or `SPARK_FAULTS`): request number, kind and
   * the status answered, in the order they were chosen. Empty when no fault is configured.
   */
  get faults(): readonly InjectedFault[] {
    return this.#init.session.faults;
  }

  /** What the cassette did; undefined until it has stopped. */
  get summary(): CassetteSummary | undefined {
    return this.#summary;
  }

  /**
   * Serves a request straight from the cassette, with no interception: `OpenAIModel` hands its
   * requests here (about the SDK's own cost instead of MSW's). Throws the cassette errors.
   */
  readonly fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = (): string => (input instanceof Request ? input.url : String(input));
    if (!this.#accepting) {
      return Promise.reject(this.#stoppedError(url()));
    }
    const seq = this.#seq++;
    return this.#inFlight.track(
      fromFetchArguments(input, init).then((live) => this.#init.session.handle(live, seq)),
      () => `${(input instanceof Request ? input.method : (init?.method ?? 'GET')).toUpperCase()} ${url()}`,
    );
  };

  /**
   * Ends the cassette: stops serving requests, waits for those in flight, writes the file when
   * anything was recorded, and returns what happened. Idempotent: later calls get the same
   * result. Rejects with the first `CassetteMissError` the run raised (even one the code under
   * test swallowed), or `CassetteUnusedError` with `failOnUnused`; the file is written first.
   */
  stop(options: StopOptions = {}): Promise<CassetteSummary> {
    this.#stopping ??= this.#stop(options);
    return this.#stopping;
  }

  async #stop(options: StopOptions): Promise<CassetteSummary> {
    const { session, store, path, previousText, previousSha256, mode, failOnUnused, displayPath } = this.#init;
    this.#state = 'stopped';
    // Requests a `timeout` fault holds fail now: they would otherwise wait out the drain.
    session.releaseHeld();
    // Requests sent for real are awaited to their end: their recordings must not be lost.
    const stuck = await this.#inFlight.drain(Date.now() + STOP_WAIT_MS, mode !== 'replay');
    this.#accepting = false;
    // Streams being recorded end after their request was answered.
    await session.settled();
    // Read before detaching: releasing the route may close the interceptor.
    const interruption = this.#route?.interruption();
    for (const detach of this.#detach.splice(0)) {
      detach();
    }
    let text = previousText;
    const written = session.recorded > 0;
    // Before a recording rewrites the file: the memo is for the bytes read at start.
    this.#init.saveMemo?.();
    if (written) {
      text = await saveRecordings(
        { store, path, previousText, previousSha256 },
        (onDisk) =>
          // Something was recorded, so there is a file to write.
          session.fileToWrite(onDisk) as CassetteFile,
      );
    }
    const unused = session.unused().map(({ id, request }) => ({ id, method: request.method, url: request.url }));
    const summary: CassetteSummary = {
      name: this.name,
      path,
      mode,
      replayed: session.replayed,
      recorded: session.recorded,
      passedThrough: session.passedThrough,
      unused,
      misses: session.misses,
      written,
    };
    this.#summary = summary;
    const problem = interruption
      ? this.#interruptionError(interruption)
      : (session.problems[0] ?? (stuck.length > 0 ? this.#inFlightError(stuck) : undefined));
    const unusedIds = unused.map((u) => u.id);
    await reportUsage({
      mode,
      store,
      path,
      displayPath,
      unused: unusedIds,
      text,
      sha256: written ? undefined : previousSha256,
      incomplete: options.failed === true || problem !== undefined,
    });
    if (options.failed) {
      return summary;
    }
    if (problem) {
      throw problem;
    }
    if (unused.length > 0) {
      const message = unusedMessage(displayPath, unused);
      if (failOnUnused) {
        throw new CassetteUnusedError(message, { cassettePath: path, unused });
      }
      warn(message);
    }
    return summary;
  }

  // The MSW path: a cassette error becomes a response the client does not retry; any other
  // error is thrown on, so MSW logs it and answers a 500 that names it, unless the client
  // aborted the request (it has its own error then). A stopped cassette lets requests through.
  #respond(request: Request): Promise<Response | undefined> {
    if (!this.#accepting) {
      return Promise.resolve(undefined);
    }
    const seq = this.#seq++;
    const handled = fromRequest(request).then((live) => this.#init.session.handle(live, seq));
    return this.#inFlight.track(
      handled.catch((error: unknown) => {
        if (isCassetteError(error)) {
          return cassetteErrorResponse(error);
        }
        // A fault's dropped connection, or an aborted request: the client gets a network error.
        if (request.signal.aborted || isInjectedNetworkError(error)) {
          return Response.error();
        }
        throw error;
      }),
      () => `${request.method} ${request.url}`,
    );
  }

  // A model call that started under this cassette: served until stop() has drained it, even
  // after another cassette started. One that starts once stop() began is refused.
  #enter(label: string): CassetteCall {
    if (this.#state !== 'active') {
      return { fetch: (input) => Promise.reject(this.#stoppedError(String(input))), end: () => undefined };
    }
    return this.#inFlight.open(label, this.fetch);
  }

  #inFlightError(stuck: readonly string[]): CassetteStateError {
    const { displayPath } = this.#init;
    return new CassetteStateError(
      `Cassette "${this.name}" (${displayPath}) stopped with ${stuck.length} request${stuck.length === 1 ? '' : 's'} still in flight after ${STOP_WAIT_MS} ms: ${stuck.join(', ')}. ` +
        'A request belongs to the cassette it started under: await every call (and read every stream to its end) before the cassette stops. ' +
        'Such a request fails with CassetteStateError when it arrives; it never reaches the network.',
      this.path,
      { inFlight: stuck },
    );
  }

  #interruptionError(why: string): CassetteConfigurationError {
    return new CassetteConfigurationError(
      `Cassette "${this.name}" (${this.#init.displayPath}) may have missed requests: ${why}. ` +
        'Pass your MSW server to the cassettes (`startCassette(name, { server })`, or `test.override({ cassetteOptions: { server } })`) instead of running it beside spark-models/cassette/setup, or close it before cassettes start.',
      { cassettePath: this.path, option: 'server' },
    );
  }

  #stoppedError(url: string): CassetteStateError {
    const { session, displayPath } = this.#init;
    return new CassetteStateError(
      `Cassette "${this.name}" (${displayPath}) was used after stop() for ${url}; it had replayed ${session.replayed} ` +
        `and recorded ${session.recorded} requests. Start a new cassette for further requests.`,
      this.path,
    );
  }
}
