// spark-models/vitest: a `test` with a `cassette` fixture, `useCassette()`, and matchers over
// ScriptedModel, Agent, their results and cassettes. Register the matchers with
// 'spark-models/vitest/setup' in `setupFiles` (or `expect.extend(sparkMatchers)`).

// Fixtures
export { test, it } from './cassette-fixture.js';
export { useCassette } from './use-cassette.js';
export { cassetteNameFor } from './cassette-name.js';

// Matchers
export { sparkMatchers } from './matchers.js';
export { observeCalls } from './observed-calls.js';

// Errors the fixtures can fail a test with
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
} from '../cassette/errors.js';

// Types: fixtures
export type { CassetteFixtureOptions, CassetteFixtures } from './cassette-fixture.js';
export type { CassetteHandle } from './use-cassette.js';
export type { NamedTask } from './cassette-name.js';

// Types: matchers
export type { SparkMatchers } from './matchers.js';
export type { ExpectedToolCall } from './to-have-tool-call-sequence.js';
export type { ObservedCalls, ObservedToolCall } from './observed-calls.js';
