import OpenAI, { APIUserAbortError } from 'openai';
import { cassetteErrorFrom } from '../cassette/msw/error-response.js';
import { getActiveCassette } from '../internal/active-cassette.js';
import { buildRequest, type CallOptions } from './build-request.js';
import {
  assertKnownOptions,
  resolveConfig,
  validateConfig,
  type OpenAIModelConfig,
  type OpenAIModelOptions,
} from './config.js';
import { ModelConfigurationError, ModelResponseError } from './errors.js';
import { parseAndValidate, toJSONSchema } from './json-output.js';
import { mapError } from './map-error.js';
import { mapResponse } from './map-response.js';
import { modelFetch } from './model-fetch.js';
import { redactSecret } from './redact-secret.js';
import { toStrictSchema } from './strict-schema.js';
import { warn } from '../internal/log.js';
import { ResponseCache } from './response-cache.js';
import { createCacheKey } from './response-cache-key.js';
import { StreamAccumulator } from './stream-accumulator.js';
import type { GetJsonRequest, GetTextRequest, ModelResponse, ModelStreamEvent, StreamingModel } from './types.js';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
// Used only while a replaying cassette answers: such a request never leaves the process.
const REPLAY_KEY = 'spark-models-replay-no-key';

/**
 * A model on OpenAI's chat completions API, or any OpenAI-compatible server (Ollama, vLLM,
 * Together, ...), over the official `openai` SDK.
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

  /** Generates a reply: text, or tool uses when `toolSpecs` are offered. */
  async getText(request: GetTextRequest & Pick<CallOptions, 'extraParams'>): Promise<ModelResponse> {
    const body = buildRequest(this.#config, this.#explicit, request);
    return mapResponse(await this.#send(body, request.signal), request.stopSequences ?? this.#config.stopSequences);
  }

  /**
   * Generates a JSON reply: JSON mode without a schema; with `jsonSchema` (JSON Schema or zod),
   * OpenAI structured outputs in strict mode, and the reply is validated against the schema.
   * `content` is the JSON text.
   */
  async getJson(request: GetJsonRequest & Pick<CallOptions, 'extraParams'>): Promise<ModelResponse> {
    const { jsonSchema, schemaName, ...rest } = request;
    const sent = jsonSchema === undefined ? undefined : toJSONSchema(jsonSchema);
    const responseFormat: CallOptions['responseFormat'] = sent
      ? sent['type'] === 'object'
        ? {
            type: 'json_schema',
            json_schema: { name: schemaName ?? 'response', schema: toStrictSchema(sent), strict: true },
          }
        : { type: 'json_schema', json_schema: { name: schemaName ?? 'response', schema: sent, strict: false } }
      : { type: 'json_object' };
    const systemPrompt = sent || mentionsJson(request) ? rest.systemPrompt : withJsonHint(rest.systemPrompt);
    const body = buildRequest(this.#config, this.#explicit, {
      ...rest,
      ...(systemPrompt === undefined ? {} : { systemPrompt }),
      responseFormat,
    });
    const response = mapResponse(await this.#send(body, request.signal), this.#config.stopSequences);
    const raw = response.raw as OpenAI.ChatCompletion;
    const refusal = raw.choices[0]?.message.refusal;
    if (refusal) {
      throw new ModelResponseError(`The model refused to answer in JSON: "${refusal}". Rephrase the request.`);
    }
    try {
      parseAndValidate(response.text, jsonSchema, sent);
    } catch (error) {
      if (response.stopReason === 'max_tokens' && error instanceof ModelResponseError) {
        throw new ModelResponseError(
          `The JSON reply was cut off by \`maxTokens\` (${this.#config.maxTokens ?? 'the provider limit'}). Raise \`maxTokens\`.`,
          { cause: error },
        );
      }
      throw error;
    }
    return response;
  }

  /**
   * Streams a reply: text deltas and tool-use events as they arrive, then the whole
   * `ModelResponse` (the same one `getText` gives) as the last event. Breaking out of the loop
   * aborts the request.
   * @example
   * for await (const event of model.stream({ messages })) {
   *   if (event.type === "text") process.stdout.write(event.text);
   * }
   */
  async *stream(
    request: GetTextRequest & Pick<CallOptions, 'extraParams'>,
  ): AsyncGenerator<ModelStreamEvent, void, undefined> {
    const body = buildRequest(this.#config, this.#explicit, request);
    const stopSequences = request.stopSequences ?? this.#config.stopSequences;
    const chunks = await this.#call((sdk) =>
      sdk.chat.completions.create(
        { ...body, stream: true, stream_options: { include_usage: true } },
        request.signal ? { signal: request.signal } : undefined,
      ),
    );
    const accumulator = new StreamAccumulator();
    try {
      for await (const chunk of chunks) {
        yield* accumulator.add(chunk);
      }
    } catch (error) {
      throw this.#mapError(error);
    } finally {
      // Ends the HTTP response when the consumer stops early; a no-op once it is complete.
      chunks.controller.abort();
    }
    // The SDK ends a stream quietly when the caller's signal aborts it: the reply was cut
    // short, so it fails as `getText` does rather than passing for a whole response.
    if (request.signal?.aborted) {
      throw this.#mapError(new APIUserAbortError());
    }
    const response = mapResponse(accumulator.toCompletion(), stopSequences);
    for (const toolUse of response.toolUses) {
      yield { type: 'toolUse', toolUse };
    }
    yield { type: 'response', response };
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

  /** The current configuration; the API key is masked. */
  getConfig(): Readonly<OpenAIModelConfig> {
    const { apiKey, ...rest } = this.#config;
    return { ...rest, apiKey: apiKey === undefined ? undefined : maskKey(apiKey) };
  }

  async #send(
    body: OpenAI.ChatCompletionCreateParamsNonStreaming,
    signal: AbortSignal | undefined,
  ): Promise<OpenAI.ChatCompletion> {
    const send = (): Promise<OpenAI.ChatCompletion> =>
      this.#call((sdk) => sdk.chat.completions.create(body, signal ? { signal } : undefined));
    const cache = this.#cache;
    if (!cache) {
      return send();
    }
    // The key holds all that changes the answer (the whole request body and the provider), never the API key.
    const key = createCacheKey({ baseUrl: this.#config.baseUrl ?? DEFAULT_BASE_URL, body });
    const hit = await cache.get(key);
    if (isChatCompletion(hit)) {
      return hit;
    }
    const completion = await send();
    await cache.set(key, completion).catch((error: unknown) => {
      warn(
        `Could not write the response cache in ${cache.dir}: ${(error as Error).message}. Set \`cacheDir\` to a writable directory.`,
      );
    });
    return completion;
  }

  async #call<T>(request: (sdk: OpenAI) => Promise<T>): Promise<T> {
    const { sdk } = this.#sdk();
    try {
      return await request(sdk);
    } catch (error) {
      throw this.#mapError(error);
    }
  }

  #mapError(error: unknown): Error {
    const cassetteError = cassetteErrorFrom(error);
    if (cassetteError) {
      return cassetteError;
    }
    const { modelId, baseUrl = DEFAULT_BASE_URL, timeout } = this.#config;
    return redactSecret(mapError(error, { modelId, baseUrl, timeout }), this.#client?.key);
  }

  #sdk(): { sdk: OpenAI; key: string } {
    const key = this.#config.apiKey ?? (getActiveCassette()?.servesWithoutKey ? REPLAY_KEY : undefined);
    if (key === undefined) {
      throw new ModelConfigurationError(
        `Missing API key for \`OpenAIModel\` "${this.#config.modelId}": set OPENAI_API_KEY or pass \`apiKey\`. ` +
          'A local server that needs none (Ollama, vLLM) takes `apiKey: "not-needed"`; tests without a key replay a cassette.',
        { option: 'apiKey' },
      );
    }
    if (this.#client?.key !== key) {
      const { baseUrl, organization, maxRetries, timeout } = this.#config;
      const sdk = new OpenAI({
        apiKey: key,
        baseURL: baseUrl ?? DEFAULT_BASE_URL,
        organization: organization ?? null,
        maxRetries,
        ...(timeout === undefined ? {} : { timeout }),
        fetch: modelFetch,
      });
      this.#client = { key, sdk };
    }
    return this.#client;
  }
}

function createCache(config: OpenAIModelConfig): ResponseCache | undefined {
  return config.enableCache
    ? new ResponseCache({ dir: config.cacheDir, ttlSeconds: config.cacheTtlSeconds, secrets: [config.apiKey] })
    : undefined;
}

function isChatCompletion(value: unknown): value is OpenAI.ChatCompletion {
  return typeof value === 'object' && value !== null && Array.isArray((value as OpenAI.ChatCompletion).choices);
}

function mentionsJson(request: GetTextRequest): boolean {
  const texts = [
    request.systemPrompt ?? '',
    ...request.messages.flatMap((m) => m.content.map((b) => ('text' in b ? b.text : ''))),
  ];
  return texts.some((text) => /json/i.test(text));
}

// OpenAI's JSON mode rejects a request whose messages never mention JSON.
function withJsonHint(systemPrompt: string | undefined): string {
  return systemPrompt ? `${systemPrompt}\n\nRespond with a single JSON object.` : 'Respond with a single JSON object.';
}

function maskKey(key: string): string {
  return key.length <= 8 ? '***' : `${key.slice(0, 3)}…${key.slice(-4)}`;
}
