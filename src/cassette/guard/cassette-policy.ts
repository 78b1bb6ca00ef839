import type { CassetteMode } from '../defaults.js';
import type { RecordedInteraction } from '../types.js';
import { parseHostRule, urlHostPort, type HostRule } from './hosts.js';
import { recordedKey, type GuardedCassette, type GuardPolicy } from './policy.js';
import type { GuardedRun } from './network-guard.js';

/**
 * What the network guard does while a cassette runs. Replay refuses every connection to an
 * origin the cassette recorded or to a host outside `allowedHosts`; record, auto and
 * passthrough refuse none. All but passthrough close connections opened earlier to such
 * origins, so that what they carry next is intercepted rather than sent unseen.
 */
export function guardedRun(
  cassette: GuardedCassette & { mode: CassetteMode },
  interactions: readonly RecordedInteraction[],
  allowedHosts: readonly string[],
  onRefusal: (error: Error) => void,
): GuardedRun {
  const policy: GuardPolicy = {
    cassette,
    recorded: recordedOrigins(interactions),
    // Checked by validate-options before the cassette started.
    allowed: allowedHosts.map((entry) => parseHostRule(entry) as HostRule),
  };
  return {
    policy: cassette.mode === 'replay' ? policy : null,
    stale: cassette.mode === 'passthrough' ? undefined : policy,
    onRefusal,
  };
}

function recordedOrigins(interactions: readonly RecordedInteraction[]): Set<string> {
  const origins = new Set<string>();
  for (const interaction of interactions) {
    const key = originOf(interaction.request.url);
    if (key !== undefined) {
      origins.add(key);
    }
  }
  return origins;
}

// Origins by recorded URL: every start of a cassette names the same few URLs again.
const origins = new Map<string, string | undefined>();

function originOf(url: string): string | undefined {
  if (!origins.has(url)) {
    if (origins.size >= 1_000) {
      origins.clear();
    }
    const target = urlHostPort(url);
    origins.set(url, target && recordedKey(target.host, target.port));
  }
  return origins.get(url);
}
