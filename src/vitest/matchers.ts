import type { FaultKind } from '../cassette/faults/types.js';
import { toHaveCalledTool } from './to-have-called-tool.js';
import { toHaveInjectedFault } from './to-have-injected-fault.js';
import { toHaveModelCallCount } from './to-have-model-call-count.js';
import { toHaveToolCallSequence, type ExpectedToolCall } from './to-have-tool-call-sequence.js';

/**
 * The spark-models matchers, for `expect.extend`. Importing `spark-models/vitest/setup` (or
 * listing it in `setupFiles`) registers them for you.
 * @example
 * import { expect } from 'vitest';
 * import { sparkMatchers } from 'spark-models/vitest';
 * expect.extend(sparkMatchers);
 */
export const sparkMatchers = { toHaveCalledTool, toHaveToolCallSequence, toHaveModelCallCount, toHaveInjectedFault };

/** The matchers' signatures, merged into vitest's `Matchers` by the setup module. */
export interface SparkMatchers<R = unknown> {
  /** The model or agent called tool `name` at least once (with `input` contained in its input, when given). */
  toHaveCalledTool(name: string, input?: Record<string, unknown>): R;
  /** The tool calls are exactly these, in this order (names, or `{ name, input }` with partial input). */
  toHaveToolCallSequence(expected: readonly ExpectedToolCall[]): R;
  /** The model or agent made exactly `count` model calls. */
  toHaveModelCallCount(count: number): R;
  /** The cassette injected a fault (of `kind`, when given), by its `faults` option or `SPARK_FAULTS`. */
  toHaveInjectedFault(kind?: FaultKind): R;
}

declare module 'vitest' {
  // Merges with vitest's own `Matchers<R, T>` (the parameter names must match its declaration),
  // typing expect(...).toHaveCalledTool and friends wherever spark-models/vitest is imported.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Matchers<R, T> extends SparkMatchers<R> {}
}
