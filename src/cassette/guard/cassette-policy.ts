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
  for (const url of new Set(interactions.map((interaction) => interaction.request.url))) {
    const target = urlHostPort(url);
    if (target) {
      origins.add(recordedKey(target.host, target.port));
    }
  }
  return origins;
}
