import { shortHash } from './chat-completion-body.js';
import type { HttpResponseData } from './http-response-data.js';
import { successHeaders } from './openai-headers.js';
import { buildResponseObject, responseId, responseOutput, type ResponseOptions } from './responses-body.js';
import { splitArguments, splitForStream } from './split-text.js';

/** A streamed Responses API reply, and how its stream ends. */
export interface ResponseStreamOptions extends ResponseOptions {
  /** The text as explicit pieces, one per `response.output_text.delta`. @default the text split before each word */
  chunks?: string[];
  /**
   * Ends the stream with a failure instead of its final event: an `error` event (as OpenAI sends
   * for a rate limit or a server error mid-stream) or `response.failed`.
   */
  failure?: { event: 'error' | 'response.failed'; code: string; message: string };
  /** Ends the stream after the output items, without a final event (a cut connection). */
  truncated?: boolean;
}

type Json = Record<string, unknown>;

/**
 * An SSE body as `POST /v1/responses` streams it (corpus 30, 31, 35): `event:`/`data:` pairs
 * numbered by `sequence_number`, `response.created` and `response.in_progress`, each output
 * item opened, filled by its deltas and closed, then `response.completed` (or
 * `response.incomplete`) holding the whole response. No `data: [DONE]`.
 */
export function buildResponseStream(options: ResponseStreamOptions): HttpResponseData {
  const id = responseId(options);
  const events: Json[] = [];
  const emit = (type: string, fields: Json): void => {
    events.push({ type, ...fields, sequence_number: events.length });
  };
  const opening = buildResponseObject({ ...options, id }, 'in_progress');
  emit('response.created', { response: opening });
  emit('response.in_progress', { response: opening });
  responseOutput(options, id).forEach((item, index) => itemEvents(item, index, options, emit));
  if (options.failure) {
    const { event, code, message } = options.failure;
    if (event === 'error') {
      emit('error', { code, message, param: null });
    } else {
      emit('response.failed', {
        response: { ...opening, status: 'failed', error: { code, message } },
      });
    }
  } else if (!options.truncated) {
    const final = buildResponseObject({ ...options, id });
    emit(options.incomplete ? 'response.incomplete' : 'response.completed', { response: final });
  }
  const body = events.map((event) => `event: ${String(event['type'])}\ndata: ${JSON.stringify(event)}\n\n`).join('');
  return { status: 200, headers: successHeaders('text/event-stream; charset=utf-8', `req_${shortHash(id, 32)}`), body };
}

function itemEvents(
  item: Json,
  index: number,
  options: ResponseStreamOptions,
  emit: (type: string, fields: Json) => void,
): void {
  const at = { output_index: index };
  const itemId = { item_id: item['id'], output_index: index };
  if (item['type'] === 'reasoning') {
    const summary = item['summary'] as Json[];
    emit('response.output_item.added', { ...at, item: { ...item, summary: [] } });
    summary.forEach((part, s) => {
      const text = String(part['text']);
      const where = { ...itemId, summary_index: s };
      emit('response.reasoning_summary_part.added', { ...where, part: { type: 'summary_text', text: '' } });
      for (const delta of splitForStream(text)) {
        emit('response.reasoning_summary_text.delta', { ...where, delta });
      }
      emit('response.reasoning_summary_text.done', { ...where, text });
      emit('response.reasoning_summary_part.done', { ...where, part });
    });
  } else if (item['type'] === 'message') {
    const [part = {}] = item['content'] as Json[];
    const where = { ...itemId, content_index: 0 };
    emit('response.output_item.added', { ...at, item: { ...item, status: 'in_progress', content: [] } });
    if (part['type'] === 'refusal') {
      emit('response.content_part.added', { ...where, part: { type: 'refusal', refusal: '' } });
      emit('response.refusal.delta', { ...where, delta: part['refusal'] });
      emit('response.refusal.done', { ...where, refusal: part['refusal'] });
    } else {
      const text = String(part['text']);
      emit('response.content_part.added', { ...where, part: { ...part, logprobs: [], text: '' } });
      for (const delta of options.chunks ?? splitForStream(text)) {
        emit('response.output_text.delta', { ...where, delta, logprobs: [] });
      }
      emit('response.output_text.done', { ...where, text, logprobs: part['logprobs'] });
    }
    emit('response.content_part.done', { ...where, part });
  } else {
    const args = String(item['arguments']);
    emit('response.output_item.added', { ...at, item: { ...item, status: 'in_progress', arguments: '' } });
    for (const delta of splitArguments(args)) {
      emit('response.function_call_arguments.delta', { ...itemId, delta });
    }
    emit('response.function_call_arguments.done', { ...itemId, arguments: args });
  }
  emit('response.output_item.done', { ...at, item });
}
