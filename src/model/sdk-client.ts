import OpenAI from 'openai';
import type { OpenAIModelConfig } from './config.js';
import { modelFetch } from './model-fetch.js';

/** Where requests go when neither `baseUrl` nor OPENAI_BASE_URL is set. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/**
 * The `openai` client for a configuration and key. Organization and project are passed as
 * resolved (`null` when unset), so the SDK does not read its own environment variables behind
 * the configuration's back.
 */
export function createSdkClient(config: OpenAIModelConfig, apiKey: string): OpenAI {
  const { baseUrl, organization, project, maxRetries, timeout, defaultHeaders, defaultQuery, fetchOptions } = config;
  return new OpenAI({
    apiKey,
    baseURL: baseUrl ?? DEFAULT_BASE_URL,
    organization: organization ?? null,
    project: project ?? null,
    maxRetries,
    ...(timeout === undefined ? {} : { timeout }),
    ...(defaultHeaders === undefined ? {} : { defaultHeaders }),
    ...(defaultQuery === undefined ? {} : { defaultQuery }),
    ...(fetchOptions === undefined ? {} : { fetchOptions }),
    fetch: modelFetch,
  });
}
