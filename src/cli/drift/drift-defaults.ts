/** Defaults of `drift`: a small run unless asked for more (each live request is billed). */
export const DRIFT_DEFAULTS = { maxRequests: 20, concurrency: 4, timeoutMs: 60_000, keyEnv: 'OPENAI_API_KEY' } as const;
