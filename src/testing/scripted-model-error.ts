import { hasErrorName } from '../internal/error-name.js';

/**
 * Why a `ScriptedModel` rejected a call: the script and the code under test disagree.
 * @note Deliberately not a `ModelError`: code under test that retries on model errors (as the
 * reference's `robust_model_call` does) must not swallow a broken script.
 */
export type ScriptedModelErrorReason =
  | 'script-exhausted'
  | 'steps-remaining'
  | 'invalid-step'
  | 'unoffered-tool'
  | 'invalid-tool-input'
  | 'tool-choice'
  | 'invalid-json'
  | 'invalid-cassette';

/** The script does not fit the calls the code made; the message names the step and the call. */
export class ScriptedModelError extends Error {
  override name = 'ScriptedModelError' as const;
  readonly reason: ScriptedModelErrorReason;
  /** The script step at fault, when there is one. */
  readonly stepIndex: number | undefined;
  /** The call (position in `model.calls`) that did not fit, when there is one. */
  readonly callIndex: number | undefined;

  constructor(
    message: string,
    details: { reason: ScriptedModelErrorReason; stepIndex?: number | undefined; callIndex?: number | undefined },
  ) {
    super(message);
    this.reason = details.reason;
    this.stepIndex = details.stepIndex;
    this.callIndex = details.callIndex;
  }
}

const SCRIPTED_MODEL_ERROR_NAMES: ReadonlySet<string> = new Set(['ScriptedModelError']);

/**
 * True for a `ScriptedModelError`, even from another realm or copy of the package.
 * @example expect(isScriptedModelError(error)).toBe(true);
 */
export function isScriptedModelError(value: unknown): value is ScriptedModelError {
  return hasErrorName(value, SCRIPTED_MODEL_ERROR_NAMES);
}
