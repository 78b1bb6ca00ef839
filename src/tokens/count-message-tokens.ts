import { contentBlocks } from '../model/message-content.js';
import type { ContentBlock, Message, ToolResultContent } from '../model/types.js';
import { countTokens } from './count-tokens.js';
import { isToolResultsOnly } from './tool-pairs.js';

/** Options of `countMessageTokens` and `truncateConversation`. */
export interface CountMessageTokensOptions {
  /** Picks the tokenizer (see `countTokens`). @default o200k_base */
  modelId?: string;
  /** Counted as one more message, as the model sends it. */
  systemPrompt?: string;
  /**
   * Tokens counted for each image block. The real cost depends on size and detail; 765 is
   * a 1024×1024 image at high detail on gpt-4o (85 base + 4 tiles × 170; low detail is 85).
   * @default 765
   */
  imageTokens?: number;
  /**
   * Tokens counted for each document block: roughly one PDF page, its page image (765) plus
   * its extracted text. Pass a larger figure for long documents.
   * @default 1500
   */
  documentTokens?: number;
  /**
   * Tokens counted for each audio block. Audio input costs about 10 tokens a second on
   * gpt-4o models; the default is half a minute of speech.
   * @default 300
   */
  audioTokens?: number;
}

/**
 * @note From OpenAI's cookbook "How to count tokens with tiktoken": every message costs 3
 * tokens plus its role, and every reply is primed with 3 more (`<|start|>assistant<|message|>`).
 */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING_TOKENS = 3;
/** Our estimate for the framing of one tool call (id, type); OpenAI does not document it. */
const TOKENS_PER_TOOL_CALL = 3;
/** What a low-detail image costs, whatever its size. */
const LOW_DETAIL_IMAGE_TOKENS = 85;

function toolResultText(content: ToolResultContent[]): string {
  return content.map((part) => ('text' in part ? part.text : JSON.stringify(part.json))).join('\n');
}

function blockTokens(block: ContentBlock, options: CountMessageTokensOptions): number {
  const { modelId } = options;
  if ('text' in block) {
    return countTokens(block.text, modelId);
  }
  if ('toolUse' in block) {
    const { name, input } = block.toolUse;
    return TOKENS_PER_TOOL_CALL + countTokens(name, modelId) + countTokens(JSON.stringify(input), modelId);
  }
  if ('toolResult' in block) {
    // Each tool result travels as its own `role: "tool"` message.
    const text = toolResultText(block.toolResult.content);
    return TOKENS_PER_MESSAGE + countTokens('tool', modelId) + countTokens(text, modelId);
  }
  if ('image' in block) {
    return block.image.detail === 'low' ? LOW_DETAIL_IMAGE_TOKENS : (options.imageTokens ?? 765);
  }
  return 'audio' in block ? (options.audioTokens ?? 300) : (options.documentTokens ?? 1500);
}

/**
 * The estimated prompt tokens of one message, without the reply priming. A message made
 * only of tool results has no framing of its own: each result is a `tool` message.
 */
export function messageTokens(message: Message, options: CountMessageTokensOptions = {}): number {
  const framing = isToolResultsOnly(message) ? 0 : TOKENS_PER_MESSAGE + countTokens(message.role, options.modelId);
  return contentBlocks(message.content).reduce((sum, block) => sum + blockTokens(block, options), framing);
}

/**
 * The estimated tokens a request costs whatever its messages: the reply priming, plus the
 * system prompt as one more message when there is one.
 */
export function fixedPromptTokens(options: CountMessageTokensOptions): number {
  const { systemPrompt, modelId } = options;
  if (systemPrompt === undefined || systemPrompt.length === 0) {
    return REPLY_PRIMING_TOKENS;
  }
  const system = TOKENS_PER_MESSAGE + countTokens('system', modelId) + countTokens(systemPrompt, modelId);
  return REPLY_PRIMING_TOKENS + system;
}

/**
 * Estimates the prompt tokens of a whole conversation as the chat completions API counts
 * them: each message's content plus 3 tokens and its role, the system prompt as one more
 * message, and 3 tokens priming the reply. Tool calls count their name and JSON arguments;
 * images, audio and documents count a fixed amount (`imageTokens` or 85 at low detail,
 * `audioTokens`, `documentTokens`). Tool
 * definitions and `response_format` schemas are not counted.
 * @param options a model id, or options with the model id and system prompt
 * @example countMessageTokens([{ role: "user", content: [{ text: "Return the name of a random city in the world." }] }], "gpt-4o-mini") // 18
 */
export function countMessageTokens(
  messages: readonly Message[],
  options: string | CountMessageTokensOptions = {},
): number {
  const resolved = typeof options === 'string' ? { modelId: options } : options;
  const content = messages.reduce((sum, message) => sum + messageTokens(message, resolved), 0);
  return fixedPromptTokens(resolved) + content;
}
