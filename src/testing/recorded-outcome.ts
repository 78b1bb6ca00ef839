import { APIError } from 'openai';
import { storedBodyText } from '../cassette/body.js';
import { headerValue, toHeaderPairs } from '../cassette/headers.js';
import { parseSseEvents } from '../cassette/sse.js';
import type { RecordedResponse, SseEvent } from '../cassette/types.js';
import { chatWire } from '../model/chat/wire.js';
import { ModelError, ModelResponseError } from '../model/errors.js';
import { mapError, type ErrorContext } from '../model/map-error.js';
import { responsesWire } from '../model/responses/wire.js';
import type { ModelResponse } from '../model/types.js';
import type { ReplyContext, Wire } from '../model/wire.js';
import type { RecordedModelCall } from './recorded-calls.js';

/** What a recorded model call gave its caller: a response, or the error `OpenAIModel` raised. */
export type RecordedOutcome =
  | { kind: 'response'; response: ModelResponse; streamed: boolean }
  | { kind: 'error'; error: ModelError; providerMessage: string | undefined };

/**
 * Reads a recorded model call the way `OpenAIModel` read it live, through the same wire
 * format (chat completions or the Responses API): a reply, or an SSE stream folded as the model
 * folds one, mapped to a `ModelResponse`; an error status through the SDK's own
 * `APIError.generate` and `mapError`, so the classification (429, context window, anything
 * else) is the model's own. An error a stream reported (an `error` event, `response.failed`)
 * is an error outcome too.
 */
export function recordedOutcome(call: RecordedModelCall): RecordedOutcome {
  const { response } = call.final;
  const wire = (call.api === 'responses' ? responsesWire : chatWire) as Wire<unknown>;
  const model = typeof call.body['model'] === 'string' ? call.body['model'] : 'unknown';
  const errors: ErrorContext = { modelId: model, baseUrl: 'the recorded server', timeout: undefined, api: call.api };
  const text = response.body === undefined ? '' : storedBodyText(response.body);
  if (response.status < 200 || response.status >= 300) {
    return errorOutcome(response, text, errors);
  }
  const context = replyContext(call, errors);
  const events = sseEventsOf(response, text);
  try {
    const raw = events ? fold(wire, events, context) : JSON.parse(text);
    if (!wire.isReply(raw)) {
      throw new ModelResponseError(
        `The recorded response is not ${call.api === 'chat' ? 'a chat completion' : 'a Responses API response'}.`,
      );
    }
    return { kind: 'response', response: wire.map(raw, context), streamed: events !== undefined };
  } catch (error) {
    if (error instanceof ModelError) {
      // An error a stream reported keeps the provider's own event as its cause.
      const said = (error.cause as { message?: unknown } | undefined)?.message;
      return { kind: 'error', error, providerMessage: typeof said === 'string' ? said : undefined };
    }
    const wrapped = new ModelResponseError(
      `The recorded response is not ${call.api === 'chat' ? 'a chat completion' : 'a Responses API response'}: ${(error as Error).message}.`,
      { cause: error },
    );
    return { kind: 'error', error: wrapped, providerMessage: undefined };
  }
}

// What the recorded request asked for that changes how its reply reads.
function replyContext(call: RecordedModelCall, errors: ErrorContext): ReplyContext {
  const { stop, logprobs, include } = call.body;
  return {
    stopSequences: Array.isArray(stop) ? stop.map(String) : typeof stop === 'string' ? [stop] : undefined,
    logprobs: logprobs === true || (Array.isArray(include) && include.includes('message.output_text.logprobs')),
    readToolInput: undefined,
    errors,
  };
}

function sseEventsOf(response: RecordedResponse, text: string): SseEvent[] | undefined {
  if (response.body !== undefined && 'events' in response.body) {
    return response.body.events;
  }
  return headerValue(response.headers, 'content-type')?.includes('text/event-stream')
    ? (parseSseEvents(text) ?? [])
    : undefined;
}

function fold(wire: Wire<unknown>, events: readonly SseEvent[], context: ReplyContext): unknown {
  const folded = wire.stream(context);
  for (const event of events) {
    const data =
      event.json ?? (event.data === undefined || event.data === '[DONE]' ? undefined : JSON.parse(event.data));
    if (data !== undefined && data !== null) {
      folded.add(data);
    }
  }
  return folded.result();
}

// As the SDK does on an error status (client.ts `makeStatusError`): a body without `error` is wrapped.
function errorOutcome(response: RecordedResponse, text: string, errors: ErrorContext): RecordedOutcome {
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
    error: mapError(sdkError, errors),
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
