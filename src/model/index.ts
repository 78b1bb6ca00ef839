// Models: `OpenAIModel`, the message and response types every model shares, and the model
// errors. The package root re-exports these.

export { OpenAIModel } from './openai-model.js';
export { createModelResponse, createUsage } from './model-response.js';
export {
  ModelError,
  ModelAPIError,
  ModelRateLimitError,
  ModelContextWindowError,
  ModelConfigurationError,
  ModelResponseError,
  isModelError,
} from './errors.js';

// Types
export type { OpenAIModelOptions, OpenAIModelConfig } from './config.js';
export type { OpenAIAPI } from './openai-api.js';
export type { ModelErrorDetails } from './errors.js';
export type { ModelChoiceInit, ModelResponseInit } from './model-response.js';
export type {
  AudioBlock,
  AudioFormat,
  ContentBlock,
  DocumentBlock,
  GenerationOptions,
  GetJsonRequest,
  GetTextRequest,
  ImageBlock,
  ImageDetail,
  ImageFormat,
  InferJson,
  JSONSchema,
  JsonChoice,
  JsonResponse,
  JsonSchemaInput,
  JsonValueOf,
  Message,
  Model,
  ModelChoice,
  ProviderState,
  ModelResponse,
  ModelStreamEvent,
  StreamingModel,
  ReasoningEffort,
  ReasoningSummary,
  Role,
  StopReason,
  TextBlock,
  TokenLogprob,
  ToolChoice,
  ToolResultBlock,
  ToolResultContent,
  ToolSpec,
  ToolUseBlock,
  Usage,
  Verbosity,
  ZodLike,
} from './types.js';
