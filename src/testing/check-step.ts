import { excerpt } from '../internal/message-text.js';
import { createSchemaValidator, formatIssues } from '../internal/schema-validator.js';
import { dropAddedNulls } from '../model/json/strict-nulls.js';
import type { JSONSchema, ToolChoice } from '../model/types.js';
import type { ScriptedCall } from './scripted-call.js';
import { ScriptedModelError, type ScriptedModelErrorReason } from './scripted-model-error.js';
import type { JsonStep, TextStep, ToolUseStep } from './script-steps.js';

/** A step that answers (not an error, not a compute step), with its place in the script. */
export interface AnsweringStep {
  step: TextStep | JsonStep | ToolUseStep;
  index: number;
  description: string;
}

function misfit(
  at: AnsweringStep,
  call: ScriptedCall,
  reason: ScriptedModelErrorReason,
  why: string,
  fix: string,
): ScriptedModelError {
  return new ScriptedModelError(
    `Script step [${at.index}] ${at.description} does not fit calls[${call.index}] (${call.method}${call.stream ? ', streamed' : ''}): ${why}. ${fix}`,
    {
      reason,
      stepIndex: at.index,
      callIndex: call.index,
    },
  );
}

function describeChoice(choice: ToolChoice): string {
  return 'tool' in choice
    ? `{ tool: { name: ${JSON.stringify(choice.tool.name)} } }`
    : `{ ${Object.keys(choice)[0]}: {} }`;
}

function checkToolChoice(at: AnsweringStep, call: ScriptedCall, used: string[]): void {
  const choice = call.toolChoice;
  if (!choice) {
    return;
  }
  const fail = (why: string, fix: string): never => {
    throw misfit(at, call, 'tool-choice', `\`toolChoice\` is ${describeChoice(choice)}, ${why}`, fix);
  };
  if ('none' in choice && used.length > 0) {
    fail('so the model cannot call tools', 'Script a text reply here, or change `toolChoice`.');
  }
  if ('any' in choice && used.length === 0) {
    fail('so the model must call a tool', 'Script a tool use here, or change `toolChoice`.');
  }
  if ('tool' in choice && (used.length === 0 || used.some((name) => name !== choice.tool.name))) {
    fail(
      `so the model must call "${choice.tool.name}" and only it`,
      `Script reply.toolUse(${JSON.stringify(choice.tool.name)}, …) here, or change \`toolChoice\`.`,
    );
  }
}

function checkToolUses(at: AnsweringStep & { step: ToolUseStep }, call: ScriptedCall): void {
  for (const use of at.step.toolUses) {
    const spec = call.toolSpecs.find((offered) => offered.name === use.name);
    if (!spec) {
      const offered = call.toolSpecs.map((s) => s.name).join(', ');
      throw misfit(
        at,
        call,
        'unoffered-tool',
        `tool "${use.name}" was not offered (${offered ? `offered: ${offered}` : 'no tools were offered'})`,
        'Offer the tool in `toolSpecs`, or fix the tool name in the script.',
      );
    }
    let check;
    try {
      check = createSchemaValidator(spec.inputSchema.json)(use.input);
    } catch (error) {
      throw misfit(
        at,
        call,
        'invalid-tool-input',
        `the inputSchema of tool "${use.name}" is not a valid JSON Schema (${(error as Error).message})`,
        'Fix the tool definition.',
      );
    }
    if (!check.ok) {
      throw misfit(
        at,
        call,
        'invalid-tool-input',
        `its input for tool "${use.name}" does not match the tool's inputSchema: ${formatIssues(check.issues)}`,
        'Fix the scripted input.',
      );
    }
  }
}

function checkJson(at: AnsweringStep, call: ScriptedCall, strictSource: JSONSchema | undefined): void {
  let value: unknown;
  if (at.step.kind === 'json') {
    value = at.step.value;
  } else if (at.step.kind === 'text') {
    try {
      value = JSON.parse(at.step.text);
    } catch {
      throw misfit(
        at,
        call,
        'invalid-json',
        `getJson needs JSON, and the text ${excerpt(at.step.text)} is not JSON`,
        'Script reply.json(value) here, or reply.error.invalidResponse() to simulate a malformed reply.',
      );
    }
  } else {
    return;
  }
  if (call.jsonSchema === undefined) {
    return;
  }
  // As OpenAIModel reads it: strict mode's nulls for optional properties do not count.
  const check = createSchemaValidator(
    call.jsonSchema,
    'json',
  )(strictSource ? dropAddedNulls(value, strictSource) : value);
  if (!check.ok) {
    throw misfit(
      at,
      call,
      'invalid-json',
      `the JSON does not match \`jsonSchema\`: ${formatIssues(check.issues)}`,
      'Fix the scripted value, or script reply.error.invalidResponse() to simulate an off-schema reply.',
    );
  }
}

/**
 * Checks an answering step against the call it answers, as the real API would: tools must have
 * been offered and inputs must match their schemas, `toolChoice` must be obeyed, and `getJson`
 * gets JSON matching `jsonSchema` (after removing strict mode's nulls, given `strictSource`, the
 * schema before the strict rewrite). Throws `ScriptedModelError` naming the step and the call.
 */
export function checkStep(at: AnsweringStep, call: ScriptedCall, strictSource?: JSONSchema): void {
  const used = at.step.kind === 'toolUse' ? at.step.toolUses.map((use) => use.name) : [];
  if (at.step.kind === 'toolUse') {
    checkToolUses(at as AnsweringStep & { step: ToolUseStep }, call);
  }
  checkToolChoice(at, call, used);
  if (call.method === 'getJson') {
    checkJson(at, call, strictSource);
  }
}
