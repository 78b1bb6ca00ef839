import type { ClientOptions } from 'openai';
import { ModelConfigurationError } from './errors.js';
import { suggestOption } from './config-errors.js';
import type { OpenAIAPI } from './openai-api.js';
import type { ReasoningEffort, ReasoningSummary, Verbosity } from './types.js';
import { validateConfig } from './validate-config.js';

/** The options of `OpenAIModel`: the reference table in camelCase, then today's OpenAI options. */
export interface OpenAIModelOptions {
  /** The model id, for example "gpt-4o-mini", "o3-mini", "openai/o3-mini" or "llama2" on Ollama. Required. */
  modelId: string;
  /**
   * The API to call: "chat" (chat completions, which every OpenAI-compatible server speaks) or
   * "responses" (OpenAI's Responses API). @default "chat"
   */
  api?: OpenAIAPI;
  /** The API key. @default process.env.OPENAI_API_KEY */
  apiKey?: string | undefined;
  /** The API base URL, for OpenAI-compatible servers. @default process.env.OPENAI_BASE_URL, else OpenAI */
  baseUrl?: string | undefined;
  /** The OpenAI organization id (`OpenAI-Organization` header). @default process.env.OPENAI_ORG_ID */
  organization?: string | undefined;
  /** The OpenAI project id (`OpenAI-Project` header). @default process.env.OPENAI_PROJECT_ID */
  project?: string | undefined;
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
  /** How hard a reasoning model thinks: "minimal", "low", "medium" or "high" (`reasoning_effort`). @default unset */
  reasoningEffort?: ReasoningEffort | undefined;
  /** How long the reply is: "low", "medium" or "high" (`verbosity`, GPT-5 models). @default unset */
  verbosity?: Verbosity | undefined;
  /** How many replies to generate, 1 to 128; all are in `response.choices`. @default unset (1) */
  n?: number | undefined;
  /** Per-token log probabilities on `response.logprobs`: `true`, or alternatives per token (0 to 20). @default unset */
  logprobs?: boolean | number | undefined;
  /** Whether the model may call several tools in one turn (`parallel_tool_calls`, sent only with tools). @default unset (the provider's: true) */
  parallelToolCalls?: boolean | undefined;
  /** Sends tools in strict mode, so the model's arguments always match their `inputSchema`. @default false */
  strictTools?: boolean | undefined;
  /**
   * Whether OpenAI keeps each response (`store`). `false` on the Responses API with a reasoning
   * model asks for its reasoning encrypted, carried in the messages to the next turn.
   * @default unset (the API's: stored)
   */
  store?: boolean | undefined;
  /** A summary of the model's reasoning on `response.reasoning`: "auto", "concise" or "detailed" (Responses API). @default unset */
  reasoningSummary?: ReasoningSummary | undefined;
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
  /** Headers sent with every request, e.g. `{ "Helicone-Auth": "Bearer ..." }` for a gateway. @default unset */
  defaultHeaders?: Record<string, string> | undefined;
  /** Query parameters added to every request URL, e.g. `{ "api-version": "2024-10-21" }`. @default unset */
  defaultQuery?: Record<string, string> | undefined;
  /** Extra `fetch` options for every request, e.g. `{ dispatcher: new ProxyAgent(url) }` from undici. @default unset */
  fetchOptions?: ClientOptions['fetchOptions'];
  /** Extra request parameters sent as they are, e.g. `{ seed: 7 }` (the reference's `**kwargs`). */
  extraParams?: Record<string, unknown> | undefined;
}

/** Options that always have a value once resolved: the model id and those with defaults. */
type ResolvedKeys = 'modelId' | keyof typeof OPENAI_MODEL_DEFAULTS;

/** The resolved configuration (`getConfig()` returns it with the key masked). */
export type OpenAIModelConfig = Required<Pick<OpenAIModelOptions, ResolvedKeys>> &
  Omit<OpenAIModelOptions, ResolvedKeys>;

/** Defaults of the reference table. */
const OPENAI_MODEL_DEFAULTS = {
  api: 'chat',
  temperature: 0.7,
  topP: 1,
  frequencyPenalty: 0,
  presencePenalty: 0,
  enableCache: false,
  cacheTtlSeconds: 86_400,
  maxRetries: 2,
} as const;

// Every key of OpenAIModelOptions, checked by the compiler against the interface.
const OPTION_KEYS: Record<keyof OpenAIModelOptions, true> = {
  modelId: true,
  api: true,
  apiKey: true,
  baseUrl: true,
  organization: true,
  project: true,
  temperature: true,
  maxTokens: true,
  topP: true,
  frequencyPenalty: true,
  presencePenalty: true,
  stopSequences: true,
  reasoningEffort: true,
  verbosity: true,
  n: true,
  logprobs: true,
  parallelToolCalls: true,
  strictTools: true,
  store: true,
  reasoningSummary: true,
  enableCache: true,
  cacheTtlSeconds: true,
  cacheDir: true,
  maxRetries: true,
  timeout: true,
  defaultHeaders: true,
  defaultQuery: true,
  fetchOptions: true,
  extraParams: true,
};
const OPTION_NAMES: ReadonlySet<string> = new Set(Object.keys(OPTION_KEYS));

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
    project: emptyToUndefined(options.project) ?? readEnv('OPENAI_PROJECT_ID'),
  } as OpenAIModelConfig;
  validateConfig(config);
  return config;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
