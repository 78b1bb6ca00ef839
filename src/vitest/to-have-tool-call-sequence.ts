import type { MatcherState, SyncMatcherResult } from 'vitest';
import { formatToolCalls } from './format-calls.js';
import { requireCalls, type ObservedToolCall } from './observed-calls.js';

/** One expected call: a tool name, or a name with a partial input. */
export type ExpectedToolCall = string | { name: string; input?: Record<string, unknown> };

/** Shows a received call in the form of the expected one, so the diff shows only what was asked. */
function project(call: ObservedToolCall | undefined, like: ExpectedToolCall | undefined): unknown {
  if (call === undefined) {
    return undefined;
  }
  if (typeof like === 'object' && like.input !== undefined) {
    return { name: call.name, input: call.input };
  }
  return typeof like === 'object' ? { name: call.name } : call.name;
}

/**
 * Passes when the tool calls, in order, are exactly `expected`: same length, same names, and
 * for `{ name, input }` items an input containing `input` (partial, as `toMatchObject`). A
 * failure shows expected and received sequences as a diff.
 * @example expect(agent).toHaveToolCallSequence(['search_web', { name: 'calculate', input: { expression: '14000000 * 0.15' } }]);
 */
export function toHaveToolCallSequence(
  this: MatcherState,
  received: unknown,
  expected: readonly ExpectedToolCall[],
): SyncMatcherResult {
  const { utils, isNot } = this;
  const observed = requireCalls(received, '.toHaveToolCallSequence', (value) =>
    utils.stringify(value, undefined, { min: true }),
  );
  if (!Array.isArray(expected)) {
    throw new TypeError(
      `.toHaveToolCallSequence needs an array of tool names or { name, input } objects; received ${utils.printReceived(expected)}.`,
    );
  }
  const testers = [...this.customTesters, utils.iterableEquality, utils.subsetEquality];
  const calls = observed.toolCalls;
  const pass =
    calls.length === expected.length &&
    expected.every((want, i) => {
      const call = calls[i] as ObservedToolCall;
      const wanted = typeof want === 'string' ? { name: want } : want;
      return (
        call.name === wanted.name && (wanted.input === undefined || this.equals(call.input, wanted.input, testers))
      );
    });
  const hint = utils.matcherHint('.toHaveToolCallSequence', observed.kind, 'expected', { isNot });
  return {
    pass,
    message: (): string =>
      isNot
        ? `${hint}\n\nExpected a different sequence than: ${utils.EXPECTED_COLOR(utils.stringify(expected, undefined, { min: true }))}\nReceived tool calls:\n${formatToolCalls(calls)}`
        : `${hint}\n\nExpected ${expected.length} tool call${expected.length === 1 ? '' : 's'} in this order, received ${calls.length}:\n${utils.RECEIVED_COLOR(formatToolCalls(calls))}`,
    actual: calls.map((call, i) => project(call, expected[i] ?? expected.at(-1))),
    expected,
  };
}
