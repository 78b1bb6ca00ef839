import type { MatcherState, SyncMatcherResult } from 'vitest';
import { FAULT_KINDS, type FaultKind, type InjectedFault } from '../cassette/faults/types.js';

/**
 * Passes when the cassette injected a fault (of `kind`, when given): its `faults` option or
 * `SPARK_FAULTS` fired on at least one request.
 * @example expect(cassette).toHaveInjectedFault('rate_limit');
 */
export function toHaveInjectedFault(this: MatcherState, received: unknown, kind?: FaultKind): SyncMatcherResult {
  const { utils, isNot } = this;
  const faults = (received as { faults?: unknown } | null | undefined)?.faults;
  if (!Array.isArray(faults)) {
    throw new TypeError(
      `.toHaveInjectedFault needs a cassette (the \`cassette\` fixture, or what startCassette returned); received ${utils.printReceived(received)}.`,
    );
  }
  if (kind !== undefined && !FAULT_KINDS.includes(kind)) {
    throw new TypeError(
      `.toHaveInjectedFault takes a fault kind (${FAULT_KINDS.map((k) => `"${k}"`).join(', ')}); received ${utils.printReceived(kind)}.`,
    );
  }
  const injected = faults as InjectedFault[];
  const matching = kind === undefined ? injected : injected.filter((fault) => fault.kind === kind);
  const listed = injected.map((f) => `${f.kind} at request ${f.request}${f.status ? ` (${f.status})` : ''}`);
  const hint = utils.matcherHint('.toHaveInjectedFault', 'cassette', kind === undefined ? '' : 'kind', { isNot });
  return {
    pass: matching.length > 0,
    message: (): string =>
      `${hint}\n\nExpected: ${isNot ? 'no ' : ''}${kind === undefined ? 'fault' : `${utils.printExpected(kind)} fault`} injected\n` +
      `Injected: ${listed.length === 0 ? 'none' : listed.join(', ')}`,
    // The kinds injected against the one expected (no diff for "any fault").
    ...(kind === undefined ? {} : { actual: [...new Set(injected.map((fault) => fault.kind))], expected: [kind] }),
  };
}
