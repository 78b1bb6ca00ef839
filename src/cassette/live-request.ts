import { bypass } from 'msw';
import { decodeUtf8 } from './body.js';

/** A request on its way out, from either path: the model's direct `fetch`, or MSW. */
export interface LiveRequest {
  /** Upper-case method. */
  method: string;
  url: string;
  headers: Headers;
  /** The body as text, or as bytes when it is not UTF-8; undefined when there is none. */
  body: string | Uint8Array | undefined;
  /** The caller's abort signal: a replayed stream stops when it aborts. */
  signal: AbortSignal | undefined;
  /** Sends the request for real, past MSW (`bypass`), so it is never answered by a cassette. */
  send(): Promise<Response>;
}

/**
 * A live request from `fetch(input, init)` arguments. The `openai` SDK passes a URL string,
 * a `Headers` and a string body, which are used as they are: no `Request` is built
 * on this path unless the body needs materialising (streams, form data).
 */
export async function fromFetchArguments(
  input: string | URL | Request,
  init: RequestInit | undefined,
): Promise<LiveRequest> {
  if (input instanceof Request || !isPlainBody(init?.body)) {
    return fromRequest(new Request(input, init));
  }
  const method = (init?.method ?? 'GET').toUpperCase();
  const url = String(input);
  const headers = init?.headers instanceof Headers ? init.headers : new Headers(init?.headers);
  const raw = init?.body as string | ArrayBuffer | ArrayBufferView | null | undefined;
  const text = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? raw : toText(raw);
  const body = text === '' ? undefined : text;
  const signal = init?.signal ?? undefined;
  return {
    method,
    url,
    headers,
    body,
    signal,
    send: () => globalThis.fetch(bypass(url, { method, headers, ...bodyInit(body), ...(signal ? { signal } : {}) })),
  };
}

/** A live request from a `Request` (MSW's intercepted request); its body is read here. */
export async function fromRequest(request: Request): Promise<LiveRequest> {
  const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
  const body = bytes && bytes.byteLength > 0 ? (decodeUtf8(bytes) ?? bytes) : undefined;
  const { method, url, headers, signal } = request;
  return {
    method: method.toUpperCase(),
    url,
    headers,
    body,
    signal,
    send: () => globalThis.fetch(bypass(url, { method, headers, signal, ...bodyInit(body) })),
  };
}

// Bodies that need no content-type of their own; the rest go through a `Request`.
function isPlainBody(body: RequestInit['body']): boolean {
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}

function toText(body: ArrayBuffer | ArrayBufferView): string | Uint8Array {
  const bytes =
    body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return decodeUtf8(bytes) ?? bytes;
}

function bodyInit(body: string | Uint8Array | undefined): { body?: BodyInit } {
  return body === undefined ? {} : { body: body as BodyInit };
}
