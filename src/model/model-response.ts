import type { ContentBlock, ModelResponse, StopReason, ToolUseBlock, Usage } from './types.js';

/** The fields a model fills in; `text` and `toolUses` are derived from `content`. */
export interface ModelResponseInit {
  content: string | ContentBlock[];
  stopReason: StopReason;
  usage: Usage;
  raw: unknown;
}

/**
 * Builds a `ModelResponse`. `text` and `toolUses` are getters, so that a response whose
 * content is edited (or serialised with JSON.stringify) stays consistent.
 */
export function createModelResponse(init: ModelResponseInit): ModelResponse {
  return {
    ...init,
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

/** Builds `Usage` from input and output counts. */
export function createUsage(inputTokens: number, outputTokens: number): Usage {
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
