import type OpenAI from 'openai';
import type { ResolvedCall } from './call-options.js';
import type { OpenAIModelConfig } from './config.js';
import type { JsonOutputPlan } from './json/json-output-plan.js';
import type { ToolInputReader } from './json/strict-tools.js';
import type { ErrorContext } from './map-error.js';
import type { OpenAIAPI } from './openai-api.js';
import type { GetTextRequest, ModelResponse, ModelStreamEvent } from './types.js';

/** The SDK's per-request options, as `CallScope.requestOptions` makes them. */
export type SdkRequestOptions = OpenAI.RequestOptions;

/** A streamed SDK response: its events, and the controller that ends the HTTP response. */
export type SdkStream = AsyncIterable<unknown> & { controller: AbortController };

/** What reading a reply needs besides the reply: what the call asked for, its tool reader, where it went. */
export interface ReplyContext {
  /** The stop sequences the call sent (a server may name the one that matched). */
  stopSequences: string[] | undefined;
  /** Whether the call asked for log probabilities. */
  logprobs: boolean;
  readToolInput: ToolInputReader | undefined;
  errors: ErrorContext;
}

/** Folds a streamed reply into events as they arrive, then into the body a plain call returns. */
export interface WireStream<Raw> {
  /** Takes one streamed event; returns the events it gives the caller. */
  add(event: unknown): ModelStreamEvent[];
  /** What the events add up to; throws when the stream ended before its reply was whole. */
  result(): Raw;
}

/**
 * One OpenAI wire format (chat completions, the Responses API): how a call becomes a request
 * body, how it is sent, and how its reply, streamed or not, becomes a `ModelResponse`.
 * `OpenAIModel` does everything else (options, JSON plans, the cache, errors) once for both.
 */
export interface Wire<Raw> {
  readonly api: OpenAIAPI;
  /** Builds the request body of one call. */
  build(config: OpenAIModelConfig, options: ResolvedCall, call: GetTextRequest, json?: JsonOutputPlan): object;
  /** Sends a body and resolves with the provider's reply. */
  create(sdk: OpenAI, body: object, requestOptions: SdkRequestOptions): Promise<Raw>;
  /** Sends a body as a streamed request. */
  createStream(sdk: OpenAI, body: object, requestOptions: SdkRequestOptions): Promise<SdkStream>;
  /** True for a reply of this wire format (a cache entry is checked before use). */
  isReply(value: unknown): value is Raw;
  /** Maps a reply to a `ModelResponse`. */
  map(raw: Raw, context: ReplyContext): ModelResponse;
  /** The refusal text of each reply choice, for `getJson`. */
  refusals(raw: Raw): (string | undefined)[];
  /** A fresh folder for one streamed reply. */
  stream(context: ReplyContext): WireStream<Raw>;
}
