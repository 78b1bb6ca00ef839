import type { ObservedToolCall } from './observed-calls.js';

/**
 * Lists tool calls one per line with their position (`  1: calculate({"expression":"6 * 7"})`),
 * only those `include` keeps, or says there were none.
 */
export function formatToolCalls(
  calls: readonly ObservedToolCall[],
  include: (call: ObservedToolCall) => boolean = () => true,
): string {
  const lines = calls.flatMap((call, i) =>
    include(call) ? [`  ${i}: ${call.name}(${JSON.stringify(call.input)})`] : [],
  );
  return lines.length === 0 ? '  (no tool calls)' : lines.join('\n');
}
