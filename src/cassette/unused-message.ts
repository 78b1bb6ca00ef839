import type { CassetteInteractionRef } from './errors.js';

/** How many unused recordings the warning names; the rest are counted. */
const SHOWN = 5;

/**
 * The message about recordings a run left unused: the count, the first few (a cassette of
 * thousands would otherwise print a line of a hundred kilobytes at every stop), and the fix.
 */
export function unusedMessage(displayPath: string, unused: readonly CassetteInteractionRef[]): string {
  const named = unused
    .slice(0, SHOWN)
    .map((u) => `${u.id} (${u.method} ${u.url})`)
    .join(', ');
  const more = unused.length > SHOWN ? ` and ${unused.length - SHOWN} more` : '';
  const were = unused.length === 1 ? ' was' : 's were';
  return (
    `Cassette ${displayPath}: ${unused.length} recording${were} not used in this run: ${named}${more}. ` +
    'Remove them (`spark-cassette prune`) or record the cassette again.'
  );
}
