import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { ModelAPIError } from '../errors.js';
import { errorForStatus, type ErrorContext } from '../map-error.js';
import type { ModelStreamEvent } from '../types.js';

/**
 * Folds a Responses API stream: text and function-call argument deltas become events as they
 * arrive, and the final `response.completed` (or `response.incomplete`, when a limit cut the
 * reply) carries the whole response, which `mapResponsesResponse` reads as for a plain call.
 * `response.failed` raises the error it reports; a stream that ends before its final event
 * is an error too, never a reply that passes for whole.
 */
export class ResponsesStreamAccumulator {
  readonly #errors: ErrorContext;
  // `function_call_arguments.delta` names the item; the caller knows the call by its `call_id`.
  readonly #callIds = new Map<string, string>();
  #final: Response | undefined;

  constructor(errors: ErrorContext) {
    this.#errors = errors;
  }

  /** Takes one event; returns the events it produced. */
  add(event: ResponseStreamEvent): ModelStreamEvent[] {
    switch (event.type) {
      case 'response.output_text.delta':
        return event.delta ? [{ type: 'text', text: event.delta }] : [];
      case 'response.output_item.added': {
        const { item } = event;
        if (item.type !== 'function_call') {
          return [];
        }
        this.#callIds.set(item.id ?? item.call_id, item.call_id);
        return [{ type: 'toolUseStart', toolUseId: item.call_id, name: item.name }];
      }
      case 'response.function_call_arguments.delta':
        return event.delta
          ? [
              {
                type: 'toolUseDelta',
                toolUseId: this.#callIds.get(event.item_id) ?? event.item_id,
                inputDelta: event.delta,
              },
            ]
          : [];
      case 'response.completed':
      case 'response.incomplete':
        this.#final = event.response;
        return [];
      case 'response.failed':
        throw this.#failure(event.response.error?.code, event.response.error?.message);
      // The SDK throws on an `error` event itself; a recorded stream read back arrives here.
      case 'error':
        throw this.#failure(event.code, event.message);
      default:
        return [];
    }
  }

  #failure(code: string | null | undefined, message: string | undefined): Error {
    return errorForStatus(
      {
        status: undefined,
        code: code ?? undefined,
        message: message ?? 'The response failed.',
        headers: undefined,
        requestId: undefined,
        cause: { code, message },
      },
      this.#errors,
    );
  }

  /** The whole response, from the stream's final event. */
  toResponse(): Response {
    if (!this.#final) {
      throw new ModelAPIError(
        `The response stream from ${this.#errors.baseUrl} ended before its final event (\`response.completed\`): the reply is incomplete. Retry the call.`,
        { code: 'stream_incomplete' },
      );
    }
    return this.#final;
  }
}
