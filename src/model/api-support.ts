import { ModelConfigurationError } from './errors.js';
import { apiOption, type OpenAIAPI } from './openai-api.js';

/** An option one API has no equivalent for: when a value counts as set, and why it cannot be sent. */
interface Unsupported {
  option: string;
  /** True for a value the API cannot honour (a default that changes nothing is fine). */
  isSet: (value: unknown) => boolean;
  why: string;
  /** What to do instead, besides switching API. */
  instead: string;
}

const nonZero = (value: unknown): boolean => value !== undefined && value !== 0;
const present = (value: unknown): boolean => value !== undefined;

/** What each API lacks. The other API has each of these; `OpenAIModel` maps everything else. */
const UNSUPPORTED: Record<OpenAIAPI, readonly Unsupported[]> = {
  responses: [
    {
      option: 'n',
      isSet: (v) => typeof v === 'number' && v > 1,
      why: 'the Responses API returns one reply per request',
      instead: 'make one call per reply',
    },
    {
      option: 'stopSequences',
      isSet: (v) => Array.isArray(v) && v.length > 0,
      why: 'the Responses API has no stop sequences (`stop`)',
      instead: 'remove `stopSequences`',
    },
    {
      option: 'frequencyPenalty',
      isSet: nonZero,
      why: 'the Responses API has no `frequency_penalty`',
      instead: 'leave it at 0',
    },
    {
      option: 'presencePenalty',
      isSet: nonZero,
      why: 'the Responses API has no `presence_penalty`',
      instead: 'leave it at 0',
    },
  ],
  chat: [
    {
      option: 'reasoningSummary',
      isSet: present,
      why: 'chat completions return no reasoning summary',
      instead: 'remove `reasoningSummary`',
    },
    {
      option: 'previousResponseId',
      isSet: present,
      why: 'chat completions keep no conversation on the server',
      instead: 'send the whole conversation in `messages`',
    },
  ],
};

/**
 * Refuses, before any request, an option the chosen API has no equivalent for (`n` > 1 or
 * `stopSequences` on the Responses API, `previousResponseId` on chat completions, ...), rather
 * than dropping it silently. `where` says whether the model's options or a call gave it.
 */
export function assertApiSupports(api: OpenAIAPI, options: Record<string, unknown>, where: 'options' | 'call'): void {
  const other: OpenAIAPI = api === 'chat' ? 'responses' : 'chat';
  for (const rule of UNSUPPORTED[api]) {
    const value = options[rule.option];
    if (rule.isSet(value)) {
      const place = where === 'options' ? 'the `OpenAIModel` options' : 'the call';
      throw new ModelConfigurationError(
        `Unsupported \`${rule.option}\` with ${apiOption(api)}: ${rule.why}, got ${JSON.stringify(value)}. ` +
          `${capitalize(rule.instead)} in ${place}, or use ${apiOption(other)}.`,
        { option: rule.option },
      );
    }
  }
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
