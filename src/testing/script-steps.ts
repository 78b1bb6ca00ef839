import type { ProviderState, StopReason } from '../model/types.js';
import type { ScriptedCall } from './scripted-call.js';

/** A tool use in a script: the tool's name and its input; the id is made up unless given. */
export interface ScriptedToolUse {
  name: string;
  input: Record<string, unknown>;
  /** @default `call_scripted_<n>`, counting the model's tool uses from 1 */
  toolUseId?: string;
  /** State the tool-use block carries to the next turn, as `OpenAIModel` recorded it (see `ProviderState`). */
  providerState?: ProviderState;
}

interface StepBase {
  /** How the step reads in error messages: the builder call that made it. */
  readonly description: string;
  /** Waits this long before answering (abortable by the request's `signal`). */
  readonly delayMs?: number;
}

/** What an answering step may say besides its answer. */
interface AnswerBase extends StepBase {
  /** The model's reasoning summary, on `response.reasoning`. */
  readonly reasoning?: string;
}

/** The model answers with text. */
export interface TextStep extends AnswerBase {
  readonly kind: 'text';
  readonly text: string;
  readonly stopReason: Exclude<StopReason, 'tool_use'>;
}

/** The model answers with a JSON value (as `getJson` gives it: the compact JSON text). */
export interface JsonStep extends AnswerBase {
  readonly kind: 'json';
  readonly value: unknown;
}

/** The model calls one or several tools in one turn, with optional text beside them. */
export interface ToolUseStep extends AnswerBase {
  readonly kind: 'toolUse';
  readonly toolUses: readonly ScriptedToolUse[];
  readonly text?: string;
}

/** The call fails with the error `create` makes (a fresh one per call). */
export interface ErrorStep extends StepBase {
  readonly kind: 'error';
  readonly create: (call: ScriptedCall, modelId: string) => Error;
}

/** The reply is computed from the call (its messages, tool results, options). */
export interface ComputeStep extends StepBase {
  readonly kind: 'compute';
  readonly compute: (call: ScriptedCall) => ScriptStep | Promise<ScriptStep>;
}

/** One step of a `ScriptedModel` script; build steps with `reply`. */
export type ScriptStep = TextStep | JsonStep | ToolUseStep | ErrorStep | ComputeStep;

const STEP_KINDS: ReadonlySet<string> = new Set(['text', 'json', 'toolUse', 'error', 'compute']);

/** True for a step made by `reply`. */
export function isScriptStep(value: unknown): value is ScriptStep {
  const step = value as Partial<ScriptStep> | null;
  return (
    typeof step === 'object' &&
    step !== null &&
    STEP_KINDS.has(String(step.kind)) &&
    typeof step.description === 'string'
  );
}
