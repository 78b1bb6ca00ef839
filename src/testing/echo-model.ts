import { lastUserText } from '../internal/message-text.js';
import { sleep } from '../internal/sleep.js';
import { createModelResponse, createUsage } from '../model/model-response.js';
import { planJsonOutput } from '../model/json/json-output-plan.js';
import { toJsonResponse } from '../model/json/json-response.js';
import type {
  GetJsonRequest,
  GetTextRequest,
  JsonResponse,
  JsonSchemaInput,
  JsonValueOf,
  ModelResponse,
  ModelStreamEvent,
  StreamingModel,
} from '../model/types.js';
import { countMessageTokens } from '../tokens/count-message-tokens.js';
import { countTokens } from '../tokens/count-tokens.js';
import { BUILT_CREATED, buildChatCompletion } from './chat-completion-body.js';
import { abortedCallError } from './step-errors.js';
import { streamEventsOf } from './stream-events.js';

/** Options of `EchoModel`. */
export interface EchoModelOptions {
  /** Put before the echoed text. @default "Echo: " */
  prefix?: string;
  /** Waits this long before each answer (abortable by the call's `signal`). @default 0 */
  delayMs?: number;
  /** Picks the tokenizer for usage and fills `raw.model`. @default "gpt-4o" */
  modelId?: string;
}

/**
 * A `Model` that answers with the last user text, prefixed (`"Echo: "` by default). `getJson`
 * answers `{"echo": "<prefix><text>"}`; `stream` yields the echo word by word, as
 * `OpenAIModel.stream` events. Usage is counted with the real tokenizer. For tests that need a
 * model but not a particular answer: plumbing, latency, concurrency, streaming UIs.
 * @example
 * const model = new EchoModel({ delayMs: 10 });
 * (await model.getText({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] })).content; // "Echo: Hi"
 */
export class EchoModel implements StreamingModel {
  readonly prefix: string;
  readonly delayMs: number;
  readonly modelId: string;
  /** How many calls the model has answered or is answering, streamed ones included. */
  callCount = 0;
  /** How many of those calls came through `stream()`. */
  streamCount = 0;

  constructor(options: EchoModelOptions = {}) {
    this.prefix = options.prefix ?? 'Echo: ';
    this.delayMs = options.delayMs ?? 0;
    this.modelId = options.modelId ?? 'gpt-4o';
  }

  /** Echoes the last user text. */
  getText(request: GetTextRequest): Promise<ModelResponse> {
    return this.#answer(request, (echoed) => echoed);
  }

  /** Echoes the last user text as `{"echo": ...}`, which is also `parsed`. */
  async getJson<T = never, Schema extends JsonSchemaInput | undefined = JsonSchemaInput | undefined>(
    request: GetJsonRequest<Schema>,
  ): Promise<JsonResponse<JsonValueOf<T, Schema>>> {
    const response = await this.#answer(request, (echoed) => JSON.stringify({ echo: echoed }));
    return toJsonResponse(response, planJsonOutput({}), { maxTokens: undefined });
  }

  /**
   * Streams the echo: text deltas word by word, then the `response` (the one `getText` gives).
   * @example for await (const event of new EchoModel().stream({ messages })) if (event.type === 'text') write(event.text);
   */
  async *stream(request: GetTextRequest): AsyncGenerator<ModelStreamEvent, void, undefined> {
    this.streamCount += 1;
    yield* streamEventsOf(await this.getText(request));
  }

  async #answer(request: GetTextRequest, shape: (echoed: string) => string): Promise<ModelResponse> {
    this.callCount += 1;
    try {
      await sleep(this.delayMs, request.signal);
    } catch (reason) {
      throw abortedCallError(this.modelId, reason);
    }
    const text = shape(`${this.prefix}${lastUserText(request.messages) ?? ''}`);
    const { modelId } = this;
    const inputTokens = countMessageTokens(
      request.messages,
      request.systemPrompt === undefined ? { modelId } : { modelId, systemPrompt: request.systemPrompt },
    );
    const outputTokens = countTokens(text, modelId);
    const raw = buildChatCompletion({
      id: `chatcmpl-echo-${this.callCount}`,
      created: BUILT_CREATED,
      model: modelId,
      text,
      finishReason: 'stop',
      promptTokens: inputTokens,
      completionTokens: outputTokens,
    });
    return createModelResponse({
      content: text,
      stopReason: 'end_turn',
      usage: createUsage(inputTokens, outputTokens),
      raw,
    });
  }
}
