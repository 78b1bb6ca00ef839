import type { CompletionUsage } from 'openai/resources/completions';
import { createUsage } from '../model-response.js';
import type { Usage } from '../types.js';

/**
 * Maps a chat completion's `usage`, with the reasoning tokens
 * (`completion_tokens_details.reasoning_tokens`) and the cached prompt tokens
 * (`prompt_tokens_details.cached_tokens`); 0 for whatever the server did not report.
 */
export function mapUsage(usage: CompletionUsage | null | undefined): Usage {
  const mapped = createUsage(usage?.prompt_tokens ?? 0, usage?.completion_tokens ?? 0, {
    reasoningTokens: count(usage?.completion_tokens_details?.reasoning_tokens),
    cachedInputTokens: count(usage?.prompt_tokens_details?.cached_tokens),
  });
  // Some servers count more in the total (reasoning, tool framing) than the two parts.
  return usage?.total_tokens ? { ...mapped, totalTokens: usage.total_tokens } : mapped;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
