/**
 * The `faults` option: answers a replayed cassette gives instead of (or on top of) its
 * recordings, chosen from a seed so the same seed gives the same faults at the same requests.
 */

/** The kinds of fault, in one `as const` list so `SPARK_FAULTS` is checked against it. */
export const FAULT_KINDS = [
  'rate_limit',
  'server_error',
  'overloaded',
  'context_window',
  'timeout',
  'connection_reset',
  'truncated_stream',
  'slow',
] as const;

/** One of `FAULT_KINDS`. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Which OpenAI API a request went to, from its path; a fault answers in that API's wording. */
export type FaultAPI = 'chat' | 'responses' | 'other';

/** A request as a rule's `when` sees it (secrets scrubbed, as it would be recorded). */
export interface FaultRequest {
  /** Its number in the cassette: 1 for the first request it saw, retries included. */
  number: number;
  method: string;
  url: string;
  /** The URL's path, such as `/v1/chat/completions`. */
  path: string;
  api: FaultAPI;
  /** The body's `model`, when it has one. */
  model: string | undefined;
  /** The names of the tools the body offers (`tools[].function.name` or `tools[].name`). */
  toolNames: string[];
  /** Whether the body asks for a stream (`stream: true`). */
  stream: boolean;
  /** The parsed JSON body (text when it is not JSON). */
  body: unknown;
}

/**
 * When a rule fires. Give `rate` (a share of requests, drawn from the seed), `on` (request
 * numbers, from 1, retries included), or `when` (a predicate); `when` with `rate` fires on that
 * share of the requests `when` accepts. `times` caps how often the rule fires in one cassette.
 */
export interface FaultTrigger {
  /** The share of requests that get this fault, from 0 to 1. */
  rate?: number;
  /** The request numbers that get this fault: `[2, 5]` is the second and the fifth request. */
  on?: readonly number[];
  /** Fires on the requests it returns true for (and then by `rate`, when given). */
  when?: (request: FaultRequest) => boolean;
  /** The most times this rule fires in one cassette. @default no limit */
  times?: number;
}

/** A 429 `rate_limit_exceeded` with `x-ratelimit-*` headers. */
export interface RateLimitFault extends FaultTrigger {
  kind: 'rate_limit';
  /** `retry-after-ms` (and `retry-after`); null sends neither, as corpus 15. @default 0, so retries do not sleep */
  retryAfterMs?: number | null;
  /** Which limit the message names. @default "requests" */
  limit?: 'requests' | 'tokens';
}

/** A 500 `server_error`, or a 502 or 503 as OpenAI's edge sends them. */
export interface ServerErrorFault extends FaultTrigger {
  kind: 'server_error';
  /** @default 500 */
  status?: 500 | 502 | 503;
  /** Sends `retry-after-ms` (real 5xx answers have none, and the SDK backs off on its own). */
  retryAfterMs?: number;
}

/** A 503 "That model is currently overloaded with other requests". */
export interface OverloadedFault extends FaultTrigger {
  kind: 'overloaded';
  /** Sends `retry-after-ms` (the real answer has none). */
  retryAfterMs?: number;
}

/** A 400 `context_length_exceeded` in the wording of the API the request went to. */
export interface ContextWindowFault extends FaultTrigger {
  kind: 'context_window';
  /** The window the chat wording names. @default 128000 */
  maxContextTokens?: number;
  /** What the chat wording says the request needed. @default 131072 */
  requestedTokens?: number;
}

/** No answer at all, until the client's signal aborts (its timeout) or the cassette stops. */
export interface TimeoutFault extends FaultTrigger {
  kind: 'timeout';
}

/** The connection drops before any answer: a network error, which the SDK retries. */
export interface ConnectionResetFault extends FaultTrigger {
  kind: 'connection_reset';
}

/** A streamed (SSE) answer cut after `afterEvents` events, without its terminal event. */
export interface TruncatedStreamFault extends FaultTrigger {
  kind: 'truncated_stream';
  /** Events sent before the cut. @default half of the recorded events, rounded down */
  afterEvents?: number;
  /** `close`: the stream just ends; `reset`: it fails with a network error. @default "close" */
  end?: 'close' | 'reset';
}

/** The recorded answer, late: `delayMs` before it, and `perEventMs` before each SSE event. */
export interface SlowFault extends FaultTrigger {
  kind: 'slow';
  /** Wait before the answer. @default 200 */
  delayMs?: number;
  /** Wait before each event of a streamed answer. @default 0 */
  perEventMs?: number;
}

/** One fault rule: a kind, when it fires, and the kind's own options. */
export type FaultRule =
  | RateLimitFault
  | ServerErrorFault
  | OverloadedFault
  | ContextWindowFault
  | TimeoutFault
  | ConnectionResetFault
  | TruncatedStreamFault
  | SlowFault;

/**
 * The `faults` option (and `SPARK_FAULTS`): a seed and rules, tried in order; the first rule
 * that fires on a request decides its fault.
 * @example { seed: 42, rules: [{ kind: 'rate_limit', rate: 0.2 }, { kind: 'timeout', on: [3] }] }
 */
export interface FaultsOptions {
  /** Any whole number from 0; the same seed gives the same faults. @default 0 */
  seed?: number;
  rules: readonly FaultRule[];
}

/** A fault a cassette injected, as `cassette.faults` lists it. */
export interface InjectedFault {
  /** The request's number in the cassette (1 for the first, retries included). */
  request: number;
  kind: FaultKind;
  /** The HTTP status answered, for the kinds that answer one. */
  status?: number;
  method: string;
  url: string;
  /** The index of the rule that fired, in `rules`. */
  rule: number;
}
