import type { RecordedInteraction } from '../cassette/types.js';
import { recordedModelCalls } from '../testing/recorded-calls.js';
import { recordedOutcome } from '../testing/recorded-outcome.js';

/** True for a `Cassette` (or a value shaped like one), running or stopped. */
export function isCassetteLike(value: Record<string, unknown>): boolean {
  return (
    typeof value['path'] === 'string' &&
    typeof value['stop'] === 'function' &&
    Array.isArray(value['handlers']) &&
    typeof value['state'] === 'string' &&
    Array.isArray(value['interactions'])
  );
}

/**
 * The tool calls in the chat completions a cassette served so far (`interactions`, streamed
 * ones assembled), and its model calls: one per call, the SDK's retries folded in, failed
 * calls included.
 */
export function cassetteCalls(cassette: Record<string, unknown>): {
  toolCalls: { name: string; input: Record<string, unknown> }[];
  modelCalls: number;
} {
  const calls = recordedModelCalls(cassette['interactions'] as readonly RecordedInteraction[]);
  const toolCalls = calls.flatMap((call) => {
    const outcome = recordedOutcome(call);
    return outcome.kind === 'response' ? outcome.response.toolUses.map(({ name, input }) => ({ name, input })) : [];
  });
  return { toolCalls, modelCalls: calls.length };
}
