import { isObject, stringOf } from './content-text.js';
import type { ErrorView } from './types.js';

/**
 * What an error body says: OpenAI's `{ error: { message, type, code } }`, the bare shape some
 * compatible servers send (`{ object: "error", message, code }`), or the text itself.
 */
export function errorView(status: number, body: unknown): ErrorView {
  const inner = isObject(body) && isObject(body['error']) ? body['error'] : isObject(body) ? body : undefined;
  if (!inner) {
    const text = typeof body === 'string' ? body.trim() : '';
    return { status, message: text === '' ? '(no message)' : text };
  }
  const type = stringOf(inner['type']);
  const code = inner['code'] === undefined || inner['code'] === null ? undefined : String(inner['code']);
  return {
    status,
    ...(type ? { type } : {}),
    ...(code ? { code } : {}),
    message: stringOf(inner['message']) ?? (typeof inner['error'] === 'string' ? inner['error'] : JSON.stringify(body)),
  };
}
