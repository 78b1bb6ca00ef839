import type { CassetteError } from '../errors.js';
import { isCassetteError } from '../errors.js';

/** Marks the stand-in response that carries a cassette error to an HTTP client. */
export const CASSETTE_ERROR_ID_HEADER = 'x-spark-cassette-error-id';

// Errors by the id their response carries; old ones drop out so the map stays small.
const errors = new Map<string, CassetteError>();
const MAX_KEPT = 256;
let nextId = 0;

/**
 * The response an MSW handler answers with when the cassette fails a request (a replay miss).
 * A throw in a resolver would reach the client as a 500, which the `openai` SDK retries; this
 * is a 400 with `x-should-retry: false`, so the client fails at once with the cassette's
 * message, and `cassetteErrorFrom` gives back the original error.
 */
export function cassetteErrorResponse(error: CassetteError): Response {
  const id = String(++nextId);
  errors.set(id, error);
  if (errors.size > MAX_KEPT) {
    errors.delete(errors.keys().next().value as string);
  }
  const body = { error: { message: error.message, type: 'cassette_error', code: error.name, param: null } };
  return new Response(JSON.stringify(body), {
    status: 400,
    headers: { 'content-type': 'application/json', 'x-should-retry': 'false', [CASSETTE_ERROR_ID_HEADER]: id },
  });
}

/**
 * The cassette error behind a client's error, if any: pass what a client threw (an `openai`
 * SDK `APIError`, anything with `headers`) or the `Response` it got.
 * @example
 * try { await client.chat.completions.create(body) } catch (error) { throw cassetteErrorFrom(error) ?? error }
 */
export function cassetteErrorFrom(value: unknown): CassetteError | undefined {
  if (isCassetteError(value)) {
    return value;
  }
  const headers = typeof value === 'object' && value !== null ? (value as { headers?: unknown }).headers : undefined;
  const id =
    headers instanceof Headers
      ? headers.get(CASSETTE_ERROR_ID_HEADER)
      : typeof headers === 'object' && headers !== null
        ? (headers as Record<string, unknown>)[CASSETTE_ERROR_ID_HEADER]
        : undefined;
  return typeof id === 'string' ? errors.get(id) : undefined;
}
