/**
 * The single source of the cassette layer's defaults: modes, where files go, which headers are
 * scrubbed or left out, and how requests match. The README option table mirrors this file.
 */

/** The cassette modes, in one `as const` list so `SPARK_CASSETTE_MODE` is checked in one line. */
export const CASSETTE_MODES = ['replay', 'record', 'auto', 'passthrough'] as const;

/**
 * `replay` never touches the network; `record` always sends real requests and overwrites the
 * file; `auto` replays what matches and records what does not; `passthrough` neither replays
 * nor records.
 */
export type CassetteMode = (typeof CASSETTE_MODES)[number];

/** The environment variable that sets the mode for a whole run, over any `mode` option. */
export const MODE_ENV_VAR = 'SPARK_CASSETTE_MODE';

/** Where cassette files go, relative to the working directory. */
export const DEFAULT_CASSETTE_DIR = 'fixtures/cassettes';

/** The file extension of a cassette. */
export const CASSETTE_EXTENSION = '.yaml';

/** The value written in place of a secret. */
export const REDACTED = 'REDACTED';

/** Headers whose values never reach disk (request and response). */
export const REDACTED_HEADERS: readonly string[] = [
  'api-key',
  'authorization',
  'cookie',
  'openai-organization',
  'openai-project',
  'proxy-authorization',
  'set-cookie',
  'x-api-key',
];

/**
 * Environment variables holding a key or an account id, scrubbed wherever their value appears
 * (an error body names the organization: "in organization org-...").
 */
export const KEY_ENV_VARS: readonly string[] = ['OPENAI_API_KEY', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID'];

/**
 * Query parameters whose value is a credential (`?key=`, `?api-key=`, `?access_token=`...),
 * scrubbed wherever it appears. The values of `REDACTED_HEADERS` are scrubbed the same way.
 */
export const SECRET_QUERY_PARAMS =
  /^(api[-_]?key|key|access[-_]?token|token|auth|secret|client[-_]?secret|password|sig|signature)$/i;

/**
 * Secrets shorter than this are not replaced in free text: a test key like "x" would otherwise
 * rewrite every letter x.
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * Transport headers never written: the stored body is decoded and whole, so its encoding,
 * length and framing are recomputed on replay (`fetch(bypass(request))` hands back a decoded
 * body, which a recorded `content-encoding` or `content-length` would no longer describe).
 */
export const TRANSPORT_HEADERS: readonly string[] = [
  'connection',
  'content-encoding',
  'content-length',
  'keep-alive',
  'transfer-encoding',
];

/** Default for the `ignoreHeaders` option: no header is left out beyond the transport ones. */
export const DEFAULT_IGNORED_HEADERS: readonly string[] = [];

/** Default for `ignoreBodyFields`: every body field takes part in the match. */
export const DEFAULT_IGNORED_BODY_FIELDS: readonly string[] = [];

/** Default for `allowRepeats`: each recording answers once, in recorded order. */
export const DEFAULT_ALLOW_REPEATS = false;

/** Default for `keepRetryAfter`: replayed `retry-after`/`retry-after-ms` become 0. */
export const DEFAULT_KEEP_RETRY_AFTER = false;

/** Default for `streamTiming`: streams are recorded without event times and replayed unpaced. */
export const DEFAULT_STREAM_TIMING = false;

/** Default for `failOnUnused`: unused recordings are a warning, not an error. */
export const DEFAULT_FAIL_ON_UNUSED = false;

/** The JSON indents a body may have to be stored as a structure and replayed byte for byte. */
export const JSON_INDENTS: readonly number[] = [0, 2, 4];

/** Where the parsed-form cache of large cassettes goes, from the working directory (git-ignored). */
export const DEFAULT_PARSED_CACHE_DIR = '.spark-cache/parsed-cassettes';

/** Environment variable naming another directory for the parsed-form cache. */
export const PARSED_CACHE_DIR_ENV_VAR = 'SPARK_CASSETTE_CACHE_DIR';

/**
 * Files smaller than this are not cached: the subset reader reads them about as fast as the
 * cache would load them. A cassette of one test of a real agent (a few calls with a long
 * history) is over it, and its replays then also keep a replay memo (load/replay-memo.ts).
 */
export const PARSED_CACHE_MIN_BYTES = 16 * 1024;

/**
 * Default for `allowedHosts`: the hosts (or `host:port`) replay may still connect to, apart from
 * the origins the cassette recorded. Loopback, so a local database or test server stays reachable.
 */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/**
 * The environment variable that turns the network guard on for a whole run, cassette or not
 * (`1` or `true`): connections to hosts other than loopback are refused, as in replay.
 */
export const BLOCK_NETWORK_ENV_VAR = 'SPARK_BLOCK_NETWORK';

/**
 * How long `stop()` waits for requests still in flight (calls started under the cassette that
 * have not finished) before it fails naming them. Requests a recording cassette already sent
 * for real are awaited to the end, so their recordings are not lost.
 */
export const STOP_WAIT_MS = 2_000;

/**
 * The cassette file's lock (`<cassette>.lock`), held while a stopping recording reads, merges
 * and writes the file. A writer waits for a live holder up to `waitMs` (inside vitest's default
 * 10 s hook timeout), longer than `staleMs`, so a holder that died is taken over while waiting.
 */
export const RECORDING_LOCK_TIMING = { waitMs: 8_000, staleMs: 6_000 } as const;

/** The environment variable that sets fault injection for a whole run (`rate_limit=0.2,seed=42`). */
export const FAULTS_ENV_VAR = 'SPARK_FAULTS';

/** Default for `faults.seed`. */
export const DEFAULT_FAULT_SEED = 0;

/** Default `retryAfterMs` of an injected 429: the SDK retries at once, so tests do not sleep. */
export const DEFAULT_FAULT_RETRY_AFTER_MS = 0;

/** Default `delayMs` of a `slow` fault. */
export const DEFAULT_SLOW_DELAY_MS = 200;
