import { modelSpec, resolveModelName } from './model-name.js';

/**
 * The context window of `modelId` in tokens, from the model specs gpt-tokenizer ships.
 * Dated and fine-tuned variants use their base model ("gpt-4o-2024-08-06" and
 * "ft:gpt-4o-mini:acme::x1" resolve like "gpt-4o" and "gpt-4o-mini"). `undefined` for
 * models it does not know, such as "llama2" or a model served by Ollama.
 * @example getContextWindow("gpt-4o") // 128000
 * @example getContextWindow("gpt-3.5-turbo") // 16385
 * @example getContextWindow("llama2") // undefined
 */
export function getContextWindow(modelId: string): number | undefined {
  const name = resolveModelName(modelId);
  const contextWindow = name === undefined ? undefined : modelSpec(name)?.context_window;
  return typeof contextWindow === 'number' && contextWindow > 0 ? contextWindow : undefined;
}
