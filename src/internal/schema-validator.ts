import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type * as Ajv2020Module from 'ajv/dist/2020.js';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { JSONSchema, JsonSchemaInput, ZodLike } from '../model/types.js';

/** One reason a value failed its schema: where (`input.items[0].name`) and why. */
export interface SchemaIssue {
  path: string;
  message: string;
}

/** The outcome of validating a value: the value (zod: the parsed output) or the issues. */
export type SchemaCheck = { ok: true; value: unknown } | { ok: false; issues: SchemaIssue[] };

/** Validates one value against the schema it was made for. */
export type SchemaValidator = (value: unknown) => SchemaCheck;

/** True for anything with zod's `safeParse`, as `JsonSchemaInput` allows. */
export function isZodLike(schema: unknown): schema is ZodLike {
  return typeof (schema as ZodLike | undefined)?.safeParse === 'function';
}

// @note ajv's default class speaks draft-07 and refuses a 2020-12 `$schema` (what zod and many
// generators emit by default), so each draft gets its own instance, made on first use.
// @note ajv is loaded then too, by a synchronous `require` (ajv is CommonJS): importing it
// costs every importer of `OpenAIModel`, most of whose calls validate nothing.
const require = createRequire(import.meta.url);
let draft07: Ajv | undefined;
let draft2020: Ajv2020 | undefined;
const compiled = new WeakMap<object, ValidateFunction>();
const AJV_OPTIONS = { allErrors: true, strict: false, validateFormats: false } as const;

function compile(schema: JSONSchema): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) {
    return cached;
  }
  const declared = typeof schema['$schema'] === 'string' ? schema['$schema'] : '';
  let validate: ValidateFunction;
  if (declared.includes('2020-12')) {
    if (!draft2020) {
      const { Ajv2020: Ajv2020Class } = require('ajv/dist/2020.js') as typeof Ajv2020Module;
      draft2020 = new Ajv2020Class(AJV_OPTIONS);
    }
    validate = draft2020.compile(schema);
  } else {
    // Draft 4 and 6 meta-schemas are not bundled; their keywords validate fine as draft-07.
    const { $schema: _ignored, ...rest } = schema;
    if (!draft07) {
      const { Ajv: AjvClass } = require('ajv') as typeof AjvModule;
      draft07 = new AjvClass(AJV_OPTIONS);
    }
    validate = draft07.compile(declared.includes('draft-07') ? schema : rest);
  }
  compiled.set(schema, validate);
  return validate;
}

/** Formats a path of keys and indexes as `root.key[0].other`. */
function formatPath(root: string, segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : `${path}.${String(segment)}`),
    root,
  );
}

function ajvIssue(root: string, error: ErrorObject): SchemaIssue {
  const segments: PropertyKey[] = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty !== undefined) {
    return { path: formatPath(root, [...segments, params.missingProperty]), message: 'is required' };
  }
  if (error.keyword === 'additionalProperties' && params.additionalProperty !== undefined) {
    return { path: formatPath(root, [...segments, params.additionalProperty]), message: 'is not allowed' };
  }
  return { path: formatPath(root, segments), message: error.message ?? `fails "${error.keyword}"` };
}

/**
 * Makes a validator for a JSON Schema (ajv) or a zod schema (`safeParse`). Issue paths start
 * at `root`. Throws ajv's own error when the JSON Schema itself is invalid.
 */
export function createSchemaValidator(schema: JsonSchemaInput, root: string = 'input'): SchemaValidator {
  if (isZodLike(schema)) {
    return (value) => {
      const result = schema.safeParse(value);
      if (result.success) {
        return { ok: true, value: result.data };
      }
      const issues = (result.error as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
      return {
        ok: false,
        issues: (issues ?? [{ path: [], message: String(result.error) }]).map((issue) => ({
          path: formatPath(root, issue.path),
          message: issue.message,
        })),
      };
    };
  }
  const validate = compile(schema);
  return (value) =>
    validate(value)
      ? { ok: true, value }
      : { ok: false, issues: (validate.errors ?? []).map((e) => ajvIssue(root, e)) };
}

/** Formats issues as `input.location is required; input.unit must be equal to one of ...`. */
export function formatIssues(issues: readonly SchemaIssue[]): string {
  return issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
}
