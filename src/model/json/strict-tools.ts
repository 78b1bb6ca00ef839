import type { JSONSchema, ToolSpec, ToolUseBlock } from '../types.js';
import { dropAddedNulls } from './strict-nulls.js';
import { toStrictSchema } from './strict-schema.js';

/** Reads a tool call's input back into the shape its `inputSchema` describes. */
export type ToolInputReader = (name: string, input: Record<string, unknown>) => Record<string, unknown>;

/**
 * A tool's `inputSchema` adapted for strict function calling (`strictTools`): the rules of
 * `toStrictSchema`, with errors that name the tool and offer `strictTools: false`.
 */
export function strictToolParameters(spec: ToolSpec): JSONSchema {
  return toStrictSchema(spec.inputSchema.json, {
    name: `the \`inputSchema\` of tool "${spec.name}"`,
    fallback: '`strictTools: false`',
    option: 'strictTools',
  });
}

/**
 * With strict tools the model answers `null` for an optional argument it leaves out: this
 * removes those nulls, so a tool sees the input its own schema describes.
 */
export function strictToolInputReader(specs: readonly ToolSpec[]): ToolInputReader {
  const schemas = new Map(specs.map((spec) => [spec.name, spec.inputSchema.json]));
  return (name, input) => {
    const schema = schemas.get(name);
    return schema ? (dropAddedNulls(input, schema) as ToolUseBlock['toolUse']['input']) : input;
  };
}
