import { DEFAULT_ENCODING, type EncodingName } from 'gpt-tokenizer/mapping';
import { listedEncoding, resolveModelName } from './model-name.js';

/** The name of a BPE encoding gpt-tokenizer ships (`cl100k_base`, `o200k_base`, ...). */
export type TokenEncodingName = EncodingName;

/**
 * The tokenizer encoding of `modelId`, from gpt-tokenizer's own model → encoding map:
 * `cl100k_base` for gpt-4 and gpt-3.5-turbo, `o200k_base` for gpt-4o, the o-series, gpt-5
 * and every id it does not know (such as "llama2").
 * @default "o200k_base" when `modelId` is left out or unknown
 * @example getEncodingName("gpt-4-0613") // "cl100k_base"
 * @example getEncodingName("gpt-4o-2024-08-06") // "o200k_base"
 */
export function getEncodingName(modelId?: string): TokenEncodingName {
  const name = modelId === undefined ? undefined : resolveModelName(modelId);
  // @note gpt-tokenizer lists only the older encodings; new models default to o200k_base.
  const listed = name === undefined ? undefined : listedEncoding(name);
  return (listed as TokenEncodingName | undefined) ?? DEFAULT_ENCODING;
}
