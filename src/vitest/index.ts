// spark-models/vitest: matchers over ScriptedModel, Agent and their results.
// Register them with `import 'spark-models/vitest/setup'` (or `expect.extend(sparkMatchers)`).

// Matchers
export { sparkMatchers } from './matchers.js';
export { observeCalls } from './observed-calls.js';

// Types
export type { SparkMatchers } from './matchers.js';
export type { ExpectedToolCall } from './to-have-tool-call-sequence.js';
export type { ObservedCalls, ObservedToolCall } from './observed-calls.js';
