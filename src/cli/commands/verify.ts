import type { PathSegment } from '../../cassette/body-paths.js';
import { REDACTED } from '../../cassette/defaults.js';
import { pathText } from '../../cassette/format.js';
import { findCassettes } from '../find-cassettes.js';
import { loadCassette, type LoadedCassette } from '../load-cassette.js';
import type { Problem } from '../problem.js';
import type { RedactionRules } from '../redaction-rules.js';
import { currentHashes } from '../rehash.js';
import { describeSecretKind, findSecrets } from '../secret-shapes.js';
import { forEachString, type DataPath } from '../walk-strings.js';
import { lineLocator } from '../../cassette/format.js';

/** What `verify` checks against. */
export interface VerifyOptions {
  paths: readonly string[];
  rules: RedactionRules;
  /** The cassettes' `ignoreBodyFields`, parsed: hashes leave these fields out. */
  ignoredFields: readonly (readonly PathSegment[])[];
}

/** What `verify` found: counts, and every problem. */
export interface VerifyResult {
  files: number;
  interactions: number;
  problems: Problem[];
}

/**
 * Checks every cassette under `paths`: it parses and has a known version; no secret is left
 * (redacted headers hold `REDACTED`, no key-shaped string or bearer token anywhere); ids are
 * unique; and each recorded hash is what its request hashes to now.
 */
export async function verifyCassettes(options: VerifyOptions): Promise<VerifyResult> {
  const result: VerifyResult = { files: 0, interactions: 0, problems: [] };
  for (const location of await findCassettes(options.paths)) {
    result.files++;
    const loaded = await loadCassette(location);
    if ('problem' in loaded) {
      result.problems.push(loaded.problem);
      continue;
    }
    result.interactions += loaded.cassette.file.interactions.length;
    result.problems.push(...checkCassette(loaded.cassette, options));
  }
  return result;
}

/** What `verify` finds in one cassette that parsed (`view` flags the same problems). */
export function checkCassette(
  cassette: LoadedCassette,
  options: Pick<VerifyOptions, 'rules' | 'ignoredFields'>,
): Problem[] {
  const { shown, text, file } = cassette;
  const lineOf = lineLocator(text);
  const problems: Problem[] = [];
  const report = (index: number, path: DataPath, problem: Pick<Problem, 'code' | 'message' | 'fix'>): void => {
    const line = lineOf(path);
    const id = file.interactions[index]?.id ?? '';
    problems.push({
      ...problem,
      file: shown,
      ...(line ? { line } : {}),
      interaction: { index, id },
      field: pathText(path),
    });
  };
  const redactFix = `Run \`spark-cassette redact --write ${shown}\`, then rotate the credential if it was real: it may already be in git history.`;
  const seen = new Map<string, number>();
  const hashes = currentHashes(file.interactions, options.ignoredFields);
  file.interactions.forEach((interaction, index) => {
    const where = `interaction #${index + 1} (${interaction.id})`;
    const first = seen.get(interaction.id);
    if (first === undefined) {
      seen.set(interaction.id, index);
    } else {
      report(index, ['interactions', index, 'id'], {
        code: 'duplicate-id',
        message: `Duplicate id in ${shown}: interactions #${first + 1} and #${index + 1} are both "${interaction.id}".`,
        fix: 'Give one of them another id (ids only need to be unique in the file), or record the cassette again.',
      });
    }
    forEachString(interaction, ['interactions', index], (value, place) => {
      if (place.header !== undefined && options.rules.headers.has(place.header)) {
        if (value !== REDACTED) {
          report(index, place.path, {
            code: 'unredacted-header',
            message: `Unredacted header in ${shown}: ${where} \`${pathText(place.path.slice(2))}\` holds a value instead of "${REDACTED}".`,
            fix: redactFix,
          });
        }
        return;
      }
      for (const secret of findSecrets(value, options.rules.patterns, options.rules.knownSecrets)) {
        report(index, place.path, {
          code: 'secret',
          message: `Secret in ${shown}: ${where} \`${pathText(place.path.slice(2))}\` holds ${describeSecretKind(secret.kind)} (${secret.preview}).`,
          fix: redactFix,
        });
      }
    });
    const hash = hashes[index];
    if (hash !== interaction.hash) {
      report(index, ['interactions', index, 'hash'], {
        code: 'hash-mismatch',
        message:
          `Hash mismatch in ${shown}: ${where} records hash ${interaction.hash.slice(0, 12)}… but its request now hashes to ${hash?.slice(0, 12)}…: ` +
          'the request was edited after recording, so the request your code sends no longer matches it.',
        fix:
          'Undo the edit, or record the cassette again (SPARK_CASSETTE_MODE=record npx vitest run <test file>). ' +
          `If the edit is intended, \`spark-cassette redact --write ${shown}\` stores the new hash. ` +
          'If the cassette uses `ignoreBodyFields`, pass each field: `--ignore-body-field <path>`.',
      });
    }
  });
  return problems;
}
