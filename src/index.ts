/**
 * spark-models: build and test code that talks to OpenAI and OpenAI-compatible models.
 * @see README.md
 */

// Models
export { OpenAIModel, createModelResponse, createUsage } from './model/index.js';

// Errors
export {
  ModelError,
  ModelAPIError,
  ModelRateLimitError,
  ModelContextWindowError,
  ModelConfigurationError,
  ModelResponseError,
  isModelError,
} from './model/index.js';

// Tools and agents
export { tool, TOOL_NAME_PATTERN, ToolError, ToolDefinitionError, ToolInputError, isToolError } from './tools/index.js';
export { Agent, AgentError, AgentConfigurationError, AgentBusyError, isAgentError } from './agent/index.js';

// Token helpers
export {
  countTokens,
  countMessageTokens,
  getContextWindow,
  getEncodingName,
  truncateConversation,
} from './tokens/index.js';

export type { OpenAIModelOptions, OpenAIModelConfig, OpenAIAPI } from './model/index.js';
export type { Tool, ToolLike, ToolOptions, ToolInputSchema, SchemaIssue } from './tools/index.js';
export type { AgentConfig, AgentResult, AgentOutcome, ProcessOptions, ToolCallRecord } from './agent/index.js';
export type { CountMessageTokensOptions, TokenEncodingName, TruncateConversationOptions } from './tokens/index.js';
export type { ModelErrorDetails, ModelChoiceInit, ModelResponseInit } from './model/index.js';
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
} from './model/index.js';
