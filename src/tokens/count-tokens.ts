import { encode } from 'gpt-tokenizer/encoding/o200k_base';

/**
 * Counts the tokens of `text` with the tokenizer of `modelId` (o200k_base, the encoding of
 * gpt-4o and newer, when the model is unknown).
 * @example countTokens("What is the capital of France?", "gpt-4o") // 7
 */
export function countTokens(text: string, _modelId: string = 'gpt-4o'): number {
  // Placeholder encoding choice; the tokens module refines it per model.
  return encode(text).length;
}
