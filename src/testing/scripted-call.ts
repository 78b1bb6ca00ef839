import type {
  ContentBlock,
  GenerationOptions,
  JsonSchemaInput,
  Message,
  ModelResponse,
  ToolChoice,
  ToolResultBlock,
  ToolSpec,
} from '../model/types.js';

/** One call a `ScriptedModel` received, and what it answered; kept in `model.calls`. */
export interface ScriptedCall {
  /** Position in `model.calls`. */
  readonly index: number;
  /** `getText` or `getJson`; a streamed call is a `getText` with `stream: true`. */
  readonly method: 'getText' | 'getJson';
  /** True when the call came through `stream()`. */
  readonly stream: boolean;
  /** A copy of the messages as they were at the time of the call, content as blocks. */
  readonly messages: Message<ContentBlock[]>[];
  readonly systemPrompt: string | undefined;
  /** The tools offered (empty when none). */
  readonly toolSpecs: ToolSpec[];
  readonly toolChoice: ToolChoice | undefined;
  /** `getJson`'s schema, when one was given. */
  readonly jsonSchema: JsonSchemaInput | undefined;
  /** Every other option of the call (`temperature`, `maxTokens`, ...), `signal` left out. */
  readonly options: GenerationOptions & Record<string, unknown>;
  /** The text of the last user message with text, for compute steps and assertions. */
  readonly lastUserText: string | undefined;
  /** The tool results the last message carries, for compute steps that answer from them. */
  readonly toolResults: ToolResultBlock['toolResult'][];
  /** The script step this call consumed (`index` in the script, builder `description`). */
  step: { index: number; description: string } | undefined;
  /** The response returned, when the call succeeded. */
  response: ModelResponse | undefined;
  /** The error thrown, when the call failed. */
  error: unknown;
}
