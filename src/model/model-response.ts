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

// `text` and `toolUses`: own enumerable getters, as an object literal's would be, but the same
// two functions for every reply (a literal with getters makes new ones, and slowly, each time).
const TEXT: PropertyDescriptor = {
  get(this: ModelChoice): string {
    return typeof this.content === 'string'
      ? this.content
      : this.content.flatMap((block) => ('text' in block ? [block.text] : [])).join('');
  },
  enumerable: true,
  configurable: true,
};
const TOOL_USES: PropertyDescriptor = {
  get(this: ModelChoice): ToolUseBlock['toolUse'][] {
    return typeof this.content === 'string'
      ? []
      : this.content.flatMap((block) => ('toolUse' in block ? [block.toolUse] : []));
  },
  enumerable: true,
  configurable: true,
};

/**
 * Builds one reply. `text` and `toolUses` are getters, so that a reply whose content is edited
 * (or serialised with JSON.stringify) stays consistent.
 */
export function createModelChoice(init: ModelChoiceInit): ModelChoice {
  const { reasoning, logprobs } = init;
  const choice: Record<string, unknown> = { content: init.content, stopReason: init.stopReason };
  if (reasoning !== undefined) {
    choice['reasoning'] = reasoning;
  }
  if (logprobs !== undefined) {
    choice['logprobs'] = logprobs;
  }
  Object.defineProperty(choice, 'text', TEXT);
  Object.defineProperty(choice, 'toolUses', TOOL_USES);
  return choice as unknown as ModelChoice;
}

/** Builds a `ModelResponse`: the first reply's fields, plus `usage`, `choices` and `raw`. */
export function createModelResponse(init: ModelResponseInit): ModelResponse {
  const { id, usage, raw, choices: inits } = init;
  // The first reply's fields are read from `init` itself (`createModelChoice` reads no others).
  const response = createModelChoice(init) as ModelResponse;
  if (id !== undefined) {
    response.id = id;
  }
  response.usage = { reasoningTokens: 0, cachedInputTokens: 0, ...usage };
  // choices[0] is a copy of the response's own reply (not the response itself, which would
  // make the response circular for JSON.stringify).
  const choices = [createModelChoice(init)];
  for (let index = 1; index < (inits?.length ?? 0); index++) {
    choices.push(createModelChoice((inits as ModelChoiceInit[])[index] as ModelChoiceInit));
  }
  response.choices = choices;
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
