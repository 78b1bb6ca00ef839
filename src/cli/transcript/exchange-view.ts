import { storedBodyValue } from '../../cassette/body.js';
import type { RecordedInteraction, RecordedRequest, RecordedResponse } from '../../cassette/types.js';
import { eventJson, isObject, stringOf } from './content-text.js';
import { requestMessages, requestTools } from './request-view.js';
import { responseView } from './response-view.js';
import type { ExchangeView } from './types.js';

/** One interaction as a transcript entry; `index` is its position in the file, from 0. */
export function exchangeView(interaction: RecordedInteraction, index: number): ExchangeView {
  const { id, request, response, recordedAt } = interaction;
  const body = requestBodyValue(request);
  const model = isObject(body) ? stringOf(body['model']) : undefined;
  const tools = requestTools(body);
  const previousResponseId = isObject(body) ? stringOf(body['previous_response_id']) : undefined;
  const durationMs = responseDuration(response);
  const servedModel = responseModel(response);
  return {
    index,
    id,
    method: request.method,
    url: request.url,
    ...(model ? { model } : {}),
    ...(servedModel ? { servedModel } : {}),
    ...(tools ? { tools } : {}),
    ...(previousResponseId ? { previousResponseId } : {}),
    messages: requestMessages(body),
    response: responseView(response),
    recordedAt,
    ...(durationMs === undefined ? {} : { durationMs }),
  };
}

/** The `model` a request named, if any. */
export function requestModel(request: RecordedRequest): string | undefined {
  const body = requestBodyValue(request);
  return isObject(body) ? stringOf(body['model']) : undefined;
}

function requestBodyValue(request: RecordedRequest): unknown {
  return request.body === undefined ? undefined : storedBodyValue(request.body);
}

// The cassette keeps no clock but `recordedAt`: a stream's event offsets (with `streamTiming`)
// are what the client saw; OpenAI's processing-time header is the server's own count.
function responseDuration(response: RecordedResponse): number | undefined {
  const events = response.body && 'events' in response.body ? response.body.events : [];
  const offset = events.at(-1)?.offsetMs;
  if (offset !== undefined) {
    return offset;
  }
  const header = response.headers['openai-processing-ms'];
  const ms = Number(Array.isArray(header) ? header[0] : header);
  return header !== undefined && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

// A JSON body names it at the top (chat, Responses API); a stream in each chunk, or in the
// `response` object of its Responses API events.
function responseModel(response: RecordedResponse): string | undefined {
  const { body } = response;
  const values = !body ? [] : 'events' in body ? body.events.map(eventJson) : [storedBodyValue(body)];
  for (const value of values) {
    const found = isObject(value)
      ? (stringOf(value['model']) ?? (isObject(value['response']) ? stringOf(value['response']['model']) : undefined))
      : undefined;
    if (found) {
      return found;
    }
  }
  return undefined;
}
