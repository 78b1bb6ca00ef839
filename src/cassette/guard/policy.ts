import { BLOCK_NETWORK_ENV_VAR } from '../defaults.js';
import { CassetteNetworkError } from '../errors.js';
import { isLoopback, normalizeHost, type HostRule } from './hosts.js';

/** The cassette a policy guards for, as its errors name it. */
export interface GuardedCassette {
  name: string;
  path: string;
  displayPath: string;
  mode: string;
}

/**
 * What the network guard lets through: `allowed` hosts, except the `recorded` origins (keys
 * from `originKey`) unless a rule names their port too. Made by a replaying cassette, or by
 * `SPARK_BLOCK_NETWORK` (no cassette).
 */
export interface GuardPolicy {
  cassette: GuardedCassette | undefined;
  recorded: ReadonlySet<string>;
  allowed: readonly HostRule[];
}

/** Where a connection goes: the host as the client named it, the address once resolved. */
export interface ConnectTarget {
  host: string;
  port: number;
  address?: string | undefined;
}

/** Why `policy` refuses a connection to `target`, or undefined when it may open. */
export function refusalReason(policy: GuardPolicy, target: ConnectTarget): string | undefined {
  const hosts = target.address === undefined ? [target.host] : [target.host, target.address];
  const named = (rule: HostRule): boolean => hosts.some((host) => sameHost(rule.host, host));
  if (policy.allowed.some((rule) => rule.port === target.port && named(rule))) {
    return undefined;
  }
  if (hosts.some((host) => policy.recorded.has(recordedKey(host, target.port)))) {
    return 'the cassette holds recordings of this origin, so the request was meant to be replayed';
  }
  if (policy.allowed.some((rule) => rule.port === undefined && named(rule))) {
    return undefined;
  }
  return policy.cassette
    ? 'replay opens no connection to a host outside `allowedHosts` (loopback by default)'
    : 'it is not a loopback host';
}

/** The key a recorded origin is kept under: loopback spellings are one host. */
export function recordedKey(host: string, port: number): string {
  return `${isLoopback(host) ? 'loopback' : normalizeHost(host)}:${port}`;
}

/** The error for a refused connection: the host, port, cassette, mode, why, and the fix. */
export function refusalError(policy: GuardPolicy, target: ConnectTarget, reason: string): CassetteNetworkError {
  const where = `${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
  const { cassette } = policy;
  const message = cassette
    ? `Cassette "${cassette.name}" (${cassette.displayPath}, mode "${cassette.mode}") refused a connection to ${where}: ${reason}. ` +
      'The client that opened it is one cassette interception does not reach (a worker thread that did not load spark-models/cassette/setup, ' +
      'a connection kept open from before spark-models was loaded, a protocol other than HTTP), and replay never touches the network. ' +
      `Make the request through an intercepted client, or record the cassette again; if ${where} must stay reachable while replaying, ` +
      `add it to \`allowedHosts\` (\`allowedHosts: ["${where}"]\`).`
    : `${BLOCK_NETWORK_ENV_VAR} is set, and a connection to ${where} was refused: ${reason}. ` +
      `Replay the request from a cassette (\`startCassette\`), add the host to ${BLOCK_NETWORK_ENV_VAR} ` +
      `(\`${BLOCK_NETWORK_ENV_VAR}=${where}\`), or unset ${BLOCK_NETWORK_ENV_VAR}.`;
  return new CassetteNetworkError(message, {
    cassettePath: cassette?.path ?? '',
    host: target.host,
    port: target.port,
    cassette: cassette?.name,
    mode: cassette?.mode,
  });
}

function sameHost(a: string, b: string): boolean {
  const x = normalizeHost(a);
  const y = normalizeHost(b);
  return x === y || (isLoopback(x) && isLoopback(y));
}
