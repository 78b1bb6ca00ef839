import type { OpenAIModelConfig } from './config.js';

/** Header names whose values are credentials (auth schemes, keys, tokens, cookies). */
const SECRET_HEADER = /auth|key|token|secret|cookie|password/i;

/**
 * The configuration as `getConfig()` shows it: the API key shortened to its first 3 and last
 * 4 characters, and the values of credential-like `defaultHeaders` masked the same way.
 */
export function maskConfig(config: OpenAIModelConfig): Readonly<OpenAIModelConfig> {
  const { apiKey, defaultHeaders, ...rest } = config;
  return {
    ...rest,
    apiKey: apiKey === undefined ? undefined : maskValue(apiKey),
    ...(defaultHeaders === undefined
      ? {}
      : {
          defaultHeaders: Object.fromEntries(
            Object.entries(defaultHeaders).map(([name, value]) => [
              name,
              SECRET_HEADER.test(name) ? maskValue(value) : value,
            ]),
          ),
        }),
  };
}

function maskValue(value: string): string {
  return value.length <= 8 ? '***' : `${value.slice(0, 3)}…${value.slice(-4)}`;
}
