/**
 * An error raised before any response (a cassette's replay miss), carried to an HTTP client as
 * a response. Thrown from `fetch`, the `openai` SDK would retry it as a connection error, and
 * thrown in an MSW resolver it would reach the client as a 500, which the SDK retries too; a
 * 400 with `x-should-retry: false` reaches the client once, with the error's message.
 */

/** Marks a stand-in response whose error `carriedError` can give back. */
const CARRIED_ERROR_HEADER = 'x-spark-cassette-error-id';

// Errors by the id their response carries, for clients that only see the response (MSW's).
// Bounded: the oldest drops out past `MAX_KEPT`, long after its client has thrown.
const carried = new Map<string, Error>();
const MAX_KEPT = 256;
let nextId = 0;

/**
 * The stand-in response for `error`: a 400 with an OpenAI-shaped error body (`code` is the
 * error's name) that the SDK does not retry. With `track`, it also carries an id by which
 * `carriedError` finds the error again (the 256 most recent are kept).
 */
export function carrierResponse(error: Error, options: { track: boolean }): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-should-retry': 'false' };
  if (options.track) {
    const id = String(++nextId);
    carried.set(id, error);
    if (carried.size > MAX_KEPT) {
      carried.delete(carried.keys().next().value as string);
    }
    headers[CARRIED_ERROR_HEADER] = id;
  }
  const body = { error: { message: error.message, type: 'cassette_error', code: error.name, param: null } };
  return new Response(JSON.stringify(body), { status: 400, headers });
}

/**
 * The error a tracked stand-in response carried, from what a client threw (an `openai` SDK
 * `APIError`, anything with `headers`) or the `Response` it got; undefined for anything else.
 */
export function carriedError(value: unknown): Error | undefined {
  const headers = typeof value === 'object' && value !== null ? (value as { headers?: unknown }).headers : undefined;
  const id =
    headers instanceof Headers
      ? headers.get(CARRIED_ERROR_HEADER)
      : typeof headers === 'object' && headers !== null
        ? (headers as Record<string, unknown>)[CARRIED_ERROR_HEADER]
        : undefined;
  return typeof id === 'string' ? carried.get(id) : undefined;
}
