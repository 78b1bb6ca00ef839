import { createHash } from 'node:crypto';
import type { PathSegment } from '../../cassette/body-paths.js';
import { storedBodyValue } from '../../cassette/body.js';
import { canonicalBody, normalizeUrl, withoutFields } from '../../cassette/normalize.js';
import type { CassetteFile, RecordedRequest } from '../../cassette/types.js';
import { cassetteTranscript } from '../transcript/transcript.js';
import { pairUp } from './align.js';
import { diffInteraction, type DiffSide } from './interaction-diff.js';
import { maskIds } from './mask-ids.js';
import type { CassetteDiff, ChangeKind } from './types.js';

/** One version of a cassette: the parsed file and how to name it. */
export interface CassetteVersion {
  file: CassetteFile;
  shown: string;
}

/**
 * Compares two versions of a cassette interaction by interaction. Identical requests are
 * paired first (in order, as diff(1) pairs equal lines); what lies between them is paired by
 * method and endpoint, so a request whose body changed meets its old version; the rest was
 * added or removed. `ignoredFields` are the cassette's `ignoreBodyFields`.
 */
export function diffCassettes(
  before: CassetteVersion | undefined,
  after: CassetteVersion | undefined,
  ignoredFields: readonly (readonly PathSegment[])[] = [],
): CassetteDiff {
  const [old, next] = [sides(before, ignoredFields), sides(after, ignoredFields)];
  const pairs = pairUp(
    { before: old.map(exactKey), after: next.map(exactKey) },
    { before: old.map(endpointKey), after: next.map(endpointKey) },
  );
  const interactions = pairs.map((pair) =>
    diffInteraction(
      pair.before === undefined ? undefined : old[pair.before],
      pair.after === undefined ? undefined : next[pair.after],
    ),
  );
  const counts: Record<ChangeKind, number> = { same: 0, changed: 0, added: 0, removed: 0 };
  for (const interaction of interactions) {
    counts[interaction.change]++;
  }
  return {
    ...(before ? { before: before.shown } : {}),
    ...(after ? { after: after.shown } : {}),
    change: !before ? 'added' : !after ? 'removed' : counts.same === interactions.length ? 'same' : 'changed',
    interactions,
    counts,
  };
}

function sides(version: CassetteVersion | undefined, ignoredFields: readonly (readonly PathSegment[])[]): DiffSide[] {
  if (!version) {
    return [];
  }
  const { interactions } = cassetteTranscript(version.file, version.shown);
  return version.file.interactions.map((interaction, index) => ({
    exchange: interactions[index] as DiffSide['exchange'],
    request: comparedRequest(interaction.request, ignoredFields),
  }));
}

function comparedRequest(request: RecordedRequest, ignoredFields: readonly (readonly PathSegment[])[]) {
  const value = request.body === undefined ? undefined : storedBodyValue(request.body);
  return { method: request.method, url: normalizeUrl(request.url), body: maskIds(withoutFields(value, ignoredFields)) };
}

function exactKey(side: DiffSide): string {
  const { method, url, body } = side.request;
  return createHash('sha256')
    .update(`${method} ${url}\n${canonicalBody(body, [])}`)
    .digest('base64');
}

function endpointKey(side: DiffSide): string {
  const { method, url } = side.request;
  const parsed = URL.parse(url);
  return `${method} ${parsed ? `${parsed.origin}${parsed.pathname}` : url}`;
}
