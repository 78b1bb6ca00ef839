import { hash } from 'node:crypto';

/**
 * The match hash of a request: sha256 over method, normalised URL and canonical body. Computed
 * after redaction, so a replay with another key, or none, gives the same hash (NOTES.md).
 */
export function requestHash(method: string, normalizedUrl: string, canonical: string): string {
  // One-shot `hash`: 0.5 us against 0.9 us for a `createHash` object, on every request.
  return hash('sha256', `${method.toUpperCase()} ${normalizedUrl}\n${canonical}`, 'hex');
}
