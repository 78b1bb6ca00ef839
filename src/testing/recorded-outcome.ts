import { APIError } from 'openai';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { storedBodyText } from '../cassette/body.js';
import { headerValue, toHeaderPairs } from '../cassette/headers.js';
import { parseSseEvents } from '../cassette/sse.js';
import type { RecordedResponse, SseEvent } from '../cassette/types.js';
import { ModelError, ModelResponseError } from '../model/errors.js';
import { mapError } from '../model/map-error.js';
import { mapResponse } from '../model/chat/map-response.js';
import { StreamAccumulator } from '../model/chat/stream-accumulator.js';
import type { ModelResponse } from '../model/types.js';
import type { RecordedModelCall } from './recorded-calls.js';

/** What a recorded model call gave its caller: a response, or the error `OpenAIModel` raised. */
export type RecordedOutcome =
  | { kind: 'response'; response: ModelResponse; streamed: boolean }
  | { kind: 'error'; error: ModelError; providerMessage: string | undefined };

/**
 * Reads a recorded model call the way `OpenAIModel` read it live: a completion (or an SSE
 * stream folded by `StreamAccumulator`) through `mapResponse`, and an error status through the
 * SDK's own `APIError.generate` and `mapError`, so the classification (429, context window,
 * anything else) is the model's own.
 */
export function recordedOutcome(call: RecordedModelCall): RecordedOutcome {
  const { response } = call.final;
  const model = typeof call.body['model'] === 'string' ? call.body['model'] : 'unknown';
  const text = response.body === undefined ? '' : storedBodyText(response.body);
  if (response.status < 200 || response.status >= 300) {
    return errorOutcome(response, text, model);
  }
  const stop = call.body['stop'];
  const stopSequences = Array.isArray(stop) ? stop.map(String) : typeof stop === 'string' ? [stop] : undefined;
  const events = sseEventsOf(response, text);
  try {
    const completion = events ? fold(events) : (JSON.parse(text) as ChatCompletion);
    return { kind: 'response', response: mapResponse(completion, stopSequences), streamed: events !== undefined };
  } catch (error) {
    const wrapped =
      error instanceof ModelError
        ? error
        : new ModelResponseError(`The recorded response is not a chat completion: ${(error as Error).message}.`, {
            cause: error,
          });
    return { kind: 'error', error: wrapped, providerMessage: undefined };
  }
}

function sseEventsOf(response: RecordedResponse, text: string): SseEvent[] | undefined {
  if (response.body !== undefined && 'events' in response.body) {
    return response.body.events;
  }
  return headerValue(response.headers, 'content-type')?.includes('text/event-stream')
    ? (parseSseEvents(text) ?? [])
    : undefined;
}

function fold(events: readonly SseEvent[]): ChatCompletion {
  const accumulator = new StreamAccumulator();
  for (const event of events) {
    const chunk =
      event.json ?? (event.data === undefined || event.data === '[DONE]' ? undefined : JSON.parse(event.data));
    if (chunk !== undefined && chunk !== null) {
      accumulator.add(chunk as unknown as ChatCompletionChunk);
    }
  }
  return accumulator.toCompletion();
}

// As the SDK does on an error status (client.ts `makeStatusError`): a body without `error` is wrapped.
function errorOutcome(response: RecordedResponse, text: string, model: string): RecordedOutcome {
  const json = parseJson(text);
  const normalized =
    typeof json === 'object' && json !== null && (json as { error?: unknown }).error == null ? { error: json } : json;
  const sdkError = APIError.generate(
    response.status,
    normalized as object | undefined,
    json === undefined ? text : undefined,
    new Headers(toHeaderPairs(response.headers)),
  );
  const said = (sdkError.error as { message?: unknown } | undefined)?.message;
  return {
    kind: 'error',
    error: mapError(sdkError, { modelId: model, baseUrl: 'the recorded server', timeout: undefined }),
    providerMessage: typeof said === 'string' ? said : text.trim() || undefined,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
