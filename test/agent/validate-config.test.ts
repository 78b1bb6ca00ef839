import { describe, expect, it } from 'vitest';
import { Agent, AgentConfigurationError, isAgentError, type AgentConfig } from '../../src/agent/index.js';
import { EchoModel } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';

const model = new EchoModel();
const noop = (name: string) =>
  tool({ name, description: 'Does nothing.', inputSchema: { type: 'object' }, execute: () => null });

function configError(config: unknown): AgentConfigurationError {
  try {
    new Agent(config as AgentConfig);
  } catch (error) {
    expect(isAgentError(error)).toBe(true);
    return error as AgentConfigurationError;
  }
  throw new Error('expected the Agent constructor to throw');
}

describe('Agent configuration', () => {
  it('accepts the full reference configuration', () => {
    expect(
      () =>
        new Agent({
          model,
          systemPrompt: 'Be helpful.',
          tools: [noop('a'), noop('b')],
          maxSteps: 10,
          parallelToolExecution: true,
        }),
    ).not.toThrow();
  });

  it.each([0, -1, 2.5, Number.NaN, '10'])('rejects maxSteps %j', (maxSteps) => {
    const error = configError({ model, maxSteps });
    expect(error).toMatchObject({ name: 'AgentConfigurationError', option: 'maxSteps' });
    expect(error.message).toMatch(/^Invalid agent option `maxSteps`: expected a whole number of 1 or more, got /);
  });

  it('rejects a missing model', () => {
    expect(configError({ tools: [] })).toMatchObject({
      option: 'model',
      message: expect.stringContaining('expected a `Model` (an object with `getText`)'),
    });
  });

  it('suggests camelCase for the reference snake_case options', () => {
    expect(configError({ model, max_steps: 3 }).message).toBe(
      'Unknown agent option `max_steps`. Did you mean `maxSteps`?',
    );
    expect(configError({ model, parallel_tool_execution: true }).message).toBe(
      'Unknown agent option `parallel_tool_execution`. Did you mean `parallelToolExecution`?',
    );
    expect(configError({ model, temperature: 1 }).message).toContain(
      'Known options: `model`, `systemPrompt`, `tools`, `maxSteps`, `parallelToolExecution`.',
    );
  });

  it('rejects tools that are not tools, and duplicate names', () => {
    expect(configError({ model, tools: 'calculate' }).message).toContain('expected an array of tools, got string');
    expect(configError({ model, tools: [noop('a'), () => 1] }).message).toContain('tools[1] is not a tool');
    expect(configError({ model, tools: [noop('a'), noop('a')] }).message).toContain('two tools are named "a"');
  });

  it('rejects a non-string systemPrompt and a non-boolean parallelToolExecution', () => {
    expect(configError({ model, systemPrompt: 42 }).option).toBe('systemPrompt');
    expect(configError({ model, parallelToolExecution: 'yes' }).option).toBe('parallelToolExecution');
  });

  it('rejects a config that is not an object', () => {
    expect(configError(null).message).toContain('expected an `AgentConfig` object, got null');
  });
});
