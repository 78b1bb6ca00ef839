import { createRequire } from 'node:module';
import type { EncodingName } from 'gpt-tokenizer/mapping';

/** The part of a gpt-tokenizer encoding that spark-models uses. */
export interface TokenEncoding {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}

const require = createRequire(import.meta.url);
const loaded = new Map<EncodingName, TokenEncoding>();

/**
 * The gpt-tokenizer encoding `name`, loaded on first use and kept for the process.
 *
 * @note A synchronous `require` keeps `countTokens` synchronous while loading only the
 * encodings actually used: o200k_base alone is a module of megabytes that is slow to load,
 * so a static import of every encoding would cost every importer of spark-models.
 * The `require` condition of gpt-tokenizer's exports resolves to its CommonJS build.
 */
export function loadEncoding(name: EncodingName): TokenEncoding {
  let encoding = loaded.get(name);
  if (encoding === undefined) {
    const module = require(`gpt-tokenizer/encoding/${name}`) as { default: TokenEncoding };
    encoding = module.default;
    loaded.set(name, encoding);
  }
  return encoding;
}
