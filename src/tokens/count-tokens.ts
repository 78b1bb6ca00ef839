import { getEncodingName } from './encoding-for-model.js';
import { loadEncoding } from './load-encoding.js';

// Special-token text such as "<|endoftext|>" is counted as ordinary text, as the API does
// with message content, instead of making gpt-tokenizer throw.
const ORDINARY_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * Counts the tokens of `text` with the tokenizer of `modelId`: `cl100k_base` for gpt-4 and
 * gpt-3.5-turbo, `o200k_base` for gpt-4o, the o-series, gpt-5 and unknown models. The
 * encoding is loaded on the first call that needs it (a noticeable wait), then cached.
 * @example countTokens("hello world") // 2
 * @example countTokens("What is the capital of France?", "gpt-4o") // 7
 */
export function countTokens(text: string, modelId?: string): number {
  if (text.length === 0) {
    return 0;
  }
  return loadEncoding(getEncodingName(modelId)).countTokens(text, ORDINARY_TEXT);
}
