import type { ChatCompletionTokenLogprob } from 'openai/resources/chat/completions';
import { mapLogprobEntries } from '../logprob-entries.js';
import type { TokenLogprob } from '../types.js';

/** Maps a choice's `logprobs.content` to `TokenLogprob`s; undefined when none were sent. */
export function mapLogprobs(
  logprobs: { content?: ChatCompletionTokenLogprob[] | null } | null | undefined,
): TokenLogprob[] | undefined {
  return mapLogprobEntries(logprobs?.content);
}
