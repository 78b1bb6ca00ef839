import type { TokenLogprob } from './types.js';

/** One log-probability entry as both OpenAI APIs send it. */
interface LogprobEntry {
  token: string;
  logprob: number;
  bytes?: number[] | null;
  top_logprobs?: TopLogprob[] | null;
}

interface TopLogprob {
  token: string;
  logprob: number;
  bytes?: number[] | null;
}

/** Maps log-probability entries (chat `logprobs.content`, Responses `output_text.logprobs`); undefined when none. */
export function mapLogprobEntries(entries: readonly LogprobEntry[] | null | undefined): TokenLogprob[] | undefined {
  if (!Array.isArray(entries)) {
    return undefined;
  }
  return entries.map((entry) => ({
    token: entry.token,
    logprob: entry.logprob,
    bytes: entry.bytes ?? null,
    topLogprobs: (entry.top_logprobs ?? []).map((top: TopLogprob) => ({
      token: top.token,
      logprob: top.logprob,
      bytes: top.bytes ?? null,
    })),
  }));
}
