import { ModelConfigurationError } from './errors.js';

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

/** The `api` option of `owner`, checked: "chat" when not given. */
export function checkedApi(api: unknown, owner: string): OpenAIAPI {
  if (api === undefined || (OPENAI_APIS as readonly unknown[]).includes(api)) {
    return (api ?? 'chat') as OpenAIAPI;
  }
  throw new ModelConfigurationError(
    `Invalid \`api\` for ${owner}: must be "chat" or "responses", got ${JSON.stringify(api)}. Pass the \`api\` of the OpenAIModel it stands in for.`,
    { option: 'api' },
  );
}
