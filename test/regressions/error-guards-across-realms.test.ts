import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { isAgentError } from '../../src/agent/index.js';
import { isCassetteError } from '../../src/cassette/index.js';
import { isModelError } from '../../src/model/index.js';
import { isScriptedModelError } from '../../src/testing/index.js';
import { isToolError } from '../../src/tools/index.js';

// Bug: isModelError, isToolError, isAgentError and isScriptedModelError began with
// `value instanceof Error`, which is false for an error made in another realm (a `vm` context, a
// worker), against their own doc ("even from another copy of the package"). All five guards now
// judge by `name` alone.

/** An error made in a fresh `vm` context, named `name`: not an `Error` of this realm. */
function foreignError(name: string): unknown {
  return runInNewContext(`Object.assign(new Error('made elsewhere'), { name: ${JSON.stringify(name)} })`);
}

const guards: [string, (value: unknown) => boolean, string[]][] = [
  [
    'isModelError',
    isModelError,
    [
      'ModelError',
      'ModelAPIError',
      'ModelRateLimitError',
      'ModelContextWindowError',
      'ModelConfigurationError',
      'ModelResponseError',
    ],
  ],
  [
    'isCassetteError',
    isCassetteError,
    [
      'CassetteError',
      'CassetteMissError',
      'CassetteFormatError',
      'CassetteConflictError',
      'CassetteStateError',
      'CassetteUnusedError',
      'CassetteConfigurationError',
    ],
  ],
  ['isToolError', isToolError, ['ToolError', 'ToolDefinitionError', 'ToolInputError']],
  ['isAgentError', isAgentError, ['AgentError', 'AgentConfigurationError', 'AgentBusyError']],
  ['isScriptedModelError', isScriptedModelError, ['ScriptedModelError']],
];

describe('the error guards', () => {
  test.each(guards)('%s recognises its errors made in another realm, by name', (_guard, guard, names) => {
    for (const name of names) {
      const error = foreignError(name);
      expect(error instanceof Error).toBe(false); // the premise: another realm's Error
      expect(guard(error)).toBe(true);
    }
  });

  test.each(guards)('%s refuses other errors, from any realm, and non-errors', (_guard, guard) => {
    for (const value of [
      foreignError('TypeError'),
      new Error('x'),
      new RangeError('x'),
      'ModelError',
      null,
      undefined,
      42,
    ]) {
      expect(guard(value)).toBe(false);
    }
  });
});
