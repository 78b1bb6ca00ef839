import { describe, expect, it } from 'vitest';
import { getContextWindow } from '../../src/tokens/index.js';

describe('getContextWindow', () => {
  it.each([
    ['gpt-4o', 128_000],
    ['gpt-4o-mini', 128_000],
    ['gpt-4-turbo', 128_000],
    ['gpt-4', 8_192],
    ['gpt-4-32k', 32_768],
    ['gpt-3.5-turbo', 16_385],
    ['o1', 200_000],
    ['o3-mini', 200_000],
    ['gpt-5', 400_000],
    ['gpt-4.1', 1_047_576],
  ])('returns the window gpt-tokenizer ships for "%s"', (modelId, window) => {
    expect(getContextWindow(modelId)).toBe(window);
  });

  it.each([
    ['gpt-4o-2024-08-06', 128_000],
    ['gpt-4o-2099-12-31', 128_000],
    ['gpt-4-32k-0613', 32_768],
    ['ft:gpt-4o-mini-2024-07-18:acme:support:9xYz', 128_000],
    ['openai/gpt-4o', 128_000],
    ['gpt-35-turbo', 16_385],
  ])('resolves the variant "%s" through its base model', (modelId, window) => {
    expect(getContextWindow(modelId)).toBe(window);
  });

  it.each(['llama2', 'meta-llama/Llama-2-7b-hf', 'mistral-large', '', 'constructor', 'toString', '__proto__'])(
    'returns undefined for the unknown model "%s"',
    (modelId) => {
      expect(getContextWindow(modelId)).toBeUndefined();
    },
  );

  it('returns undefined for a known model that has no context window, such as an embedding model', () => {
    expect(getContextWindow('text-embedding-3-small')).toBeUndefined();
  });
});
