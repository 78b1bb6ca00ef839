import type { MatcherState, SyncMatcherResult } from 'vitest';
import { requireCalls } from './observed-calls.js';

/**
 * Passes when the model (or agent) was called exactly `count` times: a ScriptedModel's
 * `calls`, an Agent's `modelCalls`, an AgentResult's `steps`, an EchoModel's `callCount`.
 * @example expect(model).toHaveModelCallCount(3);
 */
export function toHaveModelCallCount(this: MatcherState, received: unknown, count: number): SyncMatcherResult {
  const { utils, isNot } = this;
  const observed = requireCalls(received, '.toHaveModelCallCount', (value) =>
    utils.stringify(value, undefined, { min: true }),
  );
  if (!Number.isInteger(count) || count < 0) {
    throw new TypeError(
      `.toHaveModelCallCount needs a whole number of 0 or more; received ${utils.printReceived(count)}.`,
    );
  }
  const hint = utils.matcherHint('.toHaveModelCallCount', observed.kind, 'count', { isNot });
  return {
    pass: observed.modelCalls === count,
    message: (): string =>
      `${hint}\n\nExpected model calls: ${isNot ? 'not ' : ''}${utils.printExpected(count)}\nReceived model calls: ${isNot ? '    ' : ''}${utils.printReceived(observed.modelCalls)}`,
    actual: observed.modelCalls,
    expected: count,
  };
}
