import { splitForStream } from './split-text.js';
import type { LogprobBody } from './chat-completion-body.js';

/** A token's log probability for a built response; `bytes` default to the token's UTF-8 bytes. */
export interface LogprobInit {
  token: string;
  logprob: number;
  /** The likeliest alternatives at this position. @default [] */
  topLogprobs?: { token: string; logprob: number }[];
}

const utf8 = (token: string): number[] => [...Buffer.from(token, 'utf8')];

/**
 * The `logprobs.content` of a reply: the given entries, or with `true` one entry per word of
 * `text` (as `splitForStream` cuts it) with made-up, deterministic log probabilities.
 */
export function logprobsBody(logprobs: true | readonly LogprobInit[], text: string): LogprobBody[] {
  const entries: LogprobInit[] =
    logprobs === true
      ? splitForStream(text).map((token, index) => ({ token, logprob: -0.0625 * ((index % 4) + 1) }))
      : [...logprobs];
  return entries.map((entry) => ({
    token: entry.token,
    logprob: entry.logprob,
    bytes: utf8(entry.token),
    top_logprobs: (entry.topLogprobs ?? []).map((top) => ({ ...top, bytes: utf8(top.token) })),
  }));
}
