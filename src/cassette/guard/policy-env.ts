import type { HostRule } from './hosts.js';
import type { GuardPolicy } from './policy.js';

/**
 * The environment variable that hands the policy in force to a worker thread started while it
 * applies (internal: set by the parent thread, read by `worker-entry.ts`).
 */
export const GUARD_POLICY_ENV_VAR = 'SPARK_CASSETTE_GUARD_POLICY';

/** A policy as text, for a worker's environment. */
export function policyToEnv(policy: GuardPolicy): string {
  return JSON.stringify({ cassette: policy.cassette, recorded: [...policy.recorded], allowed: policy.allowed });
}

/** The policy a parent thread handed over, or undefined when there is none (or it is unreadable). */
export function policyFromEnv(env: NodeJS.ProcessEnv = process.env): GuardPolicy | undefined {
  const text = env[GUARD_POLICY_ENV_VAR];
  if (!text) {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as { cassette: GuardPolicy['cassette']; recorded: string[]; allowed: HostRule[] };
    return { cassette: data.cassette ?? undefined, recorded: new Set(data.recorded), allowed: data.allowed };
  } catch {
    return undefined;
  }
}
