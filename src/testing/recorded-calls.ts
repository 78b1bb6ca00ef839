import { storedBodyValue } from '../cassette/body.js';
import { headerValue } from '../cassette/headers.js';
import type { RecordedInteraction } from '../cassette/types.js';
import type { OpenAIAPI } from '../model/openai-api.js';

/** One model call in a cassette: the request (chat completions or Responses API) and what its caller saw. */
export interface RecordedModelCall {
  /** The API the call went to. */
  api: OpenAIAPI;
  /** The attempt whose response the caller got: the last one when the SDK retried. */
  final: RecordedInteraction;
  /** Every HTTP attempt of the call, first to last (more than one when the SDK retried). */
  attempts: RecordedInteraction[];
  /** The request body, parsed (`model`, `messages`, `response_format`, ...). */
  body: Record<string, unknown>;
}

/** The `openai` SDK numbers its attempts of one call in this request header, from 0. */
const RETRY_COUNT_HEADER = 'x-stainless-retry-count';

/**
 * The API of a model call: a POST to `…/chat/completions` or to `…/responses` (any host, any
 * base path); undefined for any other request (embeddings, a stored response fetched by id, ...).
 */
export function modelCallApi(interaction: RecordedInteraction): OpenAIAPI | undefined {
  const { method, url } = interaction.request;
  if (method.toUpperCase() !== 'POST') {
    return undefined;
  }
  const path = url.split('?')[0] ?? '';
  return /\/chat\/completions\/?$/.test(path) ? 'chat' : /\/responses\/?$/.test(path) ? 'responses' : undefined;
}

function retryCount(interaction: RecordedInteraction): number {
  const value = Number(headerValue(interaction.request.headers, RETRY_COUNT_HEADER) ?? 0);
  return Number.isInteger(value) && value > 0 ? value : 0;
}

/**
 * The model calls of a cassette, in recorded order: its chat completions and Responses API
 * interactions, with the SDK's own retries folded into the call they retry. A retry (`x-stainless-retry-count`
 * n > 0) joins the latest earlier call with the same request hash whose last attempt was n - 1,
 * so calls recorded in parallel stay apart. Other requests (embeddings, ...) are left out.
 */
export function recordedModelCalls(interactions: readonly RecordedInteraction[]): RecordedModelCall[] {
  const calls: RecordedModelCall[] = [];
  for (const interaction of interactions) {
    const api = modelCallApi(interaction);
    if (api === undefined) {
      continue;
    }
    const count = retryCount(interaction);
    const retried =
      count === 0
        ? undefined
        : calls.findLast((call) => call.final.hash === interaction.hash && retryCount(call.final) === count - 1);
    if (retried) {
      retried.attempts.push(interaction);
      retried.final = interaction;
      continue;
    }
    const body = interaction.request.body === undefined ? undefined : storedBodyValue(interaction.request.body);
    calls.push({ api, final: interaction, attempts: [interaction], body: isObject(body) ? body : {} });
  }
  return calls;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
