/**
 * Tool errors. A `ToolDefinitionError` is a bug in the code that defines the tool (fix the
 * definition); a `ToolInputError` is input that does not match the tool's schema (usually from
 * the model: the agent sends it back as an error result so the model can correct itself).
 */
import { hasErrorName } from '../internal/error-name.js';
import type { SchemaIssue } from '../internal/schema-validator.js';

/** The root of every tool error. */
export class ToolError extends Error {
  override name: string = 'ToolError';
  /** The tool's name, as given to `tool()`. */
  readonly toolName: string;

  constructor(message: string, toolName: string, options?: { cause?: unknown }) {
    super(message, options);
    this.toolName = toolName;
  }
}

/** The definition passed to `tool()` is unusable (bad name, no description, bad schema). */
export class ToolDefinitionError extends ToolError {
  override name = 'ToolDefinitionError' as const;
  /** The option at fault: `name`, `description`, `inputSchema` or `execute`. */
  readonly option: string;

  constructor(message: string, toolName: string, option: string, options?: { cause?: unknown }) {
    super(message, toolName, options);
    this.option = option;
  }
}

/** A tool was called with input that does not match its `inputSchema`. */
export class ToolInputError extends ToolError {
  override name = 'ToolInputError' as const;
  /** Each failing path (`input.location`) and why it failed. */
  readonly issues: readonly SchemaIssue[];
  /** The input as received. */
  readonly input: unknown;

  constructor(message: string, toolName: string, issues: readonly SchemaIssue[], input: unknown) {
    super(message, toolName);
    this.issues = issues;
    this.input = input;
  }
}

const TOOL_ERROR_NAMES: ReadonlySet<string> = new Set(['ToolError', 'ToolDefinitionError', 'ToolInputError']);

/**
 * True for any spark-models tool error, judged by `name`: even one from another realm or copy of the package.
 * @example if (isToolError(error)) console.error(error.toolName, error.message);
 */
export function isToolError(value: unknown): value is ToolError {
  return hasErrorName(value, TOOL_ERROR_NAMES);
}
