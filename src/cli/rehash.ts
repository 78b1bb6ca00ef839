import type { PathSegment } from '../cassette/body-paths.js';
import { InteractionIndex } from '../cassette/match.js';
import type { RecordedInteraction } from '../cassette/types.js';

/**
 * The hash each interaction's request gives now, computed by the very index replay builds
 * (`InteractionIndex`), not a copy of it: a stored hash that differs means the request was
 * edited after recording. `ignoredFields` must be the cassette's `ignoreBodyFields`.
 */
export function currentHashes(
  interactions: readonly RecordedInteraction[],
  ignoredFields: readonly (readonly PathSegment[])[],
): string[] {
  const rules = { ignoredFields, knownSecrets: [], redact: undefined, omittedHeaders: new Set<string>() };
  return new InteractionIndex(interactions, rules, { allowRepeats: false }).entries.map((entry) => entry.request.hash);
}
