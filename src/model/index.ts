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
export type { ModelErrorDetails } from './errors.js';
export type { ModelResponseInit } from './model-response.js';
export type {
  ContentBlock,
  DocumentBlock,
  GenerationOptions,
  GetJsonRequest,
  GetTextRequest,
  ImageBlock,
  ImageFormat,
  JSONSchema,
  JsonSchemaInput,
  Message,
  Model,
  ModelResponse,
  ModelStreamEvent,
  StreamingModel,
  Role,
  StopReason,
  TextBlock,
  ToolChoice,
  ToolResultBlock,
  ToolResultContent,
  ToolSpec,
  ToolUseBlock,
  Usage,
  ZodLike,
} from './types.js';
