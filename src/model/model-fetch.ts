import { getActiveCassette } from '../internal/active-cassette.js';

/** Marks the stand-in response that carries a cassette error through the SDK. */
export const CASSETTE_ERROR_HEADER = 'x-spark-cassette-error';

const pending = new Map<string, Error>();
let nextId = 0;

/**
 * The `fetch` given to the openai SDK. It looks up, at call time, the active cassette's fetch or
 * else the global one, so a model built before a cassette (or an MSW server) started is still
 * covered: the SDK itself captures `fetch` once, in its constructor (NOTES.md).
 *
 * A cassette error (a replay miss) must reach the caller at once: thrown from fetch the SDK would
 * retry it as a connection error, so it travels as a 400 the SDK does not retry
 * (`x-should-retry: false`) and `takeCassetteError` hands the original error back.
 */
export async function modelFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const cassette = getActiveCassette();
  if (!cassette) {
    return globalThis.fetch(input, init);
  }
  try {
    return await cassette.fetch(input, init);
  } catch (error) {
    if (!(error instanceof Error) || !/^Cassette\w*Error$/.test(error.name)) {
      throw error;
    }
    const id = String(++nextId);
    pending.set(id, error);
    return new Response(JSON.stringify({ error: { message: error.message, type: 'cassette_error', code: null } }), {
      status: 400,
      headers: { 'content-type': 'application/json', 'x-should-retry': 'false', [CASSETTE_ERROR_HEADER]: id },
    });
  }
}

/** The cassette error an SDK error stands for, if any (removed once taken). */
export function takeCassetteError(headers: Headers | undefined): Error | undefined {
  const id = headers?.get(CASSETTE_ERROR_HEADER);
  if (!id) {
    return undefined;
  }
  const error = pending.get(id);
  pending.delete(id);
  return error;
}
