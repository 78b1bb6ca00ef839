/**
 * The transcript: the one readable shape of a recorded exchange. `cassetteTranscript()` builds
 * it from a cassette file; `spark-cassette show` prints it (and emits it with `--json`),
 * `spark-cassette view` draws it as a page, and `spark-cassette diff` compares two of them.
 *
 * What it keeps: per interaction, the request's messages (system, user, assistant turns, tool
 * calls and tool results, reasoning items sent back), the tools offered, and the response: the
 * reply (streams put back together), reasoning summaries, the error with its status and type,
 * why it stopped, token usage, the model that answered and how long it took. What it leaves
 * out: headers and the bytes as sent (the YAML has them).
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
  /** `system`, `developer`, `user`, `assistant`, `tool`; `body` for a body that is not a conversation. */
  role: string;
  /** Text content, parts joined by a blank line; non-text parts as `[image]`, `[audio]`, `[file name]`. */
  text?: string;
  refusal?: string;
  /**
   * The reasoning summary that came with (or was sent back as part of) an assistant turn:
   * Responses API `reasoning` items, or `reasoning_content` from compatible servers. An empty
   * string when the reasoning was there but carried no summary (only encrypted content).
   */
  reasoning?: string;
  toolCalls?: ToolCallView[];
  /** For a tool result: the call it answers. */
  toolCallId?: string;
  /** A participant or tool name, when given. */
  name?: string;
}

/**
 * Token counts from a recorded `usage` block. `reasoning` and `cachedInput` come from the
 * `*_tokens_details` blocks and are present only when above zero.
 */
export interface UsageView {
  input?: number;
  output?: number;
  total?: number;
  /** Output tokens spent reasoning (`completion_tokens_details` / `output_tokens_details`). */
  reasoning?: number;
  /** Input tokens served from the prompt cache (`prompt_tokens_details` / `input_tokens_details`). */
  cachedInput?: number;
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
  /**
   * The Responses API output, one view per item in the order the model produced them, when
   * `reply` (which groups reasoning, text and calls) would show them out of order.
   */
  output?: MessageView[];
  finishReason?: string;
  usage?: UsageView;
  error?: ErrorView;
  /** Further choices when `n` > 1 asked for several. */
  otherChoices?: number;
}

/** One interaction as a transcript entry. */
export interface ExchangeView {
  /** Position in the file, from 0. */
  index: number;
  id: string;
  method: string;
  url: string;
  /** The model the request named. */
  model?: string;
  /** The model the response named: often a dated snapshot of the one requested. */
  servedModel?: string;
  /** Names of the tools the request offered. */
  tools?: string[];
  /** The stored response a Responses API request continues (`previous_response_id`). */
  previousResponseId?: string;
  messages: MessageView[];
  response: ResponseView;
  recordedAt: string;
  /**
   * How long the answer took, in ms: the last event's offset of a stream recorded with
   * `streamTiming`, else the server's own `openai-processing-ms` header; absent when neither.
   */
  durationMs?: number;
}
