import type OpenAI from 'openai';
import { APIUserAbortError } from 'openai';
import { carriedError } from '../internal/carried-error.js';
import { isZodLike } from '../internal/schema-validator.js';
import { assertCallOptions, resolveCall, type CallRequest, type ResolvedCall } from './call-options.js';
import { assertApiSupports } from './api-support.js';
import { chatWire } from './chat/wire.js';
import { assertKnownOptions, resolveConfig, type OpenAIModelConfig, type OpenAIModelOptions } from './config.js';
import { ModelConfigurationError } from './errors.js';
import { jsonModeSystemPrompt } from './json/json-hint.js';
import { planJsonOutput } from './json/json-output-plan.js';
import { toJsonResponse } from './json/json-response.js';
import { loadedZodConverter, loadZodConverter } from './json/to-json-schema.js';
import { strictToolInputReader, type ToolInputReader } from './json/strict-tools.js';
import { mapError, type ErrorContext } from './map-error.js';
import { maskConfig } from './mask-config.js';
import { CallScope } from './model-fetch.js';
import { redactSecret } from './redact-secret.js';
import { responsesWire } from './responses/wire.js';
import { warn } from '../internal/log.js';
import { ResponseCache } from './response-cache.js';
import { createCacheKey } from './response-cache-key.js';
import { createSdkClient, DEFAULT_BASE_URL } from './sdk-client.js';
import type {
  GetJsonRequest,
  GetTextRequest,
  JsonResponse,
  JsonSchemaInput,
  JsonValueOf,
  ModelResponse,
  ModelStreamEvent,
  StreamingModel,
} from './types.js';
import { validateConfig } from './validate-config.js';
import type { ReplyContext, SdkStream, Wire } from './wire.js';

// Used only while a replaying cassette answers: such a request never leaves the process.
const REPLAY_KEY = 'spark-models-replay-no-key';

/** Per-call request fields only `OpenAIModel` takes: provider-specific `extraParams`. */
type Extra = { extraParams?: Record<string, unknown> };

/**
 * A model on OpenAI's chat completions API, or any OpenAI-compatible server (Ollama, vLLM,
 * Together, ...), over the official `openai` SDK; with `api: "responses"`, on OpenAI's
 * Responses API, with the same methods, options, errors and responses.
 * @example
 * const model = new OpenAIModel({ modelId: "gpt-4o-mini" });
 * const response = await model.getText({ messages: [{ role: "user", content: [{ text: "Hi" }] }] });
 * console.log(response.content);
 * @see docs/internals.md ("The reference")
 */
export class OpenAIModel implements StreamingModel {
  #config: OpenAIModelConfig;
  #explicit: Set<string>;
  #client: { key: string; sdk: OpenAI } | undefined;
  #cache: ResponseCache | undefined;

  constructor(options: OpenAIModelOptions) {
    this.#config = resolveConfig(options);
    this.#explicit = new Set(Object.keys(options).filter((k) => options[k as keyof OpenAIModelOptions] !== undefined));
    this.#cache = createCache(this.#config);
  }

  /** The model id requests go to (`getConfig().modelId`). */
  get modelId(): string {
    return this.#config.modelId;
  }

  /** Generates a reply: text, or tool uses when `toolSpecs` are offered; `n` > 1 fills `choices`. */
  async getText(request: GetTextRequest & Extra): Promise<ModelResponse> {
    const scope = new CallScope('OpenAIModel.getText');
    try {
      const wire = this.#checkCall(request, 'getText');
      const options = resolveCall(this.#config, this.#explicit, request);
      const body = wire.build(this.#config, options, request);
      const raw = await (this.#cache
        ? this.#sendCached(scope, wire, body, request)
        : this.#send(scope, wire, body, request));
      return wire.map(raw, this.#replyContext(options, request));
    } finally {
      scope.end();
    }
  }

  /**
   * Generates a JSON reply and parses it into `parsed`. Without `jsonSchema`, JSON mode. With one
   * (JSON Schema or zod), OpenAI's strict structured outputs, and `parsed` is the reply validated
   * against the schema as you wrote it: typed by a zod schema, or by `T` for JSON Schema.
   * `strict: false` sends the schema as written and validates locally. `text` is the raw JSON.
   * @example
   * const { parsed } = await model.getJson<City>({ messages, jsonSchema: citySchema });
   */
  async getJson<T = never, Schema extends JsonSchemaInput | undefined = JsonSchemaInput | undefined>(
    request: GetJsonRequest<Schema> & Extra,
  ): Promise<JsonResponse<JsonValueOf<T, Schema>>> {
    const scope = new CallScope('OpenAIModel.getJson');
    try {
      const wire = this.#checkCall(request, 'getJson');
      // zod is imported when the first zod schema comes; after that the call goes on at once.
      const convert = isZodLike(request.jsonSchema) ? (loadedZodConverter() ?? (await loadZodConverter())) : undefined;
      const plan = planJsonOutput(request, convert);
      const { jsonSchema: _schema, schemaName: _name, strict: _strict, ...call } = request as CallRequest;
      const systemPrompt = plan.format ? call.systemPrompt : jsonModeSystemPrompt(call);
      const options = resolveCall(this.#config, this.#explicit, call);
      const body = wire.build(
        this.#config,
        options,
        { ...call, ...(systemPrompt === undefined ? {} : { systemPrompt }) },
        plan,
      );
      const raw = await (this.#cache ? this.#sendCached(scope, wire, body, call) : this.#send(scope, wire, body, call));
      const response = wire.map(raw, this.#replyContext(options, call));
      return toJsonResponse(response, plan, { maxTokens: options.maxTokens, refusals: wire.refusals(raw) });
    } finally {
      scope.end();
    }
  }

  /**
   * Streams a reply: text deltas and tool-use events as they arrive, then the whole
   * `ModelResponse` (the same one `getText` gives) as the last event. Breaking out of the loop
   * aborts the request. With `n` > 1 the events are the first choice's; the response has all.
   * @example
   * for await (const event of model.stream({ messages })) {
   *   if (event.type === "text") process.stdout.write(event.text);
   * }
   */
  async *stream(request: GetTextRequest & Extra): AsyncGenerator<ModelStreamEvent, void, undefined> {
    const scope = new CallScope('OpenAIModel.stream');
    try {
      const wire = this.#checkCall(request, 'stream');
      const options = resolveCall(this.#config, this.#explicit, request);
      const body = wire.build(this.#config, options, request);
      const events = await this.#send(scope, wire, body, request, true);
      const context = this.#replyContext(options, request);
      const folded = wire.stream(context);
      let raw: unknown;
      try {
        for await (const event of events) {
          yield* folded.add(event);
        }
        // An aborted stream ends quietly and incomplete: it fails as aborted, not as cut short.
        if (request.signal?.aborted) {
          throw new APIUserAbortError();
        }
        raw = folded.result();
      } catch (error) {
        throw this.#mapError(error, scope, request.timeout);
      } finally {
        // Ends the HTTP response when the consumer stops early; a no-op once it is complete.
        events.controller.abort();
      }
      // The SDK ends a stream quietly when the caller's signal aborts it: the reply was cut
      // short, so it fails as `getText` does rather than passing for a whole response.
      if (request.signal?.aborted) {
        throw this.#mapError(new APIUserAbortError(), scope);
      }
      const response = wire.map(raw, context);
      for (const toolUse of response.toolUses) {
        yield { type: 'toolUse', toolUse };
      }
      yield { type: 'response', response };
    } finally {
      scope.end();
    }
  }

  /** Changes options for later calls, with the constructor's validation. Unchanged on error. */
  updateConfig(partial: Partial<OpenAIModelOptions>): void {
    assertKnownOptions(partial);
    const next = { ...this.#config, ...partial } as OpenAIModelConfig;
    validateConfig(next);
    const cache = createCache(next);
    this.#config = next;
    this.#cache = cache;
    Object.keys(partial).forEach((key) => this.#explicit.add(key));
    this.#client = undefined;
  }

  /** The current configuration; the API key and credential-like header values are masked. */
  getConfig(): Readonly<OpenAIModelConfig> {
    return maskConfig(this.#config);
  }

  // Checks a call's own options (the model's were checked when set) and picks its wire format.
  #checkCall(request: object, method: 'getText' | 'getJson' | 'stream'): Wire<unknown> {
    assertCallOptions(request, method);
    const { api } = this.#config;
    assertApiSupports(api, request as Record<string, unknown>, 'call');
    return (api === 'responses' ? responsesWire : chatWire) as Wire<unknown>;
  }

  #replyContext(options: ResolvedCall, call: GetTextRequest): ReplyContext {
    return {
      stopSequences: options.stopSequences,
      logprobs: options.logprobs !== undefined && options.logprobs !== false,
      readToolInput: toolInputReader(options, call),
      errors: this.#errorContext(call.timeout),
    };
  }

  // Sends a body through the SDK, streamed or not; an SDK error becomes a `ModelError`.
  #send(scope: CallScope, wire: Wire<unknown>, body: object, call: CallRequest): Promise<unknown>;
  #send(scope: CallScope, wire: Wire<unknown>, body: object, call: CallRequest, stream: true): Promise<SdkStream>;
  async #send(
    scope: CallScope,
    wire: Wire<unknown>,
    body: object,
    call: CallRequest,
    stream = false,
  ): Promise<unknown> {
    const { sdk } = this.#sdk(scope);
    try {
      const requestOptions = scope.requestOptions(call);
      return await (stream ? wire.createStream(sdk, body, requestOptions) : wire.create(sdk, body, requestOptions));
    } catch (error) {
      throw this.#mapError(error, scope, call.timeout);
    }
  }

  // `#send` through the response cache.
  async #sendCached(scope: CallScope, wire: Wire<unknown>, body: object, call: CallRequest): Promise<unknown> {
    const cache = this.#cache as ResponseCache;
    // The key holds all that changes the answer (the whole request body, the API and the
    // provider), never the API key. Chat keys stay as they were before the Responses API.
    const { baseUrl = DEFAULT_BASE_URL, defaultQuery } = this.#config;
    const key = createCacheKey({
      baseUrl,
      body,
      ...(defaultQuery ? { query: defaultQuery } : {}),
      ...(wire.api === 'chat' ? {} : { api: wire.api }),
    });
    const hit = await cache.get(key);
    if (wire.isReply(hit)) {
      return hit;
    }
    const reply = await this.#send(scope, wire, body, call);
    await cache.set(key, reply).catch((error: unknown) => {
      warn(
        `Could not write the response cache in ${cache.dir}: ${(error as Error).message}. Set \`cacheDir\` to a writable directory.`,
      );
    });
    return reply;
  }

  // A cassette error that failed the call is thrown as it is: the one kept by the call's scope,
  // or one an MSW-served cassette carried in its response (a call that started before it).
  #mapError(error: unknown, scope: CallScope, callTimeout?: number): Error {
    const cassetteError = scope.error ?? carriedError(error);
    if (cassetteError) {
      return cassetteError;
    }
    return redactSecret(mapError(error, this.#errorContext(callTimeout)), this.#client?.key);
  }

  #errorContext(callTimeout: number | undefined): ErrorContext {
    const { modelId, baseUrl = DEFAULT_BASE_URL, api } = this.#config;
    return { modelId, baseUrl, timeout: callTimeout ?? this.#config.timeout, api };
  }

  #sdk(scope: CallScope): { sdk: OpenAI; key: string } {
    const key = this.#config.apiKey ?? (scope.cassette?.servesWithoutKey ? REPLAY_KEY : undefined);
    if (key === undefined) {
      throw new ModelConfigurationError(
        `Missing API key for \`OpenAIModel\` "${this.#config.modelId}": set OPENAI_API_KEY or pass \`apiKey\`. ` +
          'A local server that needs none (Ollama, vLLM) takes `apiKey: "not-needed"`; tests without a key replay a cassette.',
        { option: 'apiKey' },
      );
    }
    if (this.#client?.key !== key) {
      this.#client = { key, sdk: createSdkClient(this.#config, key) };
    }
    return this.#client;
  }
}

function createCache(config: OpenAIModelConfig): ResponseCache | undefined {
  return config.enableCache
    ? new ResponseCache({ dir: config.cacheDir, ttlSeconds: config.cacheTtlSeconds, secrets: [config.apiKey] })
    : undefined;
}

// Strict tools answer `null` for optional arguments left out; the reader removes those nulls.
function toolInputReader(options: ResolvedCall, call: GetTextRequest): ToolInputReader | undefined {
  return options.strictTools && call.toolSpecs && call.toolSpecs.length > 0
    ? strictToolInputReader(call.toolSpecs)
    : undefined;
}
