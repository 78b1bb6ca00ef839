import { hasErrorName } from '../internal/error-name.js';

/**
 * The cassette error classes, under one root. Each class is a decision the user makes:
 * re-record (`CassetteMissError`), repair or re-record the file (`CassetteFormatError`),
 * let another writer finish or restore the file (`CassetteConflictError`), fix the calling code
 * (`CassetteStateError`), record again or allow a host (`CassetteNetworkError`),
 * prune stale recordings (`CassetteUnusedError`) or fix the options (`CassetteConfigurationError`).
 * Discriminate by `name` (or with `isCassetteError`), which works across realms.
 */

/** A request as an error shows it: method and URL (secrets already scrubbed). */
export interface CassetteRequestRef {
  method: string;
  url: string;
}

/** One recorded interaction as an error or summary points to it. */
export interface CassetteInteractionRef extends CassetteRequestRef {
  /** The interaction's `id` in the file. */
  id: string;
}

/** One place where a request differs from the closest recording. */
export interface CassetteDiffEntry {
  /** Where, as a path: `method`, `url`, `url.query.limit`, `body.messages[0].content`. */
  path: string;
  /** The recorded value as JSON text, or `(absent)`. */
  recorded: string;
  /** The value in the request that missed, as JSON text, or `(absent)`. */
  received: string;
}

/** The root of every error the cassette layer raises. */
export class CassetteError extends Error {
  override name: string = 'CassetteError';
  /** The cassette file concerned (absolute path); empty when the error concerns no one cassette. */
  readonly cassettePath: string;

  constructor(message: string, cassettePath: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.cassettePath = cassettePath;
  }
}

/** Why a request found no recording. */
export type CassetteMissReason = 'no-match' | 'exhausted' | 'no-file';

/** No recording matches a request, and the mode may not record: re-record the cassette. */
export class CassetteMissError extends CassetteError {
  override name = 'CassetteMissError' as const;
  /** The request that missed. */
  readonly request: CassetteRequestRef;
  /** The closest recorded request, when the cassette holds any. */
  readonly closest: CassetteInteractionRef | undefined;
  /** Where `request` differs from `closest`, path by path. */
  readonly differences: readonly CassetteDiffEntry[];
  /**
   * The same differences as text, one `path: recorded -> received` a line. A string on purpose:
   * test runners (vitest, jest) print an error's `diff` field as text.
   */
  readonly diff: string;
  /** No similar recording, all matching recordings already used, or no file at all. */
  readonly reason: CassetteMissReason;

  constructor(
    message: string,
    context: {
      cassettePath: string;
      request: CassetteRequestRef;
      closest: CassetteInteractionRef | undefined;
      diff: readonly CassetteDiffEntry[];
      reason: CassetteMissReason;
    },
  ) {
    super(message, context.cassettePath);
    this.request = context.request;
    this.closest = context.closest;
    this.differences = context.diff;
    this.diff = context.diff.map((d) => `${d.path}: ${d.recorded} -> ${d.received}`).join('\n');
    this.reason = context.reason;
  }
}

/** The cassette file cannot be read as a cassette: repair it or delete it and re-record. */
export class CassetteFormatError extends CassetteError {
  override name = 'CassetteFormatError' as const;
  /** 1-based line of the problem, when known. */
  readonly line: number | undefined;
  /** The field at fault, as a path (`interactions[2].response.status`), when known. */
  readonly field: string | undefined;

  constructor(
    message: string,
    context: { cassettePath: string; line?: number | undefined; field?: string | undefined; cause?: unknown },
  ) {
    super(message, context.cassettePath, { cause: context.cause });
    this.line = context.line;
    this.field = context.field;
  }
}

/**
 * A recording could not be saved: another writer held the cassette's lock too long, or the
 * file was deleted or damaged while this run recorded it. (Writers that finish are merged.)
 * Also raised by a replay that had to read the file after it changed on disk mid-run.
 */
export class CassetteConflictError extends CassetteError {
  override name = 'CassetteConflictError' as const;
  /** The process holding the lock, when its lock file names it. */
  readonly pid: number | undefined;

  constructor(message: string, context: { cassettePath: string; pid?: number | undefined }) {
    super(message, context.cassettePath);
    this.pid = context.pid;
  }
}

/**
 * A cassette was used out of its lifecycle: after `stop()`, while another one is active, or
 * stopped with requests still in flight (`inFlight` names them).
 */
export class CassetteStateError extends CassetteError {
  override name = 'CassetteStateError' as const;
  /** The requests still in flight when `stop()` gave up waiting for them; empty otherwise. */
  readonly inFlight: readonly string[];

  constructor(message: string, cassettePath: string, context: { inFlight?: readonly string[]; cause?: unknown } = {}) {
    super(message, cassettePath, { cause: context.cause });
    this.inFlight = context.inFlight ?? [];
  }
}

/**
 * A connection replay refused to open (or any connection, under `SPARK_BLOCK_NETWORK`): a client
 * the cassette did not intercept tried to reach the network. Record the cassette again, or let
 * the host through with `allowedHosts`.
 */
export class CassetteNetworkError extends CassetteError {
  override name = 'CassetteNetworkError' as const;
  /** The host the connection was for, as the client named it. */
  readonly host: string;
  readonly port: number;
  /** The cassette that refused it; undefined when `SPARK_BLOCK_NETWORK` did, with no cassette active. */
  readonly cassette: string | undefined;
  /** The cassette's mode; undefined with no cassette. */
  readonly mode: string | undefined;

  constructor(
    message: string,
    context: {
      cassettePath: string;
      host: string;
      port: number;
      cassette?: string | undefined;
      mode?: string | undefined;
    },
  ) {
    super(message, context.cassettePath);
    this.host = context.host;
    this.port = context.port;
    this.cassette = context.cassette;
    this.mode = context.mode;
  }
}

/** Recordings were never used while `failOnUnused` was set: prune or re-record them. */
export class CassetteUnusedError extends CassetteError {
  override name = 'CassetteUnusedError' as const;
  /** The interactions no request used. */
  readonly unused: readonly CassetteInteractionRef[];

  constructor(message: string, context: { cassettePath: string; unused: readonly CassetteInteractionRef[] }) {
    super(message, context.cassettePath);
    this.unused = context.unused;
  }
}

/**
 * An option or `SPARK_CASSETTE_MODE` holds a value the cassette layer does not accept, or a
 * hook given as an option (`redact`, `matcher`) threw (its error is the `cause`).
 */
export class CassetteConfigurationError extends CassetteError {
  override name = 'CassetteConfigurationError' as const;
  /** The option or environment variable at fault. */
  readonly option: string;

  constructor(message: string, context: { cassettePath: string; option: string; cause?: unknown }) {
    super(message, context.cassettePath, { cause: context.cause });
    this.option = context.option;
  }
}

const CASSETTE_ERROR_NAMES: ReadonlySet<string> = new Set([
  'CassetteError',
  'CassetteMissError',
  'CassetteFormatError',
  'CassetteConflictError',
  'CassetteStateError',
  'CassetteNetworkError',
  'CassetteUnusedError',
  'CassetteConfigurationError',
]);

/**
 * True for any cassette error, judged by `name` so it works across realms and bundled copies.
 * @example
 * if (isCassetteError(error) && error.name === 'CassetteMissError') { ... }
 */
export function isCassetteError(value: unknown): value is CassetteError {
  return hasErrorName(value, CASSETTE_ERROR_NAMES);
}
