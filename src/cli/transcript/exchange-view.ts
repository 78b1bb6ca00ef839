import { storedBodyValue } from '../../cassette/body.js';
import type { RecordedInteraction, RecordedRequest } from '../../cassette/types.js';
import { isObject, stringOf } from './content-text.js';
import { requestMessages, requestTools } from './request-view.js';
import { responseView } from './response-view.js';
import type { ExchangeView } from './types.js';

/** One interaction as a transcript entry; `index` is its position in the file, from 0. */
export function exchangeView(interaction: RecordedInteraction, index: number): ExchangeView {
  const { id, request } = interaction;
  const body = requestBodyValue(request);
  const model = isObject(body) ? stringOf(body['model']) : undefined;
  const tools = requestTools(body);
  return {
    index,
    id,
    method: request.method,
    url: request.url,
    ...(model ? { model } : {}),
    ...(tools ? { tools } : {}),
    messages: requestMessages(body),
    response: responseView(interaction.response),
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
