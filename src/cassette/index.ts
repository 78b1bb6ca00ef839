/**
 * `spark-models/cassette`: record real HTTP traffic once into readable YAML files and replay it
 * offline, for `OpenAIModel`, the raw `openai` SDK, `fetch` and any other client.
 */

// Lifecycle
export { startCassette, cassettePath } from './start-cassette.js';
export { withCassette } from './with-cassette.js';
export { Cassette } from './cassette.js';

// Interception
export { installCassetteInterceptor, isCassetteInterceptorInstalled } from './msw/interceptor.js';
export { cassetteErrorFrom } from './msw/error-response.js';

// Storage and format
export { fileStore } from './store.js';
export { parseCassette, serializeCassette } from './format.js';

// Defaults and modes
export {
  BLOCK_NETWORK_ENV_VAR,
  CASSETTE_MODES,
  DEFAULT_ALLOWED_HOSTS,
  DEFAULT_CASSETTE_DIR,
  MODE_ENV_VAR,
  REDACTED,
  REDACTED_HEADERS,
} from './defaults.js';
export { resolveMode, isCassetteMode } from './mode.js';

// Errors
export {
  CassetteError,
  CassetteMissError,
  CassetteFormatError,
  CassetteConflictError,
  CassetteStateError,
  CassetteNetworkError,
  CassetteUnusedError,
  CassetteConfigurationError,
  isCassetteError,
} from './errors.js';

// Types: lifecycle and options
export type { CassetteState, CassetteSummary, StopOptions } from './cassette.js';
export type { CassetteOptions, CassetteServer } from './options.js';
export type { CassetteMode } from './defaults.js';

// Types: matching and redaction seams
export type { CassetteMatcher, MatchableRequest } from './match.js';
export type { RedactHook, RedactContext } from './redact.js';
export type { CassetteStore } from './store.js';

// Types: errors' context
export type { CassetteDiffEntry, CassetteInteractionRef, CassetteMissReason, CassetteRequestRef } from './errors.js';

// Types: the file format
export type {
  CassetteFile,
  HeaderMap,
  JsonValue,
  Provenance,
  RecordedInteraction,
  RecordedRequest,
  RecordedResponse,
  SseEvent,
  StoredBody,
} from './types.js';
