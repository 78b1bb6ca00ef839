/**
 * A plain description of an HTTP response: what the OpenAI builders produce, what a cassette
 * stores, and what `toResponse` turns into a standard `Response`.
 */
export interface HttpResponseData {
  status: number;
  /** Header names in lower case, as `Headers` gives them. */
  headers: Record<string, string>;
  /** The exact body text (JSON, or an SSE event stream). */
  body: string;
}

/** Options every OpenAI response builder takes. */
export interface HttpResponseOptions {
  /** `x-request-id`. @default a stable id derived from the body */
  requestId?: string;
  /** Extra or replacing headers (names are lower-cased). */
  headers?: Record<string, string>;
  /**
   * Sends `x-should-retry`, which the `openai` SDK obeys: `false` stops it retrying a 429 or
   * 5xx. Real OpenAI responses do not carry it. @default not sent
   */
  shouldRetry?: boolean;
}

/**
 * Turns response data into a standard `Response`, for an MSW resolver or a `fetch` stub.
 * @example http.post('https://api.openai.com/v1/chat/completions', () => toResponse(data))
 */
export function toResponse(data: HttpResponseData): Response {
  return new Response(data.body, { status: data.status, headers: data.headers });
}

/** Applies the common options to built data. */
export function withOptions(data: HttpResponseData, options: HttpResponseOptions): HttpResponseData {
  const headers = { ...data.headers };
  if (options.requestId !== undefined) {
    headers['x-request-id'] = options.requestId;
  }
  if (options.shouldRetry !== undefined) {
    headers['x-should-retry'] = String(options.shouldRetry);
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  return { ...data, headers };
}
