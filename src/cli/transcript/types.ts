/**
 * The readable shape of a recorded exchange, as `show` prints it and `show --json` emits it:
 * chat messages, tool calls and results, the reply, errors and token usage.
 */

/** A tool call, with its input parsed when it is JSON. */
export interface ToolCallView {
  id?: string;
  name: string;
  /** The parsed arguments, or the raw text when they are not JSON. */
  input: unknown;
}

/** One message of a request (or the reply), in the order the API saw them. */
export interface MessageView {
  role: string;
  /** Text content, parts joined by a blank line; non-text parts as `[image]`, `[audio]`, `[file name]`. */
  text?: string;
  refusal?: string;
  toolCalls?: ToolCallView[];
  /** For a tool result: the call it answers. */
  toolCallId?: string;
  /** A participant or tool name, when given. */
  name?: string;
}

/** Token counts from a recorded `usage` block; `reasoning` and `cached` only when above 0. */
export interface UsageView {
  input?: number;
  output?: number;
  total?: number;
  /** Output tokens a reasoning model spent thinking (part of `output`). */
  reasoning?: number;
  /** Input tokens served from the prompt cache (part of `input`). */
  cached?: number;
}

/** An error response: status and what the body says. */
export interface ErrorView {
  status: number;
  type?: string;
  code?: string;
  message: string;
}

/** The response half: the reply message, why it stopped, usage, or the error. */
export interface ResponseView {
  status: number;
  /** Streamed as server-sent events. */
  stream: boolean;
  reply?: MessageView;
  finishReason?: string;
  usage?: UsageView;
  error?: ErrorView;
  /** Further choices when `n` > 1 asked for several. */
  otherChoices?: number;
}

/** One interaction as a transcript entry. */
export interface ExchangeView {
  index: number;
  id: string;
  method: string;
  url: string;
  model?: string;
  /** Names of the tools the request offered. */
  tools?: string[];
  messages: MessageView[];
  response: ResponseView;
}
