import type { Model, ModelResponse, StopReason, ToolChoice, Usage } from '../model/types.js';
import type { ToolLike } from '../tools/types.js';

/** The configuration of an `Agent` (the reference's `AgentConfig`, in camelCase). */
export interface AgentConfig {
  /** Any `Model`: `OpenAIModel`, `ScriptedModel`, `EchoModel`, ... */
  model: Model;
  /** Sent with every model call. */
  systemPrompt?: string;
  /** The tools the model may call; made with `tool()`, or any object with `toolName`, `toolSpec` and `execute`. */
  tools?: readonly ToolLike[];
  /** The most model calls one `process()` makes before it stops with outcome "max_steps". @default 10 */
  maxSteps?: number;
  /**
   * Runs the tool uses of one model turn concurrently (`Promise.all`) instead of one after
   * another. Results go back to the model in the order it asked, either way. @default false
   */
  parallelToolExecution?: boolean;
}

/** Options of one `process()` call. */
export interface ProcessOptions {
  /** Aborts the model calls of this run. */
  signal?: AbortSignal;
  /** `toolChoice` for the first model call of this run only (later calls let the model choose). */
  toolChoice?: ToolChoice;
}

/** One tool call the agent ran, as kept in `agent.trace`. */
export interface ToolCallRecord {
  /** Which `process()` call it belongs to, counting from 1. */
  run: number;
  /** Which model call of that run asked for it, counting from 1. */
  step: number;
  toolUseId: string;
  name: string;
  input: Record<string, unknown>;
  /** "error" when the tool threw, its input was invalid, or no such tool exists. */
  status: 'success' | 'error';
  /** The tool's return value; for an error, the message sent back to the model. */
  output: unknown;
  /** What the tool threw, when it threw. */
  error: unknown;
  durationMs: number;
}

/**
 * How a run ended: "completed" when the model answered without asking for tools (see
 * `stopReason` for why it stopped), "max_steps" when `maxSteps` model calls were used up.
 */
export type AgentOutcome = 'completed' | 'max_steps';

/**
 * What `agent.process()` returns. `String(result)`, `${result}` and `console.log(result)` give
 * `text`; its fields are there to read (`result.outcome`, `result.usage`, ...).
 */
export interface AgentResult {
  /** The text of the model's last reply. */
  text: string;
  outcome: AgentOutcome;
  /** The stop reason of the last model call. */
  stopReason: StopReason;
  /** How many model calls this run made. */
  steps: number;
  /** The tool calls of this run, in order. */
  toolCalls: ToolCallRecord[];
  /** Tokens of every model call of this run, summed. */
  usage: Usage;
  /** The last model response. */
  response: ModelResponse;
  toString(): string;
}
