// Tools: `tool()` and its errors. The package root re-exports these.

export { tool } from './tool.js';
export { TOOL_NAME_PATTERN } from './define-tool-spec.js';
export { ToolError, ToolDefinitionError, ToolInputError, isToolError } from './errors.js';

// Types
export type { Tool, ToolLike, ToolOptions, ToolInputSchema } from './types.js';
export type { SchemaIssue } from '../internal/schema-validator.js';
