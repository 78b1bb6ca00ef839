import { JSON_INDENTS } from './defaults.js';
import { declaredJsonProblem, headerNameProblem, headerValueProblem } from './replayable.js';
import { FORMAT_VERSION, type CassetteFile, type RecordedResponse } from './types.js';

/** What is wrong with a parsed cassette, and where (a path into the data). */
export interface FormatProblem {
  path: (string | number)[];
  reason: string;
  fix?: string;
}

// A path as a chain of segments, made into a list only for a problem: as arrays, validating a
// large cassette built one per field checked.
type Path = { up: Path; at: string | number } | undefined;
type Check = (value: unknown, path: Path) => FormatProblem | undefined;

const at = (up: Path, segment: string | number): Path => ({ up, at: segment });

function segments(path: Path): (string | number)[] {
  const out: (string | number)[] = [];
  for (let node = path; node; node = node.up) {
    out.unshift(node.at);
  }
  return out;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const problem = (path: Path, reason: string, fix?: string): FormatProblem => ({
  path: segments(path),
  reason,
  ...(fix ? { fix } : {}),
});

const string: Check = (value, path) =>
  typeof value === 'string' ? undefined : problem(path, `must be a string, found ${describe(value)}`);

/** Checks that `data` is a version-1 cassette; the file is returned as is when it is. */
export function validateCassette(data: unknown): { file: CassetteFile } | { problem: FormatProblem } {
  const found = checkRoot(data);
  return found ? { problem: found } : { file: data as CassetteFile };
}

/** Checks one interaction (the item at `index` of a file's list); the problem, if any. */
export function validateInteraction(data: unknown, index: number): FormatProblem | undefined {
  return checkInteraction(data, at(at(undefined, 'interactions'), index));
}

/** Checks the `response` of the interaction at `index` of a file's list; the problem, if any. */
export function validateResponse(data: unknown, index: number): FormatProblem | undefined {
  return checkResponse(data, at(at(at(undefined, 'interactions'), index), 'response'));
}

function checkRoot(data: unknown): FormatProblem | undefined {
  if (data === null || data === undefined) {
    return problem(undefined, 'the file is empty');
  }
  if (!isObject(data)) {
    return problem(
      undefined,
      `the file holds ${describe(data)}, not a cassette (a mapping with \`version\` and \`interactions\`)`,
    );
  }
  if (!('version' in data)) {
    return problem(at(undefined, 'version'), 'is missing (the file may not be a cassette)');
  }
  if (data['version'] !== FORMAT_VERSION) {
    return problem(
      at(undefined, 'version'),
      `is ${JSON.stringify(data['version'])}, a version this spark-models cannot read (it reads version ${FORMAT_VERSION})`,
      'Upgrade spark-models, or record the cassette again with SPARK_CASSETTE_MODE=record.',
    );
  }
  return fields(
    data,
    undefined,
    { version: () => undefined, interactions: list(checkInteraction) },
    { provenance: (v, p) => fields(v, p, { toolkit: string, openai: string, models: list(string) }) },
  );
}

function checkInteraction(value: unknown, path: Path): FormatProblem | undefined {
  return fields(value, path, INTERACTION_FIELDS);
}

const httpStatus: Check = (value, path) =>
  Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599
    ? undefined
    : problem(path, `must be an HTTP status (100 to 599), found ${describe(value)}`);

const headerMap: Check = (value, path) => {
  if (!isObject(value)) {
    return problem(path, `must be a mapping of header names to values, found ${describe(value)}`);
  }
  for (const [name, one] of Object.entries(value)) {
    const found =
      (headerNameProblem(name) && problem(at(path, name), headerNameProblem(name) as string)) ||
      (Array.isArray(one) ? list(sendable)(one, at(path, name)) : sendable(one, at(path, name)));
    if (found) {
      return found;
    }
  }
  return undefined;
};

// A header value: a string `fetch` can send (replayable.ts).
const sendable: Check = (value, path) => {
  const reason = typeof value === 'string' ? headerValueProblem(value) : undefined;
  return string(value, path) ?? (reason ? problem(path, reason, FIX_OR_RECORD) : undefined);
};
const FIX_OR_RECORD = 'Fix the value in the file, or record the cassette again with SPARK_CASSETTE_MODE=record.';

// The response's shape, then what it says about its own body.
const checkResponse: Check = (value, path) => {
  const found = fields(value, path, RESPONSE_FIELDS, BODY_FIELD);
  const declared = found ? undefined : declaredJsonProblem(value as RecordedResponse);
  return found ?? (declared && problem(declared.path.reduce<Path>(at, path), declared.reason, FIX_OR_RECORD));
};

const BODY_KINDS = ['json', 'events', 'text', 'base64'] as const;

const checkBody: Check = (value, path) => {
  if (!isObject(value)) {
    return problem(path, `must be a mapping with one of ${BODY_KINDS.join(', ')}, found ${describe(value)}`);
  }
  const kinds = BODY_KINDS.filter((kind) => kind in value);
  if (kinds.length !== 1) {
    return problem(
      path,
      `must hold exactly one of ${BODY_KINDS.join(', ')}, found ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`,
    );
  }
  const extra: Record<string, Check> = {
    indent: (v, p) =>
      JSON_INDENTS.includes(v as number) ? undefined : problem(p, `must be one of ${JSON_INDENTS.join(', ')}`),
    trailingNewline: (v, p) => (typeof v === 'boolean' ? undefined : problem(p, 'must be true or false')),
  };
  if (kinds[0] === 'events') {
    return fields(value, path, { events: list(checkEvent) });
  }
  if (kinds[0] === 'json') {
    return fields(value, path, { json: () => undefined }, extra);
  }
  return fields(value, path, { [kinds[0] as string]: string });
};

const checkEvent: Check = (value, path) =>
  fields(
    value,
    path,
    {},
    {
      comment: string,
      event: string,
      id: string,
      retry: (v, p) => (Number.isInteger(v) ? undefined : problem(p, 'must be an integer')),
      json: () => undefined,
      data: string,
      offsetMs: (v, p) =>
        Number.isInteger(v) && (v as number) >= 0 ? undefined : problem(p, 'must be a whole number of milliseconds'),
    },
  );

// Built once: a file of 1,000 interactions made these objects and closures 1,000 times.
const BODY_FIELD: Record<string, Check> = { body: checkBody };
const REQUEST_FIELDS: Record<string, Check> = { method: string, url: string, headers: headerMap };
const RESPONSE_FIELDS: Record<string, Check> = { status: httpStatus, headers: headerMap };
const INTERACTION_FIELDS: Record<string, Check> = {
  id: string,
  hash: string,
  request: (v, p) => fields(v, p, REQUEST_FIELDS, BODY_FIELD),
  response: checkResponse,
  recordedAt: (v, p) =>
    typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v) && !Number.isNaN(Date.parse(v))
      ? undefined
      : problem(
          p,
          `must be an ISO time like "2025-01-31T12:00:00.000Z", found ${describe(v)} (the file may be cut short)`,
        ),
};

function list(each: Check): Check {
  return (value, path) => {
    if (!Array.isArray(value)) {
      return problem(path, value === undefined ? 'is missing' : `must be a list, found ${describe(value)}`);
    }
    for (const [index, item] of value.entries()) {
      const found = each(item, at(path, index));
      if (found) {
        return found;
      }
    }
    return undefined;
  };
}

/** Checks required and optional fields of a mapping; unknown fields are an error too. */
function fields(
  value: unknown,
  path: Path,
  required: Record<string, Check>,
  optional: Record<string, Check> = {},
): FormatProblem | undefined {
  if (!isObject(value)) {
    return problem(path, value === undefined ? 'is missing' : `must be a mapping, found ${describe(value)}`);
  }
  for (const [name, check] of Object.entries(required)) {
    if (value[name] === undefined) {
      return problem(at(path, name), 'is missing (the file may be cut short or hand-edited)');
    }
    const found = check(value[name], at(path, name));
    if (found) {
      return found;
    }
  }
  for (const [name, item] of Object.entries(value)) {
    if (name in required) {
      continue;
    }
    const check = optional[name];
    if (!check) {
      return problem(at(path, name), 'is not a field of a version 1 cassette');
    }
    const found = check(item, at(path, name));
    if (found) {
      return found;
    }
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}
