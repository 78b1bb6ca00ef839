import { hash } from 'node:crypto';

/**
 * The match hash of a request: sha256 over method, normalised URL and canonical body. Computed
 * after redaction, so a replay with another key, or none, gives the same hash.
 */
export function requestHash(method: string, normalizedUrl: string, canonical: string): string {
  // One-shot `hash`: cheaper than a `createHash` object, and it runs on every request.
  return hash('sha256', `${method.toUpperCase()} ${normalizedUrl}\n${canonical}`, 'hex');
}
