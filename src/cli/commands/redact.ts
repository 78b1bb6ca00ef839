import type { PathSegment } from '../../cassette/body-paths.js';
import { findCassettes } from '../find-cassettes.js';
import { loadCassette } from '../load-cassette.js';
import type { InteractionRef, Problem } from '../problem.js';
import { changedFields, redactInteraction } from '../redact-interaction.js';
import type { RedactionRules } from '../redaction-rules.js';
import { currentHashes } from '../rehash.js';
import { rewriteCassette } from '../rewrite-cassette.js';

/** What `redact` applies, and whether it writes. */
export interface RedactOptions {
  paths: readonly string[];
  rules: RedactionRules;
  /** The cassettes' `ignoreBodyFields`, parsed, for the recomputed hashes. */
  ignoredFields: readonly (readonly PathSegment[])[];
  /** Change the files; otherwise only report what would change. */
  write: boolean;
}

/** The changes to one cassette. */
export interface RedactedCassette {
  file: string;
  /** Per interaction that changes: the fields that do (`request.headers.cookie`, `hash`). */
  changes: (InteractionRef & { fields: string[] })[];
  written: boolean;
}

/** What `redact` did, or would do on a dry run. */
export interface RedactResult {
  write: boolean;
  files: number;
  cassettes: RedactedCassette[];
  problems: Problem[];
}

/**
 * Applies the redaction rules again to every cassette under `paths`, then recomputes each
 * hash (hashes are taken after redaction, so replay still matches). Files without changes are
 * left alone; with `write`, changed ones are rewritten atomically under the recording lock.
 */
export async function redactCassettes(options: RedactOptions): Promise<RedactResult> {
  const result: RedactResult = { write: options.write, files: 0, cassettes: [], problems: [] };
  for (const location of await findCassettes(options.paths)) {
    result.files++;
    const loaded = await loadCassette(location);
    if ('problem' in loaded) {
      result.problems.push(loaded.problem);
      continue;
    }
    const { file, shown } = loaded.cassette;
    const redacted = file.interactions.map((interaction) => redactInteraction(interaction, options.rules));
    const hashes = currentHashes(redacted, options.ignoredFields);
    const interactions = redacted.map((interaction, i) => ({ ...interaction, hash: hashes[i] ?? interaction.hash }));
    const changes = interactions
      .map((after, index) => ({ index, id: after.id, fields: changedFields(file.interactions[index] ?? after, after) }))
      .filter((change) => change.fields.length > 0);
    if (changes.length === 0) {
      continue;
    }
    const entry: RedactedCassette = { file: shown, changes, written: false };
    result.cassettes.push(entry);
    if (options.write) {
      const rewritten = await rewriteCassette(loaded.cassette, { ...file, interactions });
      if ('problem' in rewritten) {
        result.problems.push(rewritten.problem);
      } else {
        entry.written = true;
      }
    }
  }
  return result;
}
