import { hasErrorName } from '../internal/error-name.js';

/** The root of the errors `Agent` itself raises (model and tool errors keep their own classes). */
export class AgentError extends Error {
  override name: string = 'AgentError';
}

/** The `AgentConfig` is unusable; raised by the constructor, before any model call. */
export class AgentConfigurationError extends AgentError {
  override name = 'AgentConfigurationError' as const;
  /** The option at fault (`maxSteps`, `tools`, ...). */
  readonly option: string;

  constructor(message: string, option: string) {
    super(message);
    this.option = option;
  }
}

/** `process()` was called while another `process()` of the same agent was still running. */
export class AgentBusyError extends AgentError {
  override name = 'AgentBusyError' as const;
}

const AGENT_ERROR_NAMES: ReadonlySet<string> = new Set(['AgentError', 'AgentConfigurationError', 'AgentBusyError']);

/**
 * True for any error `Agent` raises, judged by `name`: even from another realm or copy of the package.
 * @example if (isAgentError(error)) console.error(error.message);
 */
export function isAgentError(value: unknown): value is AgentError {
  return hasErrorName(value, AGENT_ERROR_NAMES);
}
