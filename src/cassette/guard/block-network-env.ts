import { BLOCK_NETWORK_ENV_VAR, DEFAULT_ALLOWED_HOSTS } from '../defaults.js';
import { CassetteConfigurationError } from '../errors.js';
import { parseHostRule, type HostRule } from './hosts.js';
import type { GuardPolicy } from './policy.js';

let read: { raw: string; policy: GuardPolicy | undefined } | undefined;

/**
 * The policy `SPARK_BLOCK_NETWORK` asks for, or undefined when it is unset, `""`, `0` or
 * `false`. `1` or `true` allows loopback only; a comma-separated list of hosts (`host` or
 * `host:port`) allows those too.
 */
export function blockNetworkPolicy(env: NodeJS.ProcessEnv = process.env): GuardPolicy | undefined {
  const raw = (env[BLOCK_NETWORK_ENV_VAR] ?? '').trim();
  if (read?.raw !== raw) {
    read = { raw, policy: parse(raw) };
  }
  return read.policy;
}

function parse(raw: string): GuardPolicy | undefined {
  const value = raw.toLowerCase();
  if (value === '' || value === '0' || value === 'false') {
    return undefined;
  }
  const extra = value === '1' || value === 'true' ? [] : raw.split(',').map((entry) => entry.trim());
  const rules: HostRule[] = [];
  for (const entry of [...DEFAULT_ALLOWED_HOSTS, ...extra]) {
    const rule = parseHostRule(entry);
    if (!rule) {
      throw new CassetteConfigurationError(
        `Invalid ${BLOCK_NETWORK_ENV_VAR}=${JSON.stringify(raw)}: ${JSON.stringify(entry)} is not a host or host:port. ` +
          `Set it to "1" (loopback only) or to hosts that stay reachable, like "db.internal,cache:6379".`,
        { cassettePath: '', option: BLOCK_NETWORK_ENV_VAR },
      );
    }
    rules.push(rule);
  }
  return { cassette: undefined, recorded: new Set(), allowed: rules };
}
