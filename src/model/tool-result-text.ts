import type { ToolResultBlock } from './types.js';

/**
 * A tool result as the one string both OpenAI APIs take back (`tool` message content,
 * `function_call_output.output`): text parts as they are, JSON serialised, one per line. Neither
 * API has an error flag on it, so a failed result says so in its text.
 */
export function toolResultText({ toolResult }: ToolResultBlock): string {
  const text = toolResult.content.map((item) => ('text' in item ? item.text : JSON.stringify(item.json))).join('\n');
  return toolResult.status === 'error' && !/^error\b/i.test(text) ? `Error: ${text}` : text;
}
