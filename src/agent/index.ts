// Agents: the tool loop. The package root re-exports these.

export { Agent } from './agent.js';
export { AgentError, AgentConfigurationError, AgentBusyError, isAgentError } from './errors.js';

// Types
export type { AgentConfig, AgentResult, AgentOutcome, ProcessOptions, ToolCallRecord } from './types.js';
