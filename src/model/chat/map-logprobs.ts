import type { ChatCompletionTokenLogprob } from 'openai/resources/chat/completions';
import type { TokenLogprob } from '../types.js';

/** Maps a choice's `logprobs.content` to `TokenLogprob`s; undefined when none were sent. */
export function mapLogprobs(
  logprobs: { content?: ChatCompletionTokenLogprob[] | null } | null | undefined,
): TokenLogprob[] | undefined {
  const content = logprobs?.content;
  if (!Array.isArray(content)) {
    return undefined;
  }
  return content.map((entry) => ({
    token: entry.token,
    logprob: entry.logprob,
    bytes: entry.bytes ?? null,
    topLogprobs: (entry.top_logprobs ?? []).map((top) => ({
      token: top.token,
      logprob: top.logprob,
      bytes: top.bytes ?? null,
    })),
  }));
}
