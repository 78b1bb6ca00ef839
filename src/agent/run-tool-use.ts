import type { ToolResultBlock, ToolResultContent, ToolUseBlock } from '../model/types.js';
import type { ToolLike } from '../tools/types.js';
import type { ToolCallRecord } from './types.js';

/** What running one tool use gives: the block for the model and the record for the trace. */
export interface ToolUseOutcome {
  block: ToolResultBlock;
  record: ToolCallRecord;
}

/** A tool's return value as tool-result content: strings as `{ text }`, anything else as `{ json }`. */
function toResultContent(name: string, output: unknown): ToolResultContent[] {
  if (typeof output === 'string') {
    return [{ text: output }];
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(output);
  } catch (error) {
    throw new TypeError(
      `Tool "${name}" returned a value that is not JSON-serialisable (${(error as Error).message}). Return a string or plain data.`,
    );
  }
  // JSON's own round trip: Dates become strings, `undefined` becomes null, as the model will see them.
  return [{ json: json === undefined ? null : JSON.parse(json) }];
}

/**
 * Runs one tool use. Never throws: an unknown tool, invalid input or a throwing tool becomes an
 * error result (`status: "error"`) that the model reads and can recover from.
 */
export async function runToolUse(
  use: ToolUseBlock['toolUse'],
  tools: ReadonlyMap<string, ToolLike>,
  position: { run: number; step: number },
): Promise<ToolUseOutcome> {
  const started = performance.now();
  const { toolUseId, name, input } = use;
  const done = (
    status: 'success' | 'error',
    content: ToolResultContent[],
    output: unknown,
    error: unknown,
  ): ToolUseOutcome => ({
    block: { toolResult: { toolUseId, content, status } },
    record: { ...position, toolUseId, name, input, status, output, error, durationMs: performance.now() - started },
  });
  const found = tools.get(name);
  if (!found) {
    const message = `Error: Unknown tool "${name}". Available tools: ${[...tools.keys()].join(', ') || 'none'}.`;
    return done('error', [{ text: message }], message, undefined);
  }
  try {
    const output = await found.execute(input);
    return done('success', toResultContent(name, output), output, undefined);
  } catch (error) {
    const message = `Error: ${error instanceof Error ? error.message : String(error)}`;
    return done('error', [{ text: message }], message, error);
  }
}
