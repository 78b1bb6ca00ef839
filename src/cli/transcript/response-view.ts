import { storedBodyValue } from '../../cassette/body.js';
import type { RecordedResponse } from '../../cassette/types.js';
import { completionView } from './completion-view.js';
import { isObject } from './content-text.js';
import { errorView } from './error-view.js';
import { streamView } from './stream-view.js';
import type { ResponseView } from './types.js';

/** What a recorded response says: the reply (JSON or streamed), or the error. */
export function responseView(response: RecordedResponse): ResponseView {
  const { status, body } = response;
  if (body && 'events' in body) {
    return streamView(status, body.events);
  }
  const value = body === undefined ? undefined : storedBodyValue(body);
  if (status >= 400 || (isObject(value) && isObject(value['error']))) {
    return { status, stream: false, error: errorView(status, value) };
  }
  return { status, stream: false, ...completionView(value) };
}
