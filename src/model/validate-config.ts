import { assertApiSupports } from './api-support.js';
import { configError } from './config-errors.js';
import type { OpenAIModelConfig } from './config.js';
import { OPENAI_APIS } from './openai-api.js';

/** Request fields spark-models sets itself; `extraParams` may not replace them. */
const RESERVED_PARAMS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'input',
  'instructions',
  'previous_response_id',
  'stream',
  'tools',
  'tool_choice',
  'response_format',
  'text',
]);

/** `fetch` options the SDK sets on every request itself. */
const SDK_FETCH_FIELDS = ['body', 'headers', 'method', 'signal'];

type Options = Record<string, unknown>;

/** Checks every field of a (merged) configuration. */
export function validateConfig(config: OpenAIModelConfig): void {
  if (typeof config.modelId !== 'string' || config.modelId.trim() === '') {
    throw configError('modelId', 'must be a non-empty model id such as "gpt-4o-mini"', config.modelId);
  }
  const options = config as unknown as Options;
  checkOneOf(options, 'api', OPENAI_APIS);
  validateGenerationOptions(options);
  assertApiSupports(config.api ?? 'chat', options, 'options');
  if (config.baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(config.baseUrl)) {
    throw configError('baseUrl', 'must be an http(s) URL such as "http://localhost:11434/v1"', config.baseUrl);
  }
  checkType(options, 'apiKey', 'string');
  checkType(options, 'organization', 'string');
  checkType(options, 'project', 'string');
  checkType(options, 'cacheDir', 'string');
  if (typeof config.enableCache !== 'boolean') {
    throw configError('enableCache', 'must be true or false', config.enableCache);
  }
  checkRange(options, 'cacheTtlSeconds', 'a number of seconds above 0', (v) => v > 0);
  checkStringMap(options, 'defaultHeaders', '{ "X-Title": "my-app" }');
  checkStringMap(options, 'defaultQuery', '{ "api-version": "2024-10-21" }');
  validateFetchOptions(config.fetchOptions);
  validateExtraParams(config.extraParams);
}

// The rules of the options a call may also give, made once: every call checks them.
const GENERATION_RANGES: readonly (readonly [string, string, (v: number) => boolean])[] = [
  ['temperature', 'between 0 and 2', (v) => v >= 0 && v <= 2],
  ['topP', 'between 0 and 1', (v) => v >= 0 && v <= 1],
  ['frequencyPenalty', 'between -2 and 2', (v) => v >= -2 && v <= 2],
  ['presencePenalty', 'between -2 and 2', (v) => v >= -2 && v <= 2],
  ['maxTokens', 'an integer of 1 or more', (v) => Number.isInteger(v) && v >= 1],
  ['n', 'an integer from 1 to 128', (v) => Number.isInteger(v) && v >= 1 && v <= 128],
  ['maxRetries', 'an integer of 0 or more', (v) => Number.isInteger(v) && v >= 0],
  ['timeout', 'a number of milliseconds above 0', (v) => v > 0],
];
const GENERATION_CHOICES: readonly (readonly [string, readonly (string | boolean)[]])[] = [
  ['reasoningEffort', ['minimal', 'low', 'medium', 'high']],
  ['verbosity', ['low', 'medium', 'high']],
  ['parallelToolCalls', [true, false]],
  ['strictTools', [true, false]],
  ['store', [true, false]],
  ['reasoningSummary', ['auto', 'concise', 'detailed']],
];

/** Checks the options a call may also give: generation, reasoning, tools and request options. */
export function validateGenerationOptions(options: Options): void {
  for (const [name, allowed, ok] of GENERATION_RANGES) {
    checkRange(options, name, allowed, ok);
  }
  for (const [name, allowed] of GENERATION_CHOICES) {
    checkOneOf(options, name, allowed);
  }
  const logprobs = options['logprobs'];
  if (
    logprobs !== undefined &&
    typeof logprobs !== 'boolean' &&
    !(typeof logprobs === 'number' && Number.isInteger(logprobs) && logprobs >= 0 && logprobs <= 20)
  ) {
    throw configError(
      'logprobs',
      'must be true, false, or how many alternatives per token (an integer from 0 to 20)',
      logprobs,
    );
  }
  const stop = options['stopSequences'];
  if (stop !== undefined && (!Array.isArray(stop) || stop.some((s) => typeof s !== 'string' || s === ''))) {
    throw configError('stopSequences', 'must be a list of non-empty strings such as ["\\n\\n"]', stop);
  }
}

/** Checks `extraParams`, per model or per call. */
export function validateExtraParams(extra: unknown): void {
  if (extra === undefined) {
    return;
  }
  if (extra === null || typeof extra !== 'object' || Array.isArray(extra)) {
    throw configError('extraParams', 'must be an object of request fields such as { seed: 7 }', extra);
  }
  const reserved = Object.keys(extra).find((key) => RESERVED_PARAMS.has(key));
  if (reserved) {
    throw configError(
      'extraParams',
      `may not set "${reserved}", which spark-models sets from its own options`,
      reserved,
    );
  }
}

function validateFetchOptions(fetchOptions: unknown): void {
  if (fetchOptions === undefined) {
    return;
  }
  if (fetchOptions === null || typeof fetchOptions !== 'object' || Array.isArray(fetchOptions)) {
    throw configError('fetchOptions', 'must be an object of `fetch` options such as { dispatcher }', fetchOptions);
  }
  const managed = SDK_FETCH_FIELDS.find((key) => key in fetchOptions);
  if (managed) {
    throw configError(
      'fetchOptions',
      `may not set "${managed}", which the SDK sets on every request (headers go in \`defaultHeaders\`)`,
      managed,
    );
  }
}

function checkRange(options: Options, name: string, allowed: string, ok: (v: number) => boolean): void {
  const value = options[name];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || !ok(value))) {
    throw configError(name, `must be ${allowed}`, value);
  }
}

function checkOneOf(options: Options, name: string, allowed: readonly (string | boolean)[]): void {
  const value = options[name];
  if (value !== undefined && !allowed.includes(value as string | boolean)) {
    const list = allowed.map((item) => (typeof item === 'string' ? `"${item}"` : String(item)));
    throw configError(name, `must be ${list.slice(0, -1).join(', ')} or ${list.at(-1)}`, value);
  }
}

function checkType(options: Options, name: string, type: 'string'): void {
  const value = options[name];
  if (value !== undefined && typeof value !== type) {
    throw configError(name, `must be a ${type}`, name === 'apiKey' ? '(not a string)' : value);
  }
}

// Header values may hold credentials: an error names the offending header, never its value.
function checkStringMap(options: Options, name: string, example: string): void {
  const value = options[name];
  if (value === undefined) {
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw configError(name, `must be an object of strings such as ${example}`, '(not an object)');
  }
  const bad = Object.entries(value).find(([, item]) => typeof item !== 'string');
  if (bad) {
    throw configError(name, `must be an object of strings such as ${example}; "${bad[0]}" is not a string`, bad[0]);
  }
}
