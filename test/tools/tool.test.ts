import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isToolError, tool, ToolDefinitionError, ToolInputError } from '../../src/tools/index.js';

const weatherSchema = {
  type: 'object',
  properties: {
    location: { type: 'string', description: 'City name or zip code' },
    unit: { type: 'string', enum: ['fahrenheit', 'celsius'] },
  },
  required: ['location'],
  additionalProperties: false,
} as const;

function getWeather() {
  return tool<{ location: string; unit?: string }, string>({
    name: 'get_weather',
    description: 'Get the current weather for a location.',
    inputSchema: weatherSchema,
    execute: ({ location, unit = 'fahrenheit' }) => `Weather in ${location}: Sunny, 72 (${unit})`,
  });
}

describe('tool() with a JSON Schema', () => {
  it('exposes toolName and a toolSpec ready for getText', () => {
    const weather = getWeather();
    expect(weather.toolName).toBe('get_weather');
    expect(weather.toolSpec).toEqual({
      name: 'get_weather',
      description: 'Get the current weather for a location.',
      inputSchema: { json: weatherSchema },
    });
  });

  it('runs through execute and through a direct call alike', async () => {
    const weather = getWeather();
    await expect(weather.execute({ location: 'Paris' })).resolves.toBe('Weather in Paris: Sunny, 72 (fahrenheit)');
    await expect(weather({ location: 'Oslo', unit: 'celsius' })).resolves.toBe('Weather in Oslo: Sunny, 72 (celsius)');
  });

  it('supports the reference tool-map pattern', async () => {
    const tools = [getWeather()];
    const toolMap = Object.fromEntries(tools.map((t) => [t.toolName, t]));
    const toolInput: Record<string, unknown> = { location: 'Tokyo' };
    await expect(toolMap['get_weather']!(toolInput as { location: string })).resolves.toContain('Tokyo');
  });

  it('rejects a missing required property, naming the tool and the path', async () => {
    const error = await getWeather()
      .execute({} as { location: string })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolInputError);
    expect(error).toMatchObject({ name: 'ToolInputError', toolName: 'get_weather' });
    expect((error as ToolInputError).issues).toEqual([{ path: 'input.location', message: 'is required' }]);
    expect((error as Error).message).toBe(
      'Invalid input for tool "get_weather": input.location is required. Call it with input that matches its `inputSchema`.',
    );
  });

  it('rejects wrong types, unknown properties and enum misses in one error', async () => {
    const error = (await getWeather()
      .execute({ location: 3, unit: 'kelvin', extra: true } as never)
      .catch((e: unknown) => e)) as ToolInputError;
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['input.extra', 'input.location', 'input.unit']);
  });

  it('does not run execute when the input is invalid', async () => {
    let runs = 0;
    const counted = tool({
      name: 'counted',
      description: 'Counts runs.',
      inputSchema: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
      execute: () => ++runs,
    });
    await expect(counted({ n: 'x' })).rejects.toThrow(ToolInputError);
    expect(runs).toBe(0);
  });

  it('names nested array paths with indexes', async () => {
    const order = tool({
      name: 'place_order',
      description: 'Place an order.',
      inputSchema: {
        type: 'object',
        properties: { items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer' } } } } },
      },
      execute: () => 'ok',
    });
    await expect(order({ items: [{ qty: 1 }, { qty: 'two' }] })).rejects.toThrow(
      'Invalid input for tool "place_order": input.items[1].qty must be integer.',
    );
  });

  it('accepts a 2020-12 JSON Schema', async () => {
    const modern = tool({
      name: 'modern',
      description: 'Uses a draft 2020-12 schema.',
      inputSchema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] } },
      },
      execute: () => 'ok',
    });
    await expect(modern({ pair: ['a', 1] })).resolves.toBe('ok');
    await expect(modern({ pair: [1, 'a'] })).rejects.toThrow('input.pair[0] must be string');
  });

  it('passes errors thrown by execute through unchanged', async () => {
    const failing = tool({
      name: 'failing',
      description: 'Always fails.',
      inputSchema: { type: 'object', properties: {} },
      execute: () => {
        throw new RangeError('database offline');
      },
    });
    await expect(failing({})).rejects.toThrow(new RangeError('database offline'));
  });
});

describe('tool() with a zod schema', () => {
  const convert = tool({
    name: 'convert_temperature',
    description: 'Convert a temperature.',
    inputSchema: z.object({
      value: z.number().describe('The temperature'),
      to: z.enum(['celsius', 'fahrenheit']).default('celsius'),
    }),
    execute: ({ value, to }) => ({ value: to === 'celsius' ? ((value - 32) * 5) / 9 : value, to }),
  });

  it('converts the schema to JSON Schema for the toolSpec', () => {
    expect(convert.toolSpec.inputSchema.json).toEqual({
      type: 'object',
      properties: {
        value: { type: 'number', description: 'The temperature' },
        to: { type: 'string', enum: ['celsius', 'fahrenheit'], default: 'celsius' },
      },
      required: ['value'],
    });
  });

  it('passes the parsed input, with defaults applied, to execute', async () => {
    await expect(convert({ value: 212 })).resolves.toEqual({ value: 100, to: 'celsius' });
  });

  it('rejects invalid input with the failing path', async () => {
    const error = (await convert({ value: 'hot' } as never).catch((e: unknown) => e)) as ToolInputError;
    expect(error).toBeInstanceOf(ToolInputError);
    expect(error.issues).toEqual([{ path: 'input.value', message: 'Invalid input: expected number, received string' }]);
    expect(isToolError(error)).toBe(true);
  });

  it('rejects a zod schema with no JSON Schema form', () => {
    expect(() =>
      tool({
        name: 'dated',
        description: 'Takes a date.',
        inputSchema: z.object({ when: z.date() }),
        execute: () => 1,
      }),
    ).toThrow(/Invalid tool "dated": its zod `inputSchema` has no JSON Schema form/);
  });
});

describe('tool() definition checks', () => {
  const base = { description: 'Does things.', inputSchema: { type: 'object' }, execute: () => 1 };

  it.each(['get weather', '', 'a'.repeat(65), 'wetter.heute', 'météo'])('rejects the name %j', (name) => {
    expect(() => tool({ ...base, name })).toThrow(ToolDefinitionError);
    expect(() => tool({ ...base, name })).toThrow(
      /^Invalid tool name .*: `name` must match \^\[a-zA-Z0-9_-\]\{1,64\}\$/,
    );
  });

  it('accepts a 64-character name with dashes and underscores', () => {
    expect(tool({ ...base, name: `a-_${'b'.repeat(61)}` }).toolName).toHaveLength(64);
  });

  it('rejects a missing or blank description', () => {
    const error = (() => {
      try {
        tool({ ...base, name: 'x', description: '  ' });
      } catch (e) {
        return e as ToolDefinitionError;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ name: 'ToolDefinitionError', option: 'description', toolName: 'x' });
    expect(() => tool({ ...base, name: 'x', description: undefined as never })).toThrow(
      '`description` is missing or empty',
    );
  });

  it('rejects an input schema that is not an object schema', () => {
    expect(() => tool({ ...base, name: 'x', inputSchema: { type: 'string' } })).toThrow(
      'Invalid tool "x": `inputSchema` must describe an object (type "object"), got type "string".',
    );
    expect(() => tool({ ...base, name: 'x', inputSchema: z.string() })).toThrow('got type "string"');
    expect(() => tool({ ...base, name: 'x', inputSchema: null as never })).toThrow('got null');
  });

  it('rejects an invalid JSON Schema', () => {
    expect(() =>
      tool({ ...base, name: 'x', inputSchema: { type: 'object', properties: { a: { type: 'strin' } } } }),
    ).toThrow(/Invalid tool "x": `inputSchema` is not a valid JSON Schema/);
  });

  it('rejects a missing execute function', () => {
    expect(() => tool({ ...base, name: 'x', execute: undefined as never })).toThrow(
      'Invalid tool "x": `execute` must be a function, got undefined.',
    );
  });
});
