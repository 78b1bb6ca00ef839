import type {
  ContentBlock,
  ModelChoice,
  ModelResponse,
  StopReason,
  TokenLogprob,
  ToolUseBlock,
  Usage,
} from './types.js';

/** The fields of one reply; `text` and `toolUses` are derived from `content`. */
export interface ModelChoiceInit {
  content: string | ContentBlock[];
  stopReason: StopReason;
  reasoning?: string | undefined;
  logprobs?: TokenLogprob[] | undefined;
}

/** The fields a model fills in. `choices` defaults to the one reply the other fields describe. */
export interface ModelResponseInit extends ModelChoiceInit {
  /** The provider's id of the response, when it sent one. */
  id?: string | undefined;
  /** Token counts; `reasoningTokens` and `cachedInputTokens` default to 0. */
  usage: Omit<Usage, 'reasoningTokens' | 'cachedInputTokens'> & Partial<Usage>;
  raw: unknown;
  /** Every reply, when there are several (`n` > 1); the first is the response's own. */
  choices?: ModelChoiceInit[];
}

/**
 * Builds one reply. `text` and `toolUses` are getters, so that a reply whose content is edited
 * (or serialised with JSON.stringify) stays consistent.
 */
export function createModelChoice(init: ModelChoiceInit): ModelChoice {
  const { reasoning, logprobs } = init;
  return {
    content: init.content,
    stopReason: init.stopReason,
    ...(reasoning === undefined ? {} : { reasoning }),
    ...(logprobs === undefined ? {} : { logprobs }),
    get text(): string {
      return typeof this.content === 'string'
        ? this.content
        : this.content.flatMap((block) => ('text' in block ? [block.text] : [])).join('');
    },
    get toolUses(): ToolUseBlock['toolUse'][] {
      return typeof this.content === 'string'
        ? []
        : this.content.flatMap((block) => ('toolUse' in block ? [block.toolUse] : []));
    },
  };
}

/** Builds a `ModelResponse`: the first reply's fields, plus `usage`, `choices` and `raw`. */
export function createModelResponse(init: ModelResponseInit): ModelResponse {
  const { id, usage, raw, choices: inits, ...first } = init;
  const response = createModelChoice(first) as ModelResponse;
  if (id !== undefined) {
    response.id = id;
  }
  response.usage = { reasoningTokens: 0, cachedInputTokens: 0, ...usage };
  // choices[0] is a copy of the response's own reply (not the response itself, which would
  // make the response circular for JSON.stringify).
  response.choices = [createModelChoice(first), ...(inits ?? []).slice(1).map(createModelChoice)];
  response.raw = raw;
  return response;
}

/** Builds `Usage` from input and output counts, and the reasoning and cached counts when known. */
export function createUsage(
  inputTokens: number,
  outputTokens: number,
  details: { reasoningTokens?: number; cachedInputTokens?: number } = {},
): Usage {
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens,
    reasoningTokens: details.reasoningTokens ?? 0,
    cachedInputTokens: details.cachedInputTokens ?? 0,
  };
}
