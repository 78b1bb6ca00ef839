// spark-models/testing: models and HTTP responses for tests that need no API key.

// HTTP-level OpenAI responses
export { openaiResponses, openaiResponseData } from './openai-responses.js';
export { toResponse } from './http-response-data.js';

// Types: HTTP-level OpenAI responses
export type { OpenAIResponseBuilders, OpenAIResponseDataBuilders } from './openai-responses.js';
export type { HttpResponseData, HttpResponseOptions } from './http-response-data.js';
export type { CompletionOptions, TextCompletionOptions, ToolCallInit } from './openai-completions.js';
export type { StreamOptions } from './openai-stream.js';
export type { RateLimitOptions, ContextLengthOptions, OpenAIErrorInit } from './openai-error-bodies.js';
