import type { MatcherState, SyncMatcherResult } from 'vitest';
import { formatToolCalls } from './format-calls.js';
import { requireCalls } from './observed-calls.js';

/**
 * Passes when the model or agent called tool `name` at least once, and, with `input`, with
 * input that contains it (partial match, asymmetric matchers allowed, as `toMatchObject`).
 * @example expect(agent).toHaveCalledTool('get_weather', { location: 'Paris' });
 */
export function toHaveCalledTool(
  this: MatcherState,
  received: unknown,
  name: string,
  input?: Record<string, unknown>,
): SyncMatcherResult {
  const { utils, isNot } = this;
  const observed = requireCalls(received, '.toHaveCalledTool', (value) =>
    utils.stringify(value, undefined, { min: true }),
  );
  const testers = [...this.customTesters, utils.iterableEquality, utils.subsetEquality];
  const matches = (call: { name: string; input: Record<string, unknown> }): boolean =>
    call.name === name && (input === undefined || this.equals(call.input, input, testers));
  const matching = observed.toolCalls.filter(matches);
  const wanted = utils.EXPECTED_COLOR(
    input === undefined ? name : `${name} with input containing ${utils.stringify(input, undefined, { min: true })}`,
  );
  const hint = utils.matcherHint('.toHaveCalledTool', observed.kind, input === undefined ? 'name' : 'name, input', {
    isNot,
  });
  const sameName = observed.toolCalls.filter((call) => call.name === name);
  return {
    pass: matching.length > 0,
    message: (): string =>
      isNot
        ? `${hint}\n\nExpected no call of: ${wanted}\nReceived ${matching.length} matching call${matching.length === 1 ? '' : 's'}:\n${formatToolCalls(observed.toolCalls, matches)}`
        : `${hint}\n\nExpected a call of: ${wanted}\nReceived tool calls:\n${utils.RECEIVED_COLOR(formatToolCalls(observed.toolCalls))}`,
    // A diff helps only when one call of the tool had the wrong input; otherwise the list says it all.
    ...(input !== undefined && sameName.length === 1 ? { actual: sameName[0]?.input, expected: input } : {}),
  };
}
