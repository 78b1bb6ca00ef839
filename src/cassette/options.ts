import type { AnyHandler } from 'msw';
import type { CassetteMode } from './defaults.js';
import type { CassetteMatcher } from './match.js';
import type { RedactHook } from './redact.js';
import type { CassetteStore } from './store.js';

/** Anything that takes MSW handlers: a `setupServer()` result, or a `setupWorker()` one. */
export interface CassetteServer {
  use(...handlers: AnyHandler[]): void;
}

/**
 * Options of `startCassette` and `withCassette`. Defaults live in `cassette/defaults.ts`.
 * @example
 * await startCassette('chat/hello', { ignoreBodyFields: ['user'], allowRepeats: true });
 */
export interface CassetteOptions {
  /**
   * `replay`, `record`, `auto` or `passthrough`. `SPARK_CASSETTE_MODE` overrides it.
   * @default "replay" when CI is set; else "auto" while the file is missing, "replay" once it exists
   */
  mode?: CassetteMode;
  /** Directory of cassette files, relative to the working directory. @default "fixtures/cassettes" */
  dir?: string;
  /**
   * Your own MSW server: the cassette's handlers are added to it with `server.use()`, and no
   * second server is started. You keep listening and closing it.
   */
  server?: CassetteServer;
  /** Body fields left out of matching (still recorded): `"user"`, `"messages[*].name"`. @default [] */
  ignoreBodyFields?: readonly string[];
  /** Header names never written to the file, request or response (matched case-insensitively). @default [] */
  ignoreHeaders?: readonly string[];
  /** Decides which recording answers a request, instead of the hash. */
  matcher?: CassetteMatcher;
  /** Replay the last of identical recordings again once all were used. @default false */
  allowRepeats?: boolean;
  /** Scrubs more than the built-in redaction, on every URL, header value and text body. */
  redact?: RedactHook;
  /** Replay `retry-after` and `retry-after-ms` as recorded, instead of 0. @default false */
  keepRetryAfter?: boolean;
  /**
   * Streams at their recorded pace: recording keeps each SSE event's time from the response's
   * start (`offsetMs`, written only with this option, so files stay free of timing noise), and
   * replay waits for it. Without it a stream replays as fast as the client reads it.
   * @default false
   */
  streamTiming?: boolean;
  /** Make recordings no request used an error at `stop()`, not a warning. @default false */
  failOnUnused?: boolean;
  /**
   * Hosts (`"db.internal"`) or `host:port` (`"127.0.0.1:5432"`) that replay may still connect to.
   * In replay, no connection opens to an origin the cassette recorded or to a host not listed
   * here, whatever the client: it fails at once with `CassetteNetworkError`. A `host:port` entry
   * also lets through an origin the cassette recorded. Other modes refuse nothing.
   * @default ["localhost", "127.0.0.1", "::1"] (loopback)
   */
  allowedHosts?: readonly string[];
  /** Where cassettes are read and written. @default the YAML file store */
  store?: CassetteStore;
  /** The test file, shown in the re-record command; found from the call stack when omitted. */
  testFile?: string;
}
