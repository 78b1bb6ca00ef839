/**
 * Message, content and response shapes shared by every model (the reference document's
 * shapes in TypeScript casing).
 */

/** A JSON Schema object, as sent to the provider. */
export type JSONSchema = { [key: string]: unknown };

/**
 * What the provider needs back with a block on a later turn, kept with the block so that the
 * conversation carries it (and survives `JSON.stringify`). Opaque: keep it as it is. On the
 * Responses API, a reply block that followed reasoning carries those reasoning items, sent back
 * before the block on the next turn (see docs/internals.md, "Carried state").
 */
export interface ProviderState {
  /** The id of the Responses API output item the block came from (`fc_…`, `msg_…`). */
  itemId?: string;
  /** The Responses API `reasoning` items that came just before the block, as the API sent them. */
  reasoning?: Record<string, unknown>[];
}

/** Plain text. */
export interface TextBlock {
  text: string;
  /** State the provider needs back with this text on the next turn; set by the model, opaque. */
  providerState?: ProviderState;
}

/** A tool call made by the model. `input` is the parsed JSON arguments. */
export interface ToolUseBlock {
  toolUse: { toolUseId: string; name: string; input: Record<string, unknown> };
  /** State the provider needs back with this tool use on the next turn; set by the model, opaque. */
  providerState?: ProviderState;
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

/** How closely the model looks at an image: "low" costs a fixed 85 tokens on OpenAI. */
export type ImageDetail = 'auto' | 'low' | 'high';

/**
 * An image: raw bytes (a `Uint8Array` or a base64 string) or a URL (`https:` or `data:`).
 * `format` may be left out for bytes of a PNG, JPEG, GIF or WebP file (read from the bytes).
 * @example { image: { source: { url: "https://example.com/cat.png" }, detail: "low" } }
 */
export interface ImageBlock {
  image: { format?: ImageFormat; source: { bytes: Uint8Array | string } | { url: string }; detail?: ImageDetail };
}

/** Audio formats accepted in an `audio` block. */
export type AudioFormat = 'wav' | 'mp3';

/** Audio input for audio-capable models (`gpt-4o-audio-preview`, ...), as raw bytes or base64. */
export interface AudioBlock {
  audio: { format: AudioFormat; source: { bytes: Uint8Array | string } };
}

/** A document (for example a PDF), as raw bytes or a base64 string. */
export interface DocumentBlock {
  document: { format: string; name: string; source: { bytes: Uint8Array | string } };
}

/** Every block a message can hold. */
export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock | ImageBlock | DocumentBlock | AudioBlock;

/** Who speaks a message. System prompts go in `systemPrompt`, not in a message. */
export type Role = 'user' | 'assistant';

/**
 * One conversation turn. `content` is blocks, or a string standing for one `{ text }` block, so
 * a reply goes back into the conversation as it is: `messages.push({ role: "assistant",
 * content: response.content })`. What the toolkit hands back (`agent.messages`, a scripted
 * call's `messages`) always holds blocks: `Message<ContentBlock[]>`.
 */
export interface Message<Content extends string | ContentBlock[] = string | ContentBlock[]> {
  role: Role;
  content: Content;
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
  /** Output tokens a reasoning model spent thinking (part of `outputTokens`); 0 when not reported. */
  reasoningTokens: number;
  /** Input tokens served from the provider's prompt cache (part of `inputTokens`); 0 when not reported. */
  cachedInputTokens: number;
}

/** The log probability of one generated token, and of the likeliest alternatives when asked for. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  /** The token's UTF-8 bytes; null when the provider did not send them. */
  bytes: number[] | null;
  /** The likeliest tokens at this position (as many as `logprobs` asked for). */
  topLogprobs: { token: string; logprob: number; bytes: number[] | null }[];
}

/** One of the replies of a call (`n` > 1 asks for several). */
export interface ModelChoice {
  /** A string when the reply is text only; content blocks when it holds tool uses. */
  content: string | ContentBlock[];
  stopReason: StopReason;
  /** All text of the reply, joined. */
  readonly text: string;
  /** All `toolUse` blocks of the reply, in order. */
  readonly toolUses: ToolUseBlock['toolUse'][];
  /**
   * The reasoning text, when the provider returns it: the Responses API's reasoning summary
   * (ask with `reasoningSummary`), or `reasoning_content` on DeepSeek, vLLM, ...
   */
  reasoning?: string;
  /** Per-token log probabilities, when `logprobs` asked for them. */
  logprobs?: TokenLogprob[];
}

/** What every model call returns: the first reply's fields, every reply in `choices`. */
export interface ModelResponse extends ModelChoice {
  /**
   * The provider's id of this response (`resp_…` on the Responses API, `chatcmpl-…` on chat
   * completions), when it sent one: pass it as `previousResponseId` to continue a stored conversation.
   */
  id?: string;
  usage: Usage;
  /** Every reply, in order; the response's own fields are those of `choices[0]`. */
  choices: ModelChoice[];
  /** The provider's own response, untouched. */
  raw: unknown;
}

/** Constrains how hard a reasoning model thinks (`reasoning_effort`). */
export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';

/** Constrains how long the reply is (`verbosity`, GPT-5 models). */
export type Verbosity = 'low' | 'medium' | 'high';

/** How detailed a reasoning summary the Responses API returns (`reasoning.summary`). */
export type ReasoningSummary = 'auto' | 'concise' | 'detailed';

/** Generation options that a call may override. */
export interface GenerationOptions {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  stopSequences?: string[];
  reasoningEffort?: ReasoningEffort;
  verbosity?: Verbosity;
  /** How many replies to generate; each is in `response.choices`. */
  n?: number;
  /** Per-token log probabilities: `true`, or how many alternatives per token (0 to 20). */
  logprobs?: boolean | number;
  /** Whether the model may call several tools in one turn (sent only with tools). */
  parallelToolCalls?: boolean;
  /** Sends tools in strict mode: the model's arguments always match their schemas. */
  strictTools?: boolean;
  /** The request timeout in milliseconds, for this call. */
  timeout?: number;
  /** How often the SDK retries a failed request (429, 5xx, connection errors), for this call. */
  maxRetries?: number;
  /** Whether the provider keeps the response (`store`); `false` with a reasoning model carries its reasoning in the messages. */
  store?: boolean;
  /** Asks the Responses API for a summary of the model's reasoning, on `response.reasoning`. */
  reasoningSummary?: ReasoningSummary;
}

/** The arguments of `getText`. */
export interface GetTextRequest extends GenerationOptions {
  messages: Message[];
  systemPrompt?: string;
  toolSpecs?: ToolSpec[];
  toolChoice?: ToolChoice;
  /** Aborts the call. */
  signal?: AbortSignal;
  /**
   * Continues a stored Responses API conversation (`previous_response_id`): the id of an earlier
   * response (`response.id`). `messages` then hold only what follows that response.
   */
  previousResponseId?: string | undefined;
}

/** A schema for `getJson`: JSON Schema, or any object with zod's `safeParse` (a zod schema). */
export type JsonSchemaInput = JSONSchema | ZodLike;

/** The part of a zod schema that spark-models uses. */
export interface ZodLike {
  safeParse(value: unknown): { success: boolean; error?: unknown; data?: unknown };
}

/** The arguments of `getJson`. */
export interface GetJsonRequest<
  Schema extends JsonSchemaInput | undefined = JsonSchemaInput | undefined,
> extends GetTextRequest {
  jsonSchema?: Schema;
  /** The name sent with the schema to the provider. @default "response" */
  schemaName?: string;
  /**
   * `true`: OpenAI's strict structured outputs, which guarantee the shape; schemas strict mode
   * cannot express (maps, open objects, tuples, ...) are refused before any request. `false`:
   * the schema is sent as written and the reply is only validated here. @default true
   */
  strict?: boolean;
}

/** The type of the value a schema describes: zod's output type (`z.infer`), else `unknown`. */
export type InferJson<Schema> = Schema extends { _zod: { output: infer Output } }
  ? Output
  : Schema extends { _output: infer Output }
    ? Output
    : unknown;

/** `T` when given, else what `Schema` describes. */
export type JsonValueOf<T, Schema> = [T] extends [never] ? InferJson<Schema> : T;

/** A reply of `getJson`, with its value parsed and validated. */
export interface JsonChoice<T = unknown> extends ModelChoice {
  /** The reply parsed and validated against the schema as you wrote it (`text` is the raw JSON). */
  parsed: T;
}

/** What `getJson` returns: a `ModelResponse` plus `parsed`, for every choice too. */
export interface JsonResponse<T = unknown> extends ModelResponse, JsonChoice<T> {
  choices: JsonChoice<T>[];
}

/** The interface every model implements: `OpenAIModel`, `ScriptedModel`, `EchoModel`. */
export interface Model {
  /** The model id requests go to, when the model has one (for token counting and context windows). */
  readonly modelId?: string;
  getText(request: GetTextRequest): Promise<ModelResponse>;
  /**
   * A JSON reply, parsed: `parsed` is typed by a zod schema (`z.infer`) or by `T`.
   * @example const { parsed } = await model.getJson<City>({ messages, jsonSchema: citySchema });
   */
  getJson<T = never, Schema extends JsonSchemaInput | undefined = JsonSchemaInput | undefined>(
    request: GetJsonRequest<Schema>,
  ): Promise<JsonResponse<JsonValueOf<T, Schema>>>;
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
