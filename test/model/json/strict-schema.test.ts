import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ModelConfigurationError } from '../../../src/model/errors.js';
import { planJsonOutput } from '../../../src/model/json/json-output-plan.js';
import { addStrictNulls, dropAddedNulls } from '../../../src/model/json/strict-nulls.js';
import { toStrictSchema } from '../../../src/model/json/strict-schema.js';
import type { JSONSchema } from '../../../src/model/types.js';

const subject = { name: '`jsonSchema`', fallback: '`strict: false`', option: 'jsonSchema' };
const strict = (schema: JSONSchema): JSONSchema => toStrictSchema(schema, subject);
const refusal = (schema: JSONSchema): string => {
  try {
    strict(schema);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected the schema to be refused');
};

describe('toStrictSchema', () => {
  test('requires every property, closes every object and makes optional ones nullable', () => {
    expect(
      strict({
        type: 'object',
        properties: {
          name: { type: 'string' },
          kind: { type: 'string', enum: ['city', 'town'] },
          tags: { type: 'array', items: { type: 'string' } },
          home: { $ref: '#/$defs/Place' },
          either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
          already: { type: ['string', 'null'] },
        },
        required: ['name'],
        $defs: { Place: { type: 'object', properties: { lat: { type: 'number' } } } },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        kind: { type: ['string', 'null'], enum: ['city', 'town', null] },
        tags: { type: ['array', 'null'], items: { type: 'string' } },
        home: { anyOf: [{ $ref: '#/$defs/Place' }, { type: 'null' }] },
        either: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] },
        already: { type: ['string', 'null'] },
      },
      required: ['name', 'kind', 'tags', 'home', 'either', 'already'],
      $defs: {
        Place: {
          type: 'object',
          properties: { lat: { type: ['number', 'null'] } },
          required: ['lat'],
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    });
  });

  test('leaves value-only constraints to local validation and turns oneOf into anyOf', () => {
    expect(
      strict({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          code: { type: 'string', minLength: 2, maxLength: 3, default: 'FR', pattern: '^[A-Z]+$' },
          shape: { oneOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }] },
          list: { type: 'array', items: { type: 'string' }, uniqueItems: true, minItems: 1 },
        },
        required: ['code', 'shape', 'list'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        code: { type: 'string', pattern: '^[A-Z]+$' },
        shape: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 0 }] },
        list: { type: 'array', items: { type: 'string' }, minItems: 1 },
      },
      required: ['code', 'shape', 'list'],
      additionalProperties: false,
    });
  });

  test('closes an object that allows extra keys beside its listed properties', () => {
    const sent = strict({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: {} });
    expect(sent['additionalProperties']).toBe(false);
  });

  test.each([
    [
      { type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'number' } } } },
      '"m"',
      'a map',
    ],
    [{ type: 'object', properties: { m: { type: 'object' } } }, '"m"', 'no listed `properties`'],
    [
      { type: 'object', properties: { m: { type: 'object', patternProperties: { '^x': {} } } } },
      '"m"',
      'patternProperties',
    ],
    [{ type: 'object', properties: { a: { allOf: [{ type: 'string' }] } } }, '"a"', '`allOf`'],
    [{ type: 'object', properties: { a: { not: { type: 'string' } } } }, '"a"', '`not`'],
    [{ type: 'object', properties: { a: {} } }, '"a"', 'any value'],
    [{ type: 'object', properties: { a: { type: 'array' } } }, '"a"', 'items have no schema'],
    [{ type: 'object', properties: { a: { type: 'array', items: [{ type: 'string' }] } } }, '"a"', 'tuple'],
    [
      { type: 'object', properties: { list: { type: 'array', items: { type: 'object', properties: { v: {} } } } } },
      '"list[].v"',
      'any value',
    ],
    [{ type: 'object', properties: {}, $defs: { Node: { type: 'object' } } }, '"$defs.Node"', 'a map'],
    [{ anyOf: [{ type: 'object', properties: {} }] }, 'the root', 'not an object schema'],
  ] as const)('refuses %j at %s', (schema, path, why) => {
    const message = refusal(schema as unknown as JSONSchema);
    expect(message).toContain(path);
    expect(message).toContain(why);
    expect(message).toMatch(/^Invalid `jsonSchema` for strict mode: /);
    expect(message).toContain('Pass `strict: false`');
  });

  test('accepts an object with no properties when it says so (additionalProperties: false)', () => {
    expect(strict({ type: 'object', properties: { empty: { type: 'object', additionalProperties: false } } })).toEqual({
      type: 'object',
      properties: { empty: { type: ['object', 'null'], properties: {}, required: [], additionalProperties: false } },
      required: ['empty'],
      additionalProperties: false,
    });
  });

  test('names a zod type that has no JSON Schema form by its zod name', () => {
    // A zod schema is planned with zod's converter, which `OpenAIModel` imports on first use.
    expect(() => planJsonOutput({ jsonSchema: z.object({ at: z.set(z.string()) }) }, z.toJSONSchema)).toThrow(
      /the schema at "at" is a zod set, which has no JSON Schema form/,
    );
  });
});

describe('strict nulls', () => {
  const schema: JSONSchema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      note: { type: 'string' },
      maybe: { type: ['string', 'null'] },
      shape: {
        anyOf: [
          { type: 'object', properties: { kind: { const: 'circle' }, r: { type: 'number' } }, required: ['kind'] },
          { type: 'object', properties: { kind: { const: 'square' }, side: { type: 'number' } }, required: ['kind'] },
        ],
      },
      children: { type: 'array', items: { $ref: '#' } },
    },
    required: ['name'],
  };

  test('dropAddedNulls removes nulls only where the schema as written has no null', () => {
    const value = {
      name: 'a',
      note: null,
      maybe: null,
      shape: { kind: 'square', side: null },
      children: [{ name: 'b', note: null, children: null }],
    };
    expect(dropAddedNulls(value, schema)).toEqual({
      name: 'a',
      maybe: null,
      shape: { kind: 'square' },
      children: [{ name: 'b' }],
    });
  });

  test('addStrictNulls fills what strict mode would, in the schema order', () => {
    const value = addStrictNulls({ shape: { kind: 'circle' }, name: 'a', extra: 1 }, schema);
    expect(JSON.stringify(value)).toBe(
      '{"name":"a","note":null,"maybe":null,"shape":{"kind":"circle","r":null},"children":null,"extra":1}',
    );
    expect(dropAddedNulls(value, schema)).toEqual({ name: 'a', maybe: null, shape: { kind: 'circle' }, extra: 1 });
  });
});
