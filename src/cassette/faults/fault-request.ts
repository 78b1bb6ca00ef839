import type { PreparedRequest } from '../prepare.js';
import type { FaultAPI, FaultRequest } from './types.js';

/** Which API a URL path belongs to: error wording and stream ends differ between them. */
export function apiOfPath(path: string): FaultAPI {
  if (/\/chat\/completions\/?$/.test(path)) {
    return 'chat';
  }
  return /\/responses\/?$/.test(path) ? 'responses' : 'other';
}

/** The request as a rule's `when` (and an error's wording) sees it. */
export function faultRequest(request: PreparedRequest, number: number): FaultRequest {
  const path = pathOf(request.url);
  const body = request.value;
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const tools = Array.isArray(fields['tools']) ? (fields['tools'] as unknown[]) : [];
  return {
    number,
    method: request.method,
    url: request.url,
    path,
    api: apiOfPath(path),
    model: typeof fields['model'] === 'string' ? fields['model'] : undefined,
    toolNames: tools.flatMap((tool) => {
      const spec = tool as { name?: unknown; function?: { name?: unknown } };
      const name = spec.function?.name ?? spec.name;
      return typeof name === 'string' ? [name] : [];
    }),
    stream: fields['stream'] === true,
    body,
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
