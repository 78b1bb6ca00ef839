import { describe, expect, it } from 'vitest';
import '../../src/vitest/setup.js';
import { Agent } from '../../src/agent/index.js';
import { EchoModel, reply, ScriptedModel } from '../../src/testing/index.js';
import { tool } from '../../src/tools/index.js';
import { observeCalls } from '../../src/vitest/index.js';
import { failureOf } from '../helpers/failure-of.js';

const weather = tool({
  name: 'get_weather',
  description: 'Weather.',
  inputSchema: { type: 'object', properties: { location: { type: 'string' }, unit: { type: 'string' } } },
  execute: () => 'sunny',
});
const time = tool({
  name: 'get_time',
  description: 'Time.',
  inputSchema: { type: 'object', properties: { zone: { type: 'string' } } },
  execute: () => 'noon',
});
const toolSpecs = [weather.toolSpec, time.toolSpec];
const ask = [{ role: 'user' as const, content: [{ text: 'Weather and time in Paris?' }] }];

async function scriptedRun(): Promise<ScriptedModel> {
  const model = new ScriptedModel([
    reply.toolUses([
      { name: 'get_weather', input: { location: 'Paris', unit: 'celsius' } },
      { name: 'get_time', input: { zone: 'Europe/Paris' } },
    ]),
    reply.text('Sunny, noon.'),
  ]);
  await model.getText({ messages: ask, toolSpecs });
  await model.getText({ messages: ask, toolSpecs });
  return model;
}

describe('toHaveCalledTool', () => {
  it("reads the tool uses of a ScriptedModel's responses", async () => {
    const model = await scriptedRun();
    expect(model).toHaveCalledTool('get_time');
    expect(model).toHaveCalledTool('get_weather', { location: 'Paris' });
    expect(model).toHaveCalledTool('get_weather', { location: expect.stringMatching(/^Par/) });
    expect(model).not.toHaveCalledTool('get_weather', { location: 'Oslo' });
  });

  it('fails for a partial input that does not match, listing the calls', async () => {
    const model = await scriptedRun();
    const message = failureOf(() => expect(model).toHaveCalledTool('get_weather', { unit: 'kelvin' }));
    expect(message).toContain('expect(ScriptedModel).toHaveCalledTool(name, input)');
    expect(message).toContain('Expected a call of: get_weather with input containing {"unit": "kelvin"}');
    expect(message).toContain(
      '  0: get_weather({"location":"Paris","unit":"celsius"})\n  1: get_time({"zone":"Europe/Paris"})',
    );
  });

  it('fails its .not form when a matching call exists', async () => {
    const model = await scriptedRun();
    expect(failureOf(() => expect(model).not.toHaveCalledTool('get_time'))).toContain(
      'Expected no call of: get_time\nReceived 1 matching call:\n  1: get_time({"zone":"Europe/Paris"})',
    );
  });

  it('says when there were no tool calls at all', () => {
    expect(failureOf(() => expect(new EchoModel()).toHaveCalledTool('anything'))).toContain(
      'Received tool calls:\n  (no tool calls)',
    );
  });
});

describe('toHaveToolCallSequence', () => {
  it('matches names and partial inputs, in order', async () => {
    const model = await scriptedRun();
    expect(model).toHaveToolCallSequence(['get_weather', 'get_time']);
    expect(model).toHaveToolCallSequence([{ name: 'get_weather', input: { unit: 'celsius' } }, { name: 'get_time' }]);
    expect(model).not.toHaveToolCallSequence(['get_weather']);
  });

  it('fails on a missing call, with a diff in the expected form', async () => {
    const model = await scriptedRun();
    const error = (() => {
      try {
        expect(model).toHaveToolCallSequence(['get_weather', 'get_time', 'get_weather']);
      } catch (e) {
        return e as { actual: unknown; expected: unknown; message: string };
      }
      return undefined;
    })();
    expect(error?.actual).toEqual(['get_weather', 'get_time']);
    expect(error?.expected).toEqual(['get_weather', 'get_time', 'get_weather']);
    expect(error?.message).toContain('Expected 3 tool calls in this order, received 2:');
  });

  it('fails on a wrong input, showing received calls as { name, input }', async () => {
    const model = await scriptedRun();
    let error: { actual?: unknown; message?: string } = {};
    try {
      expect(model).toHaveToolCallSequence([{ name: 'get_weather', input: { location: 'Oslo' } }, 'get_time']);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.message?.replace(/\u001b\[[0-9;]*m/g, '')).toContain(
      'expect(ScriptedModel).toHaveToolCallSequence(expected)',
    );
    expect(error.actual).toEqual([{ name: 'get_weather', input: { location: 'Paris', unit: 'celsius' } }, 'get_time']);
  });

  it('fails its .not form on the same sequence', async () => {
    const model = await scriptedRun();
    expect(failureOf(() => expect(model).not.toHaveToolCallSequence(['get_weather', 'get_time']))).toContain(
      'Expected a different sequence than: ["get_weather", "get_time"]',
    );
  });

  it('rejects an expected value that is not an array', async () => {
    const model = await scriptedRun();
    expect(() => expect(model).toHaveToolCallSequence('get_weather' as never)).toThrow(TypeError);
  });
});

describe('toHaveModelCallCount', () => {
  it('counts ScriptedModel calls, Agent calls, AgentResult steps and EchoModel calls', async () => {
    const model = new ScriptedModel([reply.toolUse('get_weather', { location: 'Paris' }), reply.text('sunny')]);
    const agent = new Agent({ model, tools: [weather, time] });
    const result = await agent.process('Weather?');
    expect(model).toHaveModelCallCount(2);
    expect(agent).toHaveModelCallCount(2);
    expect(result).toHaveModelCallCount(2);
    expect(result).toHaveToolCallSequence([{ name: 'get_weather', input: { location: 'Paris' } }]);
    const echo = new EchoModel();
    await echo.getText({ messages: ask });
    expect(echo).toHaveModelCallCount(1);
  });

  it('fails with expected and received counts', async () => {
    const model = await scriptedRun();
    expect(failureOf(() => expect(model).toHaveModelCallCount(1))).toContain(
      'Expected model calls: 1\nReceived model calls: 2',
    );
    expect(failureOf(() => expect(model).not.toHaveModelCallCount(2))).toContain('Expected model calls: not 2');
  });

  it('rejects a count that is not a whole number', async () => {
    const model = await scriptedRun();
    expect(() => expect(model).toHaveModelCallCount(-1)).toThrow(
      '.toHaveModelCallCount needs a whole number of 0 or more',
    );
  });
});

describe('unsupported values', () => {
  it('throws a usage error instead of passing or failing, even under .not', () => {
    expect(() => expect({ some: 'object' }).toHaveCalledTool('x')).toThrow(
      /^\.toHaveCalledTool needs a ScriptedModel, an Agent, an AgentResult, an EchoModel or a Cassette; received \{"some": "object"\}/,
    );
    expect(() => expect(null).not.toHaveModelCallCount(0)).toThrow(TypeError);
    expect(observeCalls('agent')).toBeUndefined();
  });
});
