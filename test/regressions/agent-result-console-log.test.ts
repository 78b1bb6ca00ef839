import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { Agent } from '../../src/agent/index.js';
import { reply, ScriptedModel } from '../../src/testing/index.js';

// Bug: `console.log(await agent.process(...))` dumped the whole result object (response, raw
// completion, trace), where the reference's `print(result)` prints the answer. util.inspect, which
// console.log uses, now gives the text.

describe('printing an agent result', () => {
  test('prints the text', async () => {
    const result = await new Agent({ model: new ScriptedModel([reply.text('Tokyo has 14 million people.')]) }).process(
      'Population of Tokyo?',
    );
    expect(inspect(result)).toBe('Tokyo has 14 million people.');
  });
});
