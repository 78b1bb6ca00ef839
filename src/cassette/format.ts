import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './yaml/yaml-lib.js';
import { CassetteFormatError } from './errors.js';
import { validateCassette, type FormatProblem } from './validate.js';
import { readYamlBytes, readYamlSubset } from './yaml/yaml-reader.js';
import { attachDeferredJson, DEFERRED_KEYS } from './load/deferred-json.js';
import { styleMultilineStrings } from './yaml/yaml-style.js';
import type { CassetteFile, RecordedInteraction, RecordedRequest, RecordedResponse } from './types.js';

/**
 * The YAML text of a cassette. Deterministic: keys in the order the file types declare them,
 * no folding of long lines, no anchors, multi-line strings as literal blocks when exact.
 */
export function serializeCassette(file: CassetteFile): string {
  const ordered: CassetteFile = {
    version: file.version,
    ...(file.provenance ? { provenance: file.provenance } : {}),
    interactions: file.interactions.map(inFileOrder),
  };
  const document = new (yamlLib().Document)(ordered, { aliasDuplicateObjects: false });
  styleMultilineStrings(document);
  return document.toString({ lineWidth: 0, minContentWidth: 0, indentSeq: true });
}

/**
 * Reads cassette text, or throws `CassetteFormatError` naming the file and the line or field:
 * never a bare parser stack. Text in the form `serializeCassette` writes goes through a reader
 * of just that subset of YAML, several times faster than `yaml` (yaml/README.md); anything else
 * (comments, anchors, hand-made layouts) through `yaml`.
 */
export function parseCassette(text: string, cassettePath: string): CassetteFile {
  const read = readYamlSubset(text);
  return validated(read ? read.value : parseYaml(text, cassettePath), () => text, cassettePath);
}

/**
 * `parseCassette` from the file's bytes: faster again when some characters are not ASCII,
 * as they are then read as latin1 and only those scalars decoded (yaml/yaml-reader.ts). With
 * `deferJson`, bodies' JSON is checked but built only when first touched (load/deferred-json.ts),
 * and the returned cassette holds on to `bytes` until then.
 */
export function parseCassetteBytes(
  bytes: Buffer,
  cassettePath: string,
  options: { deferJson?: boolean } = {},
): CassetteFile {
  const read = readYamlBytes(bytes, options.deferJson ? { defer: DEFERRED_KEYS } : {});
  const text = (): string => bytes.toString('utf8');
  const file = validated(read ? read.value : parseYaml(text(), cassettePath), text, cassettePath);
  if (read && options.deferJson) {
    attachDeferredJson(file, bytes, cassettePath);
  }
  return file;
}

function parseYaml(text: string, cassettePath: string): unknown {
  try {
    // No merge keys, no custom tags: a cassette is plain data.
    return yamlLib().parse(text, { merge: false, uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    const line = error instanceof yamlLib().YAMLParseError ? error.linePos?.[0]?.line : undefined;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CassetteFormatError(
      `Cannot read cassette ${cassettePath}${line ? ` (line ${line})` : ''}: invalid YAML: ${reason}. ` +
        'Fix the file, or delete it and record again with SPARK_CASSETTE_MODE=record.',
      { cassettePath, line, cause: error },
    );
  }
}

// The text is only needed (decoded, for lines) when the file is wrong.
function validated(data: unknown, text: () => string, cassettePath: string): CassetteFile {
  const result = validateCassette(data);
  if ('problem' in result) {
    throw formatError(result.problem, text(), cassettePath);
  }
  return result.file;
}

function formatError(problem: FormatProblem, text: string, cassettePath: string): CassetteFormatError {
  const line = lineLocator(text)(problem.path);
  const field = problem.path.length === 0 ? undefined : pathText(problem.path);
  return new CassetteFormatError(
    `Cannot read cassette ${cassettePath}${line ? ` (line ${line})` : ''}: ` +
      `${field ? `\`${field}\` ` : ''}${problem.reason}. ${problem.fix ?? 'Fix the file, or delete it and record again with SPARK_CASSETTE_MODE=record.'}`,
    { cassettePath, line, field },
  );
}

/** `interactions[2].response.status` from its segments. */
export function pathText(path: readonly (string | number)[]): string {
  return path
    .map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`))
    .join('');
}

/**
 * Finds the line of a data path in a cassette's YAML text: the line of the deepest key or item on
 * the path that exists (for a missing field, the key of the mapping that lacks it). The text is
 * parsed again with positions only when a line is first asked for, so only on error paths.
 */
export function lineLocator(text: string): (path: readonly (string | number)[]) => number | undefined {
  let parsed: { document: Document; lineCounter: LineCounter } | undefined;
  return (path) => {
    const { isMap, isScalar, isSeq } = yamlLib();
    parsed ??= (() => {
      const lineCounter = new (yamlLib().LineCounter)();
      return { document: yamlLib().parseDocument(text, { lineCounter, merge: false }), lineCounter };
    })();
    const { document, lineCounter } = parsed;
    for (let depth = path.length; depth > 0; depth--) {
      const parent = document.getIn(path.slice(0, depth - 1), true) as Node | undefined;
      const segment = path[depth - 1];
      const node = isMap(parent)
        ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === segment)?.key
        : isSeq(parent) && typeof segment === 'number'
          ? parent.items[segment]
          : undefined;
      const start = (node as Node | undefined)?.range?.[0];
      if (start !== undefined) {
        return lineCounter.linePos(start).line;
      }
    }
    return document.contents?.range ? lineCounter.linePos(document.contents.range[0]).line : undefined;
  };
}

// One key order for every interaction, whatever order a hand-edited file had: `recordedAt`
// last, so a file cut short is missing it and fails to load.
function inFileOrder({ id, hash, request, response, recordedAt }: RecordedInteraction): RecordedInteraction {
  const half = <T extends RecordedRequest | RecordedResponse>(head: Omit<T, 'headers' | 'body'>, part: T): T =>
    ({ ...head, headers: part.headers, ...(part.body ? { body: part.body } : {}) }) as T;
  return {
    id,
    hash,
    request: half<RecordedRequest>({ method: request.method, url: request.url }, request),
    response: half<RecordedResponse>({ status: response.status }, response),
    recordedAt,
  };
}
