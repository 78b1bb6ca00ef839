import { createHash } from 'node:crypto';

/**
 * The match hash of a request: sha256 over method, normalised URL and canonical body. Computed
 * after redaction, so a replay with another key, or none, gives the same hash (NOTES.md).
 */
export function requestHash(method: string, normalizedUrl: string, canonical: string): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${normalizedUrl}\n`).update(canonical).digest('hex');
}
