const REASONING_NAME = /^(o\d|gpt-5|codex-mini)(?!.*chat)/i;
const FINE_TUNED = /^ft:/;

// Every call asks about its model's id, which rarely changes: the last answer is kept.
let last: { modelId: string; reasoning: boolean } | undefined;

/**
 * True for OpenAI's reasoning models (o1, o3, o4-mini, gpt-5, codex-mini, and their dated and
 * fine-tuned variants), also behind a provider prefix such as "openai/o3-mini" (OpenRouter,
 * LiteLLM, Azure deployments named after the model). They take `max_completion_tokens`, a
 * `developer` message instead of `system`, and reject non-default sampling values. The
 * `gpt-5-chat` models are chat models, not reasoning ones.
 * @example isReasoningModel("openai/o3-mini") // true
 * @example isReasoningModel("gpt-5-chat-latest") // false
 */
export function isReasoningModel(modelId: string): boolean {
  if (last?.modelId !== modelId) {
    const name = modelId.slice(modelId.lastIndexOf('/') + 1).replace(FINE_TUNED, '');
    last = { modelId, reasoning: REASONING_NAME.test(name) };
  }
  return last.reasoning;
}
