import { describe, expect, it } from 'vitest';
import { countTokens, getEncodingName } from '../../src/tokens/index.js';

describe('countTokens', () => {
  it('counts "hello world" as 2 tokens in both cl100k_base and o200k_base', () => {
    expect(countTokens('hello world', 'gpt-4')).toBe(2);
    expect(countTokens('hello world', 'gpt-4o')).toBe(2);
  });

  it('uses cl100k_base for gpt-4 and gpt-3.5-turbo and o200k_base for gpt-4o', () => {
    // Japanese text is where the larger o200k vocabulary shows.
    const text = 'こんにちは、世界';
    expect(countTokens(text, 'gpt-4')).toBe(5);
    expect(countTokens(text, 'gpt-3.5-turbo')).toBe(5);
    expect(countTokens(text, 'gpt-4o')).toBe(3);
    expect(countTokens('Здравствуй, мир', 'gpt-4-0613')).toBe(8);
    expect(countTokens('Здравствуй, мир', 'gpt-4o-mini')).toBe(6);
  });

  it('uses o200k_base when the model is unknown or left out', () => {
    expect(countTokens('こんにちは、世界', 'llama2')).toBe(3);
    expect(countTokens('こんにちは、世界')).toBe(3);
  });

  it('counts the documented example prompt as 7 tokens', () => {
    expect(countTokens('What is the capital of France?', 'gpt-4o')).toBe(7);
  });

  it('returns 0 for an empty string', () => {
    expect(countTokens('', 'gpt-4')).toBe(0);
  });

  it('counts special-token text as ordinary text instead of throwing', () => {
    expect(countTokens('<|endoftext|>', 'gpt-4o')).toBe(7);
    expect(countTokens('<|im_start|>', 'gpt-4')).toBeGreaterThan(1);
  });
});

describe('getEncodingName', () => {
  it.each([
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-0613', 'cl100k_base'],
    ['gpt-4-32k-0613', 'cl100k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo-16k', 'cl100k_base'],
    ['gpt-35-turbo', 'cl100k_base'],
    ['ft:gpt-3.5-turbo-0125:acme::abc123', 'cl100k_base'],
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-2024-08-06', 'o200k_base'],
    ['gpt-4o-2099-01-01', 'o200k_base'],
    ['openai/gpt-4o-mini', 'o200k_base'],
    ['gpt-4.1', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['gpt-oss-20b', 'o200k_harmony'],
    ['davinci', 'r50k_base'],
    ['llama2', 'o200k_base'],
    ['constructor', 'o200k_base'],
    ['', 'o200k_base'],
  ])('maps "%s" to %s', (modelId, encoding) => {
    expect(getEncodingName(modelId)).toBe(encoding);
  });

  it('maps a missing model id to o200k_base', () => {
    expect(getEncodingName()).toBe('o200k_base');
  });
});
