// spark-models/testing: models and HTTP responses for tests that need no API key.

// Models
export { ScriptedModel } from './scripted-model.js';
export { EchoModel } from './echo-model.js';
export { reply } from './reply.js';
export { isScriptStep } from './script-steps.js';

// HTTP-level OpenAI responses
export { openaiResponses, openaiResponseData } from './openai-responses.js';
export { toResponse } from './http-response-data.js';

// Errors: a broken script, and the model errors scripted steps throw
export { ScriptedModelError, isScriptedModelError } from './scripted-model-error.js';
export {
  ModelError,
  ModelAPIError,
  ModelRateLimitError,
  ModelContextWindowError,
  ModelConfigurationError,
  ModelResponseError,
  isModelError,
} from '../model/errors.js';
// `ScriptedModel.fromCassette` lets the cassette layer's own error through for a broken file.
export { CassetteFormatError } from '../cassette/errors.js';

// Types: models
export type { ScriptedModelOptions } from './scripted-model.js';
export type { FromCassetteOptions } from './script-from-cassette.js';
export type { EchoModelOptions } from './echo-model.js';
export type { ScriptedCall } from './scripted-call.js';
export type { StepOptions } from './reply.js';
export type {
  ScriptStep,
  TextStep,
  JsonStep,
  ToolUseStep,
  ErrorStep,
  ComputeStep,
  ScriptedToolUse,
} from './script-steps.js';
export type { ScriptedModelErrorReason } from './scripted-model-error.js';

// Types: HTTP-level OpenAI responses
export type { OpenAIResponseBuilders, OpenAIResponseDataBuilders } from './openai-responses.js';
export type { HttpResponseData, HttpResponseOptions } from './http-response-data.js';
export type { ChoiceInit, CompletionOptions, TextCompletionOptions, ToolCallInit } from './openai-completions.js';
export type { LogprobInit } from './logprobs-body.js';
export type { StreamOptions } from './openai-stream.js';
export type { ResponseOptions } from './responses-body.js';
export type { ResponseStreamOptions } from './responses-stream.js';
export type { RateLimitOptions, ContextLengthOptions, OpenAIErrorInit } from './openai-error-bodies.js';
