/**
 * Message, content and response shapes shared by every model (the reference document's
 * shapes in TypeScript casing).
 */

/** A JSON Schema object, as sent to the provider. */
export type JSONSchema = { [key: string]: unknown };

/** Plain text. */
export interface TextBlock {
  text: string;
}

/** A tool call made by the model. `input` is the parsed JSON arguments. */
export interface ToolUseBlock {
  toolUse: { toolUseId: string; name: string; input: Record<string, unknown> };
}

/** One piece of a tool result: text, or any JSON value. */
export type ToolResultContent = { text: string } | { json: unknown };

/** The result of a tool call, sent back to the model by the user turn. */
export interface ToolResultBlock {
  toolResult: {
    toolUseId: string;
    content: ToolResultContent[];
    status: 'success' | 'error';
  };
}

/** Image formats accepted in an `image` block. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

/** An image, as raw bytes (a `Uint8Array`) or a base64 string. */
export interface ImageBlock {
  image: { format: ImageFormat; source: { bytes: Uint8Array | string } };
}

/** A document (for example a PDF), as raw bytes or a base64 string. */
export interface DocumentBlock {
  document: { format: string; name: string; source: { bytes: Uint8Array | string } };
}

/** Every block a message can hold. */
export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock | ImageBlock | DocumentBlock;

/** Who speaks a message. System prompts go in `systemPrompt`, not in a message. */
export type Role = 'user' | 'assistant';

/** One conversation turn. */
export interface Message {
  role: Role;
  content: ContentBlock[];
}

/** A tool the model may call. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: { json: JSONSchema };
}

/** How the model may use the tools it is offered. */
export type ToolChoice =
  | { auto: Record<string, never> }
  | { any: Record<string, never> }
  | { tool: { name: string } }
  | { none: Record<string, never> };

/** Why the model stopped. */
export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'content_filtered';

/** Token counts of one call. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

/** What every model call returns. */
export interface ModelResponse {
  /** A string when the reply is text only; content blocks when it holds tool uses. */
  content: string | ContentBlock[];
  stopReason: StopReason;
  usage: Usage;
  /** All text of the reply, joined. */
  readonly text: string;
  /** All `toolUse` blocks of the reply, in order. */
  readonly toolUses: ToolUseBlock['toolUse'][];
  /** The provider's own response, untouched. */
  raw: unknown;
}

/** Generation options that a call may override. */
export interface GenerationOptions {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  stopSequences?: string[];
}

/** The arguments of `getText`. */
export interface GetTextRequest extends GenerationOptions {
  messages: Message[];
  systemPrompt?: string;
  toolSpecs?: ToolSpec[];
  toolChoice?: ToolChoice;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/** A schema for `getJson`: JSON Schema, or any object with zod's `safeParse` (a zod schema). */
export type JsonSchemaInput = JSONSchema | ZodLike;

/** The part of a zod schema that spark-models uses. */
export interface ZodLike {
  safeParse(value: unknown): { success: boolean; error?: unknown; data?: unknown };
}

/** The arguments of `getJson`. */
export interface GetJsonRequest extends GetTextRequest {
  jsonSchema?: JsonSchemaInput;
  /** The name sent with the schema to the provider. @default "response" */
  schemaName?: string;
}

/** The interface every model implements: `OpenAIModel`, `ScriptedModel`, `EchoModel`. */
export interface Model {
  /** The model id requests go to, when the model has one (for token counting and context windows). */
  readonly modelId?: string;
  getText(request: GetTextRequest): Promise<ModelResponse>;
  getJson(request: GetJsonRequest): Promise<ModelResponse>;
}

/** One event of a streamed reply, in order: deltas as they arrive, then the whole response. */
export type ModelStreamEvent =
  | { type: 'text'; text: string }
  | { type: 'toolUseStart'; toolUseId: string; name: string }
  | { type: 'toolUseDelta'; toolUseId: string; inputDelta: string }
  | { type: 'toolUse'; toolUse: ToolUseBlock['toolUse'] }
  | { type: 'response'; response: ModelResponse };

/** A model that can stream its replies (`OpenAIModel`, `ScriptedModel`). */
export interface StreamingModel extends Model {
  stream(request: GetTextRequest): AsyncIterable<ModelStreamEvent>;
}
