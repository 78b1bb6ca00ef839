import { hash } from 'node:crypto';

/**
 * A number in [0, 1) that depends only on its parts: the seed, the cassette's name, the rule's
 * index and the request's key. Never `Math.random` nor a clock, so a seed gives the same faults
 * in every run, worker and shard.
 */
export function draw(seed: number, cassette: string, rule: number, key: string): number {
  const digest = hash('sha256', `${seed}\u0000${cassette}\u0000${rule}\u0000${key}`, 'hex');
  // 48 bits: exact in a double, and fine enough for any rate.
  return Number.parseInt(digest.slice(0, 12), 16) / 2 ** 48;
}

/** A stable `x-request-id` for the fault at request `number`. */
export function faultRequestId(seed: number, cassette: string, number: number): string {
  return `req_${hash('sha256', `${seed}\u0000${cassette}\u0000${number}`, 'hex').slice(0, 32)}`;
}
