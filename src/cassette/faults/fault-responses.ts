import {
  contextLengthFields,
  openaiErrorBody,
  overloadedFields,
  rateLimitShape,
  retryAfterHeaders,
  serverErrorFields,
  type OpenAIErrorFields,
} from '../../internal/openai-error-shapes.js';
import { DEFAULT_FAULT_RETRY_AFTER_MS } from '../defaults.js';
import type { FaultAPI, FaultRule } from './types.js';

/** The kinds that answer with an HTTP error instead of the recording. */
export type ErrorFaultRule = Extract<
  FaultRule,
  { kind: 'rate_limit' | 'server_error' | 'overloaded' | 'context_window' }
>;

/** What an error fault's answer is built from. */
export interface ErrorAnswerContext {
  api: FaultAPI;
  /** The request's `model`, named by a 429's message. */
  model: string | undefined;
  /** A stable `x-request-id`, derived from the seed, the cassette and the request number. */
  requestId: string;
}

/**
 * The HTTP error an error fault answers, in substance as api.openai.com answers it: status, the
 * headers the SDK and `OpenAIModel` read (`x-request-id`, `retry-after`, `retry-after-ms`,
 * `x-ratelimit-*`), and the body in the layout and wording of the API the request went to.
 */
export function errorAnswer(rule: ErrorFaultRule, context: ErrorAnswerContext): Response {
  const api = context.api === 'responses' ? 'responses' : 'chat';
  const headers: Record<string, string> = {
    'content-type': api === 'chat' ? 'application/json; charset=utf-8' : 'application/json',
    'openai-version': '2020-10-01',
    'x-request-id': context.requestId,
  };
  let status: number;
  let fields: OpenAIErrorFields;
  switch (rule.kind) {
    case 'rate_limit': {
      const wait = rule.retryAfterMs === undefined ? DEFAULT_FAULT_RETRY_AFTER_MS : rule.retryAfterMs;
      // The message and reset headers name a real-looking wait even when retries are told 0.
      const shape = rateLimitShape(rule.limit ?? 'requests', context.model ?? 'gpt-4o', wait || 120);
      Object.assign(headers, wait === null ? {} : retryAfterHeaders(wait), shape.headers);
      status = 429;
      fields = shape.fields;
      break;
    }
    case 'context_window':
      status = 400;
      fields = contextLengthFields(api, rule.maxContextTokens, rule.requestedTokens);
      break;
    case 'overloaded':
      status = 503;
      fields = overloadedFields(context.requestId);
      break;
    case 'server_error':
      status = rule.status ?? 500;
      if (status === 502) {
        // OpenAI's edge answers a 502 itself, compact and with a numeric code.
        const body = JSON.stringify({
          error: { code: 502, message: 'Bad gateway.', param: null, type: 'cf_bad_gateway' },
        });
        return new Response(body, { status, headers: { 'content-type': 'application/json' } });
      }
      fields =
        status === 503
          ? { message: 'The server is overloaded or not ready yet.', type: 'server_error', code: null }
          : serverErrorFields(context.requestId);
      break;
  }
  if ((rule.kind === 'server_error' || rule.kind === 'overloaded') && rule.retryAfterMs !== undefined) {
    headers['retry-after-ms'] = String(rule.retryAfterMs);
  }
  return new Response(openaiErrorBody(fields, api), { status, headers });
}
