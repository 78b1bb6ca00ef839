import { ModelConfigurationError } from './errors.js';
import { configError, suggestOption } from './config-errors.js';

/** The options of `OpenAIModel`, the reference table in camelCase. */
export interface OpenAIModelOptions {
  /** The model id, for example "gpt-4o-mini" or "llama2" on Ollama. Required. */
  modelId: string;
  /** The API key. @default process.env.OPENAI_API_KEY */
  apiKey?: string | undefined;
  /** The API base URL, for OpenAI-compatible servers. @default process.env.OPENAI_BASE_URL, else OpenAI */
  baseUrl?: string | undefined;
  /** The OpenAI organization id. @default process.env.OPENAI_ORG_ID */
  organization?: string | undefined;
  /** Sampling temperature, 0 to 2. @default 0.7 */
  temperature?: number;
  /** The most tokens the reply may have, an integer of at least 1. @default unset (the provider's limit) */
  maxTokens?: number | undefined;
  /** Nucleus sampling, 0 to 1. @default 1 */
  topP?: number;
  /** Penalises frequent tokens, -2 to 2. @default 0 */
  frequencyPenalty?: number;
  /** Penalises tokens already present, -2 to 2. @default 0 */
  presencePenalty?: number;
  /** Generation stops at any of these strings. @default unset */
  stopSequences?: string[] | undefined;
  /** Caches responses on disk, keyed by everything that changes the answer. @default false */
  enableCache?: boolean;
  /** How long a cached response stays valid, in seconds. @default 86400 */
  cacheTtlSeconds?: number;
  /** Where cached responses live. @default process.env.SPARK_CACHE_DIR, else ".spark-cache/responses" */
  cacheDir?: string | undefined;
  /** Retries of failed requests (429, 5xx, connection errors) done by the SDK. @default 2 */
  maxRetries?: number;
  /** Request timeout in milliseconds. @default 600000 (the SDK's) */
  timeout?: number | undefined;
  /** Extra request parameters sent as they are, e.g. `{ seed: 7 }` (the reference's `**kwargs`). */
  extraParams?: Record<string, unknown> | undefined;
}

/** The resolved configuration (`getConfig()` returns it with the key masked). */
export type OpenAIModelConfig = Required<
  Pick<
    OpenAIModelOptions,
    | 'modelId'
    | 'temperature'
    | 'topP'
    | 'frequencyPenalty'
    | 'presencePenalty'
    | 'enableCache'
    | 'cacheTtlSeconds'
    | 'maxRetries'
  >
> &
  Pick<
    OpenAIModelOptions,
    'apiKey' | 'baseUrl' | 'organization' | 'maxTokens' | 'stopSequences' | 'cacheDir' | 'timeout' | 'extraParams'
  >;

/** OpenAI's own API: where requests go unless `baseUrl` or OPENAI_BASE_URL says otherwise. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Defaults of the reference table. */
const OPENAI_MODEL_DEFAULTS = {
  temperature: 0.7,
  topP: 1,
  frequencyPenalty: 0,
  presencePenalty: 0,
  enableCache: false,
  cacheTtlSeconds: 86_400,
  maxRetries: 2,
} as const;

const OPTION_NAMES: ReadonlySet<string> = new Set([
  'modelId',
  'apiKey',
  'baseUrl',
  'organization',
  'temperature',
  'maxTokens',
  'topP',
  'frequencyPenalty',
  'presencePenalty',
  'stopSequences',
  'enableCache',
  'cacheTtlSeconds',
  'cacheDir',
  'maxRetries',
  'timeout',
  'extraParams',
]);

/** Request fields spark-models sets itself; `extraParams` may not replace them. */
const RESERVED_PARAMS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'stream',
  'tools',
  'tool_choice',
  'response_format',
]);

/** Reads an environment variable, treating an empty value as unset. */
export function readEnv(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

/** Throws for an option name `OpenAIModel` does not have, suggesting the one meant. */
export function assertKnownOptions(options: object): void {
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.has(name)) {
      throw new ModelConfigurationError(
        `Unknown \`OpenAIModel\` option \`${name}\`. ${suggestOption(name, OPTION_NAMES)}`,
        { option: name },
      );
    }
  }
}

/** Validates options and fills in defaults and environment variables. Throws before any I/O. */
export function resolveConfig(options: OpenAIModelOptions): OpenAIModelConfig {
  if (options === null || typeof options !== 'object') {
    throw new ModelConfigurationError(
      'Invalid `OpenAIModel` options: expected an object such as { modelId: "gpt-4o-mini" }.',
      { option: 'options' },
    );
  }
  assertKnownOptions(options);
  const config = {
    ...OPENAI_MODEL_DEFAULTS,
    ...withoutUndefined(options),
    apiKey: emptyToUndefined(options.apiKey) ?? readEnv('OPENAI_API_KEY'),
    baseUrl: emptyToUndefined(options.baseUrl) ?? readEnv('OPENAI_BASE_URL'),
    organization: emptyToUndefined(options.organization) ?? readEnv('OPENAI_ORG_ID'),
  } as OpenAIModelConfig;
  validateConfig(config);
  return config;
}

/** Checks every field of a (merged) configuration. */
export function validateConfig(config: OpenAIModelConfig): void {
  if (typeof config.modelId !== 'string' || config.modelId.trim() === '') {
    throw configError('modelId', 'must be a non-empty model id such as "gpt-4o-mini"', config.modelId);
  }
  validateGenerationOptions(config);
  if (config.baseUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(config.baseUrl)) {
    throw configError('baseUrl', 'must be an http(s) URL such as "http://localhost:11434/v1"', config.baseUrl);
  }
  checkType(config, 'apiKey', 'string');
  checkType(config, 'organization', 'string');
  checkType(config, 'cacheDir', 'string');
  if (typeof config.enableCache !== 'boolean') {
    throw configError('enableCache', 'must be true or false', config.enableCache);
  }
  checkRange(config, 'cacheTtlSeconds', 'a number of seconds above 0', (v) => v > 0);
  checkRange(config, 'maxRetries', 'an integer of 0 or more', (v) => Number.isInteger(v) && v >= 0);
  checkRange(config, 'timeout', 'a number of milliseconds above 0', (v) => v > 0);
  validateExtraParams(config.extraParams);
}

/** Checks the generation options, which may also be given per call. */
export function validateGenerationOptions(options: Record<string, unknown>): void {
  checkRange(options, 'temperature', 'between 0 and 2', (v) => v >= 0 && v <= 2);
  checkRange(options, 'topP', 'between 0 and 1', (v) => v >= 0 && v <= 1);
  checkRange(options, 'frequencyPenalty', 'between -2 and 2', (v) => v >= -2 && v <= 2);
  checkRange(options, 'presencePenalty', 'between -2 and 2', (v) => v >= -2 && v <= 2);
  checkRange(options, 'maxTokens', 'an integer of 1 or more', (v) => Number.isInteger(v) && v >= 1);
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

function checkRange(options: Record<string, unknown>, name: string, allowed: string, ok: (v: number) => boolean): void {
  const value = options[name];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || !ok(value))) {
    throw configError(name, `must be ${allowed}`, value);
  }
}

function checkType(options: Record<string, unknown>, name: string, type: 'string'): void {
  const value = options[name];
  if (value !== undefined && typeof value !== type) {
    throw configError(name, `must be a ${type}`, name === 'apiKey' ? '(not a string)' : value);
  }
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
