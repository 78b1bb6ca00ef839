import type { Message } from '../model/types.js';
import { getContextWindow } from './context-window.js';
import { fixedPromptTokens, messageTokens, type CountMessageTokensOptions } from './count-message-tokens.js';
import { groupToolPairs, isToolResultsOnly } from './tool-pairs.js';

/** Options of `truncateConversation`. */
export interface TruncateConversationOptions extends CountMessageTokensOptions {
  /**
   * The prompt budget in tokens, system prompt and reply priming included. Leave room for
   * the reply: for example `getContextWindow(modelId) - maxReplyTokens`.
   * @default the context window of `modelId` (see `getContextWindow`)
   */
  maxTokens?: number;
}

function budgetOf(options: TruncateConversationOptions): number {
  const { maxTokens, modelId } = options;
  if (maxTokens === undefined) {
    const window = modelId === undefined ? undefined : getContextWindow(modelId);
    if (window === undefined) {
      throw new RangeError(
        `Missing \`maxTokens\`: ${modelId === undefined ? 'no `modelId` was given' : `the context window of "${modelId}" is not known`}, so there is no default budget. ` +
          "Pass `maxTokens`, such as the model's context window minus room for the reply.",
      );
    }
    return window;
  }
  if (!Number.isFinite(maxTokens) || maxTokens < 0) {
    throw new RangeError(
      `Invalid \`maxTokens\`: must be a non-negative number of tokens, got "${String(maxTokens)}". ` +
        'Pass the prompt budget, such as `getContextWindow(modelId) - 4096`.',
    );
  }
  return maxTokens;
}

/**
 * Keeps the newest messages whose estimated total (see `countMessageTokens`) fits
 * `maxTokens`, walking back from the end and stopping at the first message that does not
 * fit, so the result is always a contiguous tail of the conversation. An assistant message
 * with tool calls and the user message holding their results are kept or dropped together,
 * and the result never starts with a user message of tool results only (an orphan the API
 * rejects). Returns a new array; the input is not changed.
 *
 * When even the newest message (or tool pair) does not fit, the result is `[]`: a prompt
 * known to exceed the budget would only fail at the provider. Check for an empty result.
 * Without `maxTokens` the budget is the context window of `modelId`.
 * @example
 * const kept = truncateConversation(messages, { modelId: "gpt-4o", systemPrompt }); // fits 128,000 tokens
 * @example
 * const window = getContextWindow("gpt-4o") ?? 128_000;
 * const kept = truncateConversation(messages, { maxTokens: window - 4_096, modelId: "gpt-4o", systemPrompt });
 */
export function truncateConversation<T extends Message>(
  messages: readonly T[],
  options: TruncateConversationOptions,
): T[] {
  const budget = budgetOf(options);
  let total = fixedPromptTokens(options);
  let start = messages.length;
  for (const [from, to] of groupToolPairs(messages).toReversed()) {
    const cost = messages.slice(from, to).reduce((sum, message) => sum + messageTokens(message, options), 0);
    if (total + cost > budget) {
      break;
    }
    total += cost;
    start = from;
  }
  // Only a tool-results turn whose tool calls were cut off can open the kept tail.
  while (isToolResultsOnly(messages[start])) {
    start += 1;
  }
  return messages.slice(start);
}
