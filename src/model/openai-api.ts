/** The OpenAI APIs `OpenAIModel` speaks: chat completions, and the Responses API. */
export const OPENAI_APIS = ['chat', 'responses'] as const;

/**
 * Which OpenAI API a model calls: `"chat"` (`POST /chat/completions`, which every
 * OpenAI-compatible server speaks) or `"responses"` (`POST /responses`, OpenAI's own).
 */
export type OpenAIAPI = (typeof OPENAI_APIS)[number];

/** How an API is named in messages: `api: "responses"`. */
export function apiOption(api: OpenAIAPI): string {
  return `\`api: "${api}"\``;
}
