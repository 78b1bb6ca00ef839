import type { ToolResultBlock } from './types.js';

type Part = ToolResultBlock['toolResult']['content'][number];

const ERROR_PREFIX = /^error\b/i;

/**
 * A tool result as the one string both OpenAI APIs take back (`tool` message content,
 * `function_call_output.output`): text parts as they are, JSON serialised, one per line. Neither
 * API has an error flag on it, so a failed result says so in its text.
 */
export function toolResultText({ toolResult }: ToolResultBlock): string {
  const { content } = toolResult;
  // Most results hold one part: no list to map and join for them.
  const text = content.length === 1 ? asJoined(partText(content[0] as Part)) : content.map(partText).join('\n');
  return toolResult.status === 'error' && !ERROR_PREFIX.test(text) ? `Error: ${text}` : text;
}

function partText(item: Part): string | undefined {
  return 'text' in item ? item.text : JSON.stringify(item.json);
}

// A one-part list joined: a missing part (JSON.stringify of undefined) counts as empty.
function asJoined(part: string | undefined): string {
  return part == null ? '' : String(part);
}
