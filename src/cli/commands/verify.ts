import type { PathSegment } from '../../cassette/body-paths.js';
import { REDACTED } from '../../cassette/defaults.js';
import { pathText } from '../../cassette/format.js';
import { findCassettes } from '../find-cassettes.js';
import { loadCassette, type LoadedCassette } from '../load-cassette.js';
import type { Problem } from '../problem.js';
import type { RedactionRules } from '../redaction-rules.js';
import { currentHashes } from '../rehash.js';
import { describeSecretKind, findSecrets, type NamedSecret, type SecretMatch } from '../secret-shapes.js';
import { forEachString, type DataPath } from '../walk-strings.js';
import { lineLocator } from '../../cassette/format.js';
import { recordedSecrets } from '../../cassette/secrets.js';
import { findSplitSecrets, type EventPiece } from '../../cassette/sse-secrets.js';
import type { RecordedInteraction } from '../../cassette/types.js';
import { secretMatcher } from '../../internal/secret-forms.js';

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
 * (redacted headers hold `REDACTED`; no key-shaped string, bearer token, or value recording
 * would have scrubbed, in any encoding, in any string, base64 body or across stream events);
 * ids are unique; and each recorded hash is what its request hashes to now.
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

/**
 * The secrets to look for in one interaction, as recording would have learned them
 * (`recordedSecrets`): the environment's, by name, and any credential its request (or its
 * response's headers) still holds, such as a header `--header` names or a `?key=` query value.
 */
function knownSecrets(
  interaction: RecordedInteraction,
  environment: readonly NamedSecret[],
): { request: NamedSecret[]; response: NamedSecret[] } {
  const learned = recordedSecrets(interaction, []);
  const named = (values: readonly string[], label: string): NamedSecret[] => [
    ...environment,
    ...values.filter((v) => !environment.some((e) => e.value === v)).map((value) => ({ value, label })),
  ];
  return {
    request: named(learned.request, 'a credential its request sent'),
    response: named(learned.response, 'a credential its request or response headers carry'),
  };
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
    const known = knownSecrets(interaction, options.rules.namedSecrets);
    const secretIn = (path: DataPath, secret: SecretMatch): void =>
      report(index, path, {
        code: 'secret',
        message: `Secret in ${shown}: ${where} \`${pathText(path.slice(2))}\` holds ${secret.label ?? describeSecretKind(secret.kind)} (${secret.preview}).`,
        fix: redactFix,
      });
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
      const part = place.path[2] === 'request' ? known.request : known.response;
      const latin1 = place.path.at(-1) === 'base64';
      for (const secret of findSecrets(value, options.rules.patterns, part, { latin1 })) {
        secretIn(place.path, secret);
      }
    });
    // A secret split across a stream's events, readable once a client joins them.
    for (const part of ['request', 'response'] as const) {
      const body = interaction[part].body;
      if (body && 'events' in body) {
        const values = (part === 'request' ? known.request : known.response).map((s) => s.value);
        for (const { pieces } of findSplitSecrets(body.events, secretMatcher(values))) {
          const first = pieces[0] as EventPiece;
          const joined = pieces.map((piece) => piece.text).join('');
          secretIn(['interactions', index, part, 'body', 'events', first.event, ...first.path], {
            kind: 'known-secret',
            start: 0,
            end: joined.length,
            preview: `split across ${pieces.length} events: ${joined.slice(0, Math.min(6, Math.floor(joined.length / 3)))}…, ${joined.length} characters`,
            label: 'a secret split across stream events',
          });
        }
      }
    }
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
