import type { ResponseUsage } from 'openai/resources/responses/responses';
import { createUsage } from '../model-response.js';
import type { Usage } from '../types.js';

/**
 * Maps a Responses API `usage`, with the reasoning tokens
 * (`output_tokens_details.reasoning_tokens`) and the cached input tokens
 * (`input_tokens_details.cached_tokens`); 0 for whatever the server did not report.
 */
export function mapUsage(usage: ResponseUsage | null | undefined): Usage {
  const mapped = createUsage(count(usage?.input_tokens), count(usage?.output_tokens), {
    reasoningTokens: count(usage?.output_tokens_details?.reasoning_tokens),
    cachedInputTokens: count(usage?.input_tokens_details?.cached_tokens),
  });
  return usage?.total_tokens ? { ...mapped, totalTokens: usage.total_tokens } : mapped;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
